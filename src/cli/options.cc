#include "cli/options.h"

#include <CLI/CLI.hpp>

#include <charconv>

#include "cli/exit_codes.h"
#include "cli/help_text.h"
#include "policy/duration.h"
#include "util/text.h"

#ifndef S3PRUNE_VERSION
#define S3PRUNE_VERSION "0.0.0"
#endif

namespace s3prune::cli {
namespace {

// Raw text of the options whose values are checked after CLI11 has split the line.
struct RawOptions {
  std::string target;
  std::string addressing = "auto";
  std::string output = "table";
  std::string log_format = "text";
  std::string keep_last;
  std::string keep_within;
  std::string undo_window = "7d";
  std::vector<std::string> keep_from;
  std::string age_by = "newest";
  std::string max_delete;
  std::string concurrency = "16";
  std::string max_attempts = "5";
  std::string price_per_gb = "0.023";
  std::string max_plan_age = "1d";
  std::string via = "delete";
  std::string inventory;
  bool versions = false;
  bool allow_missing_keep_from = false;
};

void AddGlobalOptions(CLI::App& app, Options& options, RawOptions& raw) {
  app.add_option("--endpoint-url", options.endpoint_url,
                 "S3-compatible endpoint, e.g. http://127.0.0.1:7480 (default: AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, AWS)")
      ->type_name("URL");
  app.add_option("--region", options.region, "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1)")
      ->type_name("REGION");
  app.add_option("--profile", options.profile, "profile in ~/.aws/credentials and ~/.aws/config (default: AWS_PROFILE)")
      ->type_name("NAME");
  app.add_option("--addressing", raw.addressing, "auto|path|virtual (auto: path-style for IPs and localhost)")
      ->type_name("STYLE");
  app.add_option("--output,-o", raw.output, "table|json|markdown (default table; markdown for CI job summaries)")
      ->type_name("FORMAT");
  app.add_option("--log-format", raw.log_format,
                 "text|json: messages on stderr as text (default) or one JSON object a line (CloudWatch, Loki)")
      ->type_name("FORMAT");
  app.add_option("--concurrency", raw.concurrency, "requests in flight at most (1-256, default 16)")->type_name("N");
  app.add_option("--expected-bucket-owner", options.expected_bucket_owner,
                 "S3 refuses every request when the bucket belongs to another account")
      ->type_name("ACCOUNT");
  app.add_option("--max-attempts", raw.max_attempts,
                 "tries per request for transient failures, the first included (1-20, default 5)")
      ->type_name("N");
  app.add_flag("--quiet,-q", options.quiet, "no progress and no plan table during apply; ls prints ids only");
  app.add_flag("--verbose,-v", options.verbose, "log every request (method, path, status, time) to stderr");
  app.add_flag("--stats", options.stats, "print request counts, retries, bytes and time to stderr");
}

void OneValueEach(CLI::Option* option, const char* type_name) {
  option->expected(1)->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  option->type_name(type_name);
}

void AddPolicyOptions(CLI::App& command, Options& options, RawOptions& raw) {
  command.add_option("--keep-last", raw.keep_last, "keep the N most recent deployments (N >= 1)")->type_name("N");
  command.add_option("--keep-within", raw.keep_within, "keep deployments younger than DURATION (90s, 45m, 12h, 30d, 2w, 1d12h)")
      ->type_name("DURATION");
  // One value per flag (repeat the flag for more), so that a value list never swallows the
  // target or the next option's argument.
  OneValueEach(command.add_option("--keep", options.request.policy.keep_globs,
                                  "keep deployments whose id matches GLOB (repeat for more)"), "GLOB");
  OneValueEach(command.add_option("--keep-from", raw.keep_from,
                                  "keep the deployment ids listed in the object s3://BUCKET/KEY, one per line (repeat for more)"),
               "URL");
  OneValueEach(command.add_option("--exclude", options.request.policy.exclude_globs,
                                  "GLOB of prefixes that are not deployments: never deleted, never counted (repeat for more)"),
               "GLOB");
  command.add_flag("--allow-missing-keep-from", raw.allow_missing_keep_from,
                   "warn, instead of refusing, when a --keep-from pointer is empty or names no deployment");
  command.add_option("--undo-window", raw.undo_window,
                     "with --versions, purge residue (only old versions and delete markers) only once its newest "
                     "delete marker is older than DURATION (default 7d; 0: at once)")
      ->type_name("DURATION");
  command.add_option("--age-by", raw.age_by, "newest|oldest: which object's time dates a deployment (default newest)")
      ->type_name("WHICH");
  command.add_flag("--versions", raw.versions, "also delete noncurrent versions and delete markers (versioned buckets)");
  command.add_option("--max-delete", raw.max_delete, "refuse to delete more than N objects (plan says when apply would)")
      ->type_name("N");
  command.add_option("--inventory", raw.inventory,
                     "plan from the S3 Inventory report with this manifest.json instead of listing (very large "
                     "buckets); apply lists each doomed deployment again before deleting")
      ->type_name("URL");
  command.add_option("--via", raw.via,
                     "delete|lifecycle: delete the objects (default), or hand them to S3's lifecycle engine as "
                     "expiry rules (for buckets too large to delete from one machine)")
      ->type_name("HOW");
  command.add_option("--price-per-gb", raw.price_per_gb, "USD per GB-month for the saving estimate (0-1000, default 0.023)")
      ->type_name("USD");
}

std::expected<void, std::string> ParseUnsigned(const std::string& text, const char* name, std::uint64_t min,
                                               std::uint64_t max, std::uint64_t& out) {
  const auto value = util::ParseWholeNumber(text);
  if (!value || *value < min || *value > max) {
    return std::unexpected(std::string(name) + " must be a whole number from " + std::to_string(min) + " to " +
                           std::to_string(max) + ", not '" + text + "'");
  }
  out = *value;
  return {};
}

// How to run, for every command: addressing, output and concurrency.
std::expected<void, std::string> CheckRunValues(Options& options, const RawOptions& raw) {
  auto addressing = s3::ParseAddressing(raw.addressing);
  if (!addressing) return std::unexpected(addressing.error().message);
  options.addressing = *addressing;
  if (raw.output != "table" && raw.output != "json" && raw.output != "markdown") {
    return std::unexpected("--output must be table, json or markdown, not '" + raw.output + "'");
  }
  options.output = raw.output == "json"       ? OutputFormat::kJson
                   : raw.output == "markdown" ? OutputFormat::kMarkdown
                                              : OutputFormat::kTable;
  if (raw.log_format != "text" && raw.log_format != "json") {
    return std::unexpected("--log-format must be text or json, not '" + raw.log_format + "'");
  }
  options.log_format = raw.log_format == "json" ? LogFormat::kJson : LogFormat::kText;
  std::uint64_t concurrency = 0;
  if (auto ok = ParseUnsigned(raw.concurrency, "--concurrency", 1, 256, concurrency); !ok) return ok;
  options.request.concurrency = concurrency;
  // ls counts versions with it; plan and apply delete them (apply --plan takes the plan's).
  options.request.versions = raw.versions ? usecase::Versions::kAll : usecase::Versions::kCurrentOnly;
  std::uint64_t attempts = 0;
  if (auto ok = ParseUnsigned(raw.max_attempts, "--max-attempts", 1, 20, attempts); !ok) return ok;
  options.max_attempts = static_cast<int>(attempts);
  return {};
}

// The limits and estimates of plan and apply, with or without a saved plan.
std::expected<void, std::string> CheckDeleteLimits(Options& options, const RawOptions& raw) {
  if (!raw.max_delete.empty()) {
    std::uint64_t max_delete = 0;
    if (auto ok = ParseUnsigned(raw.max_delete, "--max-delete", 0, UINT64_MAX, max_delete); !ok) return ok;
    options.request.max_delete = max_delete;
  }
  // from_chars in fixed format: no hex ("0x10"), no exponent, no "inf" or "nan".
  const std::string& price = raw.price_per_gb;
  double value = -1;
  const auto [end, error] = std::from_chars(price.data(), price.data() + price.size(), value,
                                            std::chars_format::fixed);
  if (error != std::errc{} || end != price.data() + price.size() || !(value >= 0 && value <= 1000)) {
    return std::unexpected("--price-per-gb must be a decimal number of USD from 0 to 1000 (e.g. 0.023), not '" +
                           price + "'");
  }
  options.price_per_gb = value;
  return {};
}

std::expected<void, std::string> CheckPolicyValues(Options& options, const RawOptions& raw) {
  if (!raw.keep_last.empty()) {
    auto keep_last = policy::ParseKeepLast(raw.keep_last);
    if (!keep_last) return std::unexpected(keep_last.error());
    options.request.policy.keep_last = *keep_last;
  }
  if (!raw.keep_within.empty()) {
    auto within = policy::ParseDuration(raw.keep_within);
    if (!within) return std::unexpected("--keep-within: " + within.error());
    options.request.policy.keep_within = *within;
  }
  if (raw.undo_window == "0") {
    options.request.policy.undo_window = {std::chrono::seconds{0}, "0"};  // purge residue at once: no undo
  } else {
    auto undo_window = policy::ParseDuration(raw.undo_window);
    if (!undo_window) return std::unexpected("--undo-window: " + undo_window.error() + ", or 0 for none");
    options.request.policy.undo_window = *undo_window;
  }
  for (const auto& text : raw.keep_from) {
    auto url = usecase::ParseObjectUrl(text);
    if (!url) return std::unexpected("--keep-from: " + url.error());
    options.request.keep_from.push_back(*url);
  }
  if (raw.age_by != "newest" && raw.age_by != "oldest") {
    return std::unexpected("--age-by must be newest or oldest, not '" + raw.age_by + "'");
  }
  options.request.policy.age_by = raw.age_by == "oldest" ? policy::AgeBy::kOldest : policy::AgeBy::kNewest;
  if (raw.via != "delete" && raw.via != "lifecycle") {
    return std::unexpected("--via must be delete or lifecycle, not '" + raw.via + "'");
  }
  options.request.via = raw.via == "lifecycle" ? usecase::Via::kLifecycle : usecase::Via::kDelete;
  options.request.missing_pointers =
      raw.allow_missing_keep_from ? usecase::MissingPointers::kWarn : usecase::MissingPointers::kRefuse;
  if (!raw.inventory.empty()) {
    auto url = usecase::ParseObjectUrl(raw.inventory);
    if (!url) return std::unexpected("--inventory: " + url.error());
    options.request.inventory = *url;
    if (!options.plan_out.empty()) {
      return std::unexpected("--inventory plans cannot be saved with --out yet: run apply --inventory with the same flags");
    }
  }
  if (auto ok = CheckDeleteLimits(options, raw); !ok) return ok;
  if (auto valid = policy::Validate(options.request.policy); !valid) return std::unexpected(valid.error());
  return {};
}

std::expected<void, std::string> CheckValues(Options& options, const RawOptions& raw, bool has_policy) {
  auto root = usecase::ParseRootUrl(raw.target);
  if (!root) return std::unexpected(root.error());
  options.request.root = *root;
  if (auto ok = CheckRunValues(options, raw); !ok) return ok;
  if (!has_policy) return {};
  return CheckPolicyValues(options, raw);
}

// apply --plan FILE: the plan fixes the target and the policy; only how to apply it may be given.
std::expected<void, std::string> CheckSavedPlanOptions(const CLI::App& apply, Options& options, const RawOptions& raw) {
  if (!raw.target.empty()) {
    return std::unexpected("--plan " + options.plan_file + " names its own target: drop '" + raw.target + "'");
  }
  for (const char* name : {"--keep-last", "--keep-within", "--keep", "--keep-from", "--exclude", "--age-by", "--versions",
                           "--undo-window", "--allow-missing-keep-from", "--via", "--inventory"}) {
    if (apply.count(name) > 0) {
      return std::unexpected(std::string(name) + " cannot be combined with --plan: the saved plan already decided; "
                                                 "plan again to change the policy");
    }
  }
  if (auto ok = CheckRunValues(options, raw); !ok) return ok;
  auto age = policy::ParseDuration(raw.max_plan_age);
  if (!age) return std::unexpected("--max-plan-age: " + age.error());
  options.max_plan_age = age->length;
  return CheckDeleteLimits(options, raw);
}

// `s3prune --keep-last 1 plan ...`: CLI11 would say "not expected: 1 --keep-last". Name the
// option and where it goes instead. Global options may come before the command; the options
// of plan and apply only after it.
std::optional<std::string> CommandOptionBeforeCommand(const CLI::App& app, const CLI::App& plan, const CLI::App& apply,
                                                      int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "ls" || arg == "plan" || arg == "apply") return std::nullopt;
    if (!arg.starts_with('-')) continue;
    const std::string name{arg.substr(0, arg.find('='))};
    if (app.get_option_no_throw(name) != nullptr) continue;
    const bool of_plan = plan.get_option_no_throw(name) != nullptr;
    const bool of_apply = apply.get_option_no_throw(name) != nullptr;
    if (!of_plan && !of_apply) continue;
    const std::string commands = of_plan && of_apply ? "plan and apply" : of_plan ? "plan" : "apply";
    std::string example{arg};
    if (name == arg && i + 1 < argc && !std::string_view(argv[i + 1]).starts_with('-')) {
      example += std::string(" ") + argv[i + 1];
    }
    return name + " is an option of " + commands + ": put it after the command, e.g. s3prune " +
           (of_plan ? "plan" : "apply") + " s3://BUCKET/ " + example;
  }
  return std::nullopt;
}

}  // namespace

namespace {

// Whether the command line gives option `name` (or its short form, "" for none) the value
// `value`, in any spelling CLI11 accepts: "--name value", "--name=value", "-n value", "-nvalue".
bool OptionIs(int argc, const char* const* argv, std::string_view name, std::string_view short_name,
              std::string_view value) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool next_is_value = i + 1 < argc && std::string_view(argv[i + 1]) == value;
    if ((arg == name || (!short_name.empty() && arg == short_name)) && next_is_value) return true;
    if (arg.starts_with(name) && arg.substr(name.size()) == "=" + std::string(value)) return true;
    if (!short_name.empty() && arg.starts_with(short_name) && arg.substr(short_name.size()) == value) return true;
  }
  return false;
}

}  // namespace

bool WantsJsonOutput(int argc, const char* const* argv) { return OptionIs(argc, argv, "--output", "-o", "json"); }

bool WantsJsonLogs(int argc, const char* const* argv) { return OptionIs(argc, argv, "--log-format", "", "json"); }

std::expected<Options, CommandLineExit> ParseCommandLine(int argc, const char* const* argv) {
  Options options;
  RawOptions raw;
  CLI::App app{"s3prune: prune old deployments from S3 and S3-compatible buckets", "s3prune"};
  app.set_version_flag("--version", "s3prune " S3PRUNE_VERSION);
  app.require_subcommand(1, 1);
  app.allow_windows_style_options(false);
  AddGlobalOptions(app, options, raw);
  auto* ls = app.add_subcommand("ls", "list deployments: id, newest and oldest object time, age, objects, bytes");
  auto* plan = app.add_subcommand("plan", "show what would be kept and deleted, and why; changes nothing");
  auto* apply = app.add_subcommand("apply", "plan, show it, confirm, delete, report");
  app.footer(HelpFooter(""));
  for (auto* command : {ls, plan, apply}) {
    command->fallthrough();  // global options may follow the command name
    command->footer(HelpFooter(command->get_name()));
    // Required, but checked after parsing: --plan FILE and --config FILE bring their own.
    command->add_option("target", raw.target, "s3://BUCKET[/PREFIX/] (required unless --config or --plan names it)")
        ->type_name("TARGET");
  }
  AddPolicyOptions(*plan, options, raw);
  AddPolicyOptions(*apply, options, raw);
  for (auto* command : {plan, apply}) {
    command->add_option("--config", options.config_file,
                        "run the targets of the policy file FILE (YAML; its keys are these flags' names), one after "
                        "another; flags given here override the file")
        ->type_name("FILE");
  }
  plan->add_option("--out", options.plan_out, "also save the plan to FILE (JSON) for `apply --plan FILE`")
      ->type_name("FILE");
  apply->add_flag("--yes,-y", options.yes, "do not ask for confirmation");
  apply->add_option("--plan", options.plan_file,
                    "apply the plan saved by `plan --out FILE` exactly, without planning again (no target or policy)")
      ->type_name("FILE");
  apply->add_option("--log-deleted", options.log_deleted,
                    "append one JSON line per deleted key or version to FILE, as each batch completes")
      ->type_name("FILE");
  apply->add_option("--max-plan-age", raw.max_plan_age,
                    "with --plan, refuse a plan older than DURATION (default 1d)")
      ->type_name("DURATION");
  ls->add_flag("--versions", raw.versions, "also count noncurrent versions and delete markers");

  // `s3prune help [COMMAND]`, as git and kubectl read it.
  if (argc >= 2 && std::string_view(argv[1]) == "help") {
    if (argc == 2) return std::unexpected(CommandLineExit{kExitSuccess, app.help()});
    for (auto* command : {ls, plan, apply}) {
      if (argc == 3 && command->get_name() == argv[2]) {
        return std::unexpected(CommandLineExit{kExitSuccess, command->help("s3prune")});
      }
    }
    return std::unexpected(CommandLineExit{kExitUsage, "help takes one of ls, plan or apply, not '" +
                                                           std::string(argv[argc - 1]) + "' (see s3prune help)"});
  }
  if (auto misplaced = CommandOptionBeforeCommand(app, *plan, *apply, argc, argv)) {
    return std::unexpected(CommandLineExit{kExitUsage, *misplaced});
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    return std::unexpected(CommandLineExit{kExitSuccess, app.help()});
  } catch (const CLI::CallForAllHelp&) {
    return std::unexpected(CommandLineExit{kExitSuccess, app.help("", CLI::AppFormatMode::All)});
  } catch (const CLI::CallForVersion&) {
    return std::unexpected(CommandLineExit{kExitSuccess, "s3prune " S3PRUNE_VERSION "\n"});
  } catch (const CLI::ParseError& error) {
    std::string message = error.what();
    if (message.empty()) message = error.get_name();
    return std::unexpected(CommandLineExit{kExitUsage, message + " (see s3prune --help)"});
  }
  options.command = ls->parsed() ? Command::kLs : plan->parsed() ? Command::kPlan : Command::kApply;
  if (!options.config_file.empty()) {
    if (!raw.target.empty()) {
      return std::unexpected(CommandLineExit{kExitUsage, "--config " + options.config_file +
                                                             " names its own targets: drop '" + raw.target + "'"});
    }
    if (!options.plan_file.empty()) {
      return std::unexpected(CommandLineExit{kExitUsage, "--config and --plan cannot be combined: a saved plan is one target"});
    }
    if (!options.plan_out.empty()) {
      return std::unexpected(CommandLineExit{kExitUsage, "--config and --out cannot be combined: --out saves one target's plan"});
    }
    if (auto checked = CheckRunValues(options, raw); !checked) {
      return std::unexpected(CommandLineExit{kExitUsage, checked.error()});
    }
    return options;
  }
  if (!options.plan_file.empty()) {
    if (auto checked = CheckSavedPlanOptions(*apply, options, raw); !checked) {
      return std::unexpected(CommandLineExit{kExitUsage, checked.error()});
    }
    return options;
  }
  if (raw.target.empty()) {
    const std::string instead = options.command == Command::kLs    ? ""
                                : options.command == Command::kPlan ? ", or --config FILE"
                                                                    : ", --config FILE or --plan FILE";
    return std::unexpected(CommandLineExit{kExitUsage, "target is required: s3://BUCKET[/PREFIX/]" + instead +
                                                           " (see s3prune help)"});
  }
  if (auto checked = CheckValues(options, raw, options.command != Command::kLs); !checked) {
    return std::unexpected(CommandLineExit{kExitUsage, checked.error()});
  }
  return options;
}

}  // namespace s3prune::cli
