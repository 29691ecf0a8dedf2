#include "cli/command_context.h"
#include "cli/exit_codes.h"
#include "report/display_text.h"
#include "report/json_view.h"
#include "report/markdown_view.h"
#include "report/progress.h"
#include "report/table_view.h"
#include "usecase/listing.h"

namespace s3prune::cli {

int RunLs(CommandContext& context) {
  const Options& options = context.options;
  prune::ProgressCounters progress;
  auto listing = [&] {
    report::ProgressLine line(context.err, progress, context.ShowProgress());
    return usecase::ListDeployments(options.request, context.client, context.now, &progress);
  }();
  if (!listing) return context.Fail(listing.error());
  for (const auto& warning : listing->warnings) context.err << "warning: " << report::Printable(warning) << "\n";
  if (options.output == OutputFormat::kJson) {
    context.WriteJson(report::ListingJson(*listing));
  } else if (options.quiet) {
    for (const auto& deployment : listing->deployments) context.out << deployment.id << "\n";
  } else {
    if (options.output == OutputFormat::kMarkdown) report::WriteListingMarkdown(context.out, *listing);
    else report::WriteListingTable(context.out, *listing);
  }
  return kExitSuccess;
}

}  // namespace s3prune::cli
