#include <algorithm>

#include "cli/command_context.h"
#include "cli/exit_codes.h"
#include "cli/planning.h"
#include "prune/discovery.h"
#include "prune/key_layout.h"
#include "prune/lifecycle_schedule.h"
#include "report/json_view.h"
#include "report/markdown_view.h"
#include "report/progress.h"
#include "report/table_view.h"
#include "s3/bucket_operations.h"

namespace s3prune::cli {

int RunLs(CommandContext& context) {
  const Options& options = context.options;
  if (auto bucket = s3::HeadBucket(context.client, options.root.bucket); !bucket) return context.Fail(bucket.error());
  prune::ProgressCounters progress;
  prune::DiscoveryRequest request{options.root.bucket, options.root.key,
                                  ListingModeFor(options),
                                  options.concurrency, &progress};
  s3::Result<prune::Inventory> inventory = [&] {
    report::ProgressLine line(context.err, progress, context.ShowProgress());
    return prune::DiscoverDeployments(context.client, request);
  }();
  if (!inventory) return context.Fail(inventory.error());

  report::ListingReport listing{options.root.bucket, options.root.key, context.now,
                                std::move(inventory->deployments), inventory->root_objects, options.versions};
  for (auto& residue : inventory->residue) listing.deployments.push_back(std::move(residue));
  // Deployments handed to the lifecycle engine by apply --via lifecycle are marked.
  if (auto rules = s3::GetBucketLifecycle(context.client, options.root.bucket)) {
    for (const auto& rule : rules->rules) {
      const std::string id = prune::DeploymentOfRule(rule.id);
      if (!id.empty() && rule.prefix == prune::DeploymentPrefix(options.root.key, id)) listing.scheduled.insert(id);
    }
  } else {
    context.err << "warning: could not read the bucket's lifecycle rules (" << rules.error().message
                << "): deployments scheduled for expiry by apply --via lifecycle are not marked\n";
  }
  std::ranges::sort(listing.deployments, [](const policy::Deployment& a, const policy::Deployment& b) {
    return a.newest != b.newest ? a.newest > b.newest : a.id > b.id;
  });
  if (options.output == OutputFormat::kJson) {
    context.WriteJson(report::ListingJson(listing));
  } else if (options.quiet) {
    for (const auto& deployment : listing.deployments) context.out << deployment.id << "\n";
  } else {
    if (options.output == OutputFormat::kMarkdown) report::WriteListingMarkdown(context.out, listing);
    else report::WriteListingTable(context.out, listing);
  }
  return kExitSuccess;
}

}  // namespace s3prune::cli
