#include "cli/help_text.h"

namespace s3prune::cli {
namespace {

// Kept in step with README "Exit codes" and cli/exit_codes.h.
constexpr std::string_view kExitCodes = R"(
Exit codes:
  0    success (apply: everything in the plan was deleted)
  1    runtime error or a safety refusal; nothing deleted (but stdout closed during
       apply's deletion, which stops it: stderr says what was deleted)
  2    usage error; nothing sent
  3    apply: some or all deletes failed (each is listed); run again to retry them
  4    apply left deployments written to since the plan whole; plan again
  130  interrupted (SIGINT), 143 terminated (SIGTERM): run again to finish
)";

constexpr std::string_view kTopExamples = R"(
Examples:
  s3prune ls s3://my-site/
  s3prune plan s3://my-site/ --keep-last 5 --keep-within 30d
  s3prune apply s3://my-site/ --keep-last 5 --keep-from s3://my-site/live.txt --max-delete 5000
  s3prune help plan
)";

constexpr std::string_view kLsExamples = R"(
Examples:
  s3prune ls s3://my-site/
  s3prune ls s3://my-bucket/sites/www/ --versions -o json
  s3prune --endpoint-url http://127.0.0.1:7480 ls s3://my-site/ -q
)";

constexpr std::string_view kPlanExamples = R"(
Examples:
  s3prune plan s3://my-site/ --keep-last 5
  s3prune plan s3://my-site/ --keep-last 3 --keep-within 30d --keep 'release-*' --keep 'hotfix-*'
  s3prune plan s3://my-site/ --keep-last 5 --keep-from s3://my-site/live/current.txt --exclude assets
  s3prune plan 's3://my-bucket/sites/*/' --keep-last 5 --keep-from 's3://my-bucket/sites/*/live.txt'
  s3prune plan s3://my-site/ --keep-last 5 --versions --out plan.json
  s3prune plan s3://my-site/ --keep-last 3 --keep-daily 7 --keep-weekly 4 --timezone Europe/Berlin
  s3prune plan s3://previews/ --group-by '^(main|pr-[0-9]+)-' --keep-last 3
  s3prune plan --config prune.yaml --output markdown
)";

constexpr std::string_view kApplyExamples = R"(
Examples:
  s3prune apply s3://my-site/ --keep-last 5                 # shows the plan, asks before deleting
  s3prune apply s3://my-site/ --keep-last 5 --yes --max-delete 5000
  s3prune apply --plan plan.json --yes                      # exactly the plan saved by plan --out
  s3prune apply s3://my-site/ --keep-within 30d --versions --log-deleted deleted.jsonl
  s3prune apply --config prune.yaml --yes --log-format json  # every target of a policy file
)";

}  // namespace

std::string HelpFooter(std::string_view command) {
  std::string_view examples = kTopExamples;
  if (command == "ls") examples = kLsExamples;
  if (command == "plan") examples = kPlanExamples;
  if (command == "apply") examples = kApplyExamples;
  std::string footer{examples};
  footer += kExitCodes;
  return footer;
}

}  // namespace s3prune::cli
