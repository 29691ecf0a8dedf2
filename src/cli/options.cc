#include "cli/options.h"

#include <CLI/CLI.hpp>

#include <map>
#include <string_view>

#include "cli/exit_codes.h"
#include "cli/help_text.h"
#include "policy/duration.h"
#include "usecase/target_pattern.h"

#ifndef S3PRUNE_VERSION
#define S3PRUNE_VERSION "0.0.0"
#endif

namespace s3prune::cli {
namespace {

// Raw text of the options, as CLI11 split the line; checked after parsing. The target options
// of the table are kept by name (a map's nodes stay where they are, so CLI11 may bind them).
struct RawOptions {
  std::string target;
  std::string output = "table";
  std::string log_format = "text";
  std::string max_plan_age = "1d";
  std::map<std::string_view, std::string> scalars;
  std::map<std::string_view, std::vector<std::string>> lists;
  std::map<std::string_view, bool> flags;
};

void OneValueEach(CLI::Option* option) {
  option->expected(1)->allow_extra_args(false)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

// The flags of the table's options of `scope` on `command`. One value per list flag (repeat
// the flag for more), so that a value list never swallows the target or the next option.
void AddTableOptions(CLI::App& command, usecase::OptionScope scope, RawOptions& raw) {
  for (const auto& option : usecase::PolicyOptions()) {
    if (option.scope != scope) continue;
    const std::string flag = usecase::FlagOf(option);
    const std::string help{option.help};
    switch (option.value) {
      case usecase::OptionValue::kFlag: command.add_flag(flag, raw.flags[option.name], help); break;
      case usecase::OptionValue::kList:
        OneValueEach(command.add_option(flag, raw.lists[option.name], help)->type_name(std::string(option.value_name)));
        break;
      case usecase::OptionValue::kScalar:
        command.add_option(flag, raw.scalars[option.name], help)->type_name(std::string(option.value_name));
        break;
    }
  }
}

void AddGlobalOptions(CLI::App& app, Options& options, RawOptions& raw) {
  AddTableOptions(app, usecase::OptionScope::kEveryCommand, raw);
  app.add_option("--output,-o", raw.output, "table|json|markdown (default table; markdown for CI job summaries)")
      ->type_name("FORMAT");
  app.add_option("--log-format", raw.log_format,
                 "text|json: messages on stderr as text (default) or one JSON object a line (CloudWatch, Loki)")
      ->type_name("FORMAT");
  app.add_flag("--quiet,-q", options.quiet, "no progress and no plan table during apply; ls prints ids only");
  app.add_flag("--verbose,-v", options.verbose, "log every request (method, path, status, time) to stderr");
  app.add_flag("--stats", options.stats, "print request counts, retries, bytes and time to stderr");
}

// The target options the command line gave, in the table's terms: global ones on `app`, the
// others on the command that ran.
std::vector<usecase::Setting> GivenSettings(const CLI::App& app, const CLI::App& command, const RawOptions& raw) {
  std::vector<usecase::Setting> settings;
  for (const auto& option : usecase::PolicyOptions()) {
    const std::string flag = usecase::FlagOf(option);
    const CLI::Option* given = command.get_option_no_throw(flag);
    if (given == nullptr || given->count() == 0) given = app.get_option_no_throw(flag);
    if (given == nullptr || given->count() == 0) continue;
    switch (option.value) {
      case usecase::OptionValue::kFlag:
        if (raw.flags.at(option.name)) settings.push_back({&option, {"true"}, 0});
        break;
      case usecase::OptionValue::kList: settings.push_back({&option, raw.lists.at(option.name), 0}); break;
      case usecase::OptionValue::kScalar: settings.push_back({&option, {raw.scalars.at(option.name)}, 0}); break;
    }
  }
  return settings;
}

// How to show the run, for every command.
std::expected<void, std::string> CheckOutputValues(Options& options, const RawOptions& raw) {
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
  return {};
}

// The request of the command line's target options; the error is the setting's own line.
std::expected<void, std::string> MakeRequest(Options& options, usecase::Purpose purpose, const std::string& root) {
  auto request = usecase::RequestFromSettings(purpose, root, options.settings);
  if (!request) return std::unexpected(request.error().message);
  options.request = std::move(*request);
  return {};
}

// apply --plan FILE: the plan fixes the target and the policy; only how to apply it may be given.
std::expected<void, std::string> CheckSavedPlanOptions(Options& options, const RawOptions& raw) {
  if (!raw.target.empty()) {
    return std::unexpected("--plan " + options.plan_file + " names its own target: drop '" + raw.target + "'");
  }
  for (const auto& setting : options.settings) {
    if (setting.option->with_saved_plan == usecase::WithSavedPlan::kRefused) {
      return std::unexpected(usecase::FlagOf(*setting.option) +
                             " cannot be combined with --plan: the saved plan already decided; plan again to change "
                             "the policy");
    }
  }
  if (auto ok = CheckOutputValues(options, raw); !ok) return ok;
  auto age = policy::ParseDuration(raw.max_plan_age);
  if (!age) return std::unexpected("--max-plan-age: " + age.error());
  options.max_plan_age = age->length;
  return MakeRequest(options, usecase::Purpose::kElsewhere, "");
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

namespace {

// The program's CLI11 description, bound to `options` and `raw`.
struct CommandLine {
  CLI::App app{"s3prune: prune old deployments from S3 and S3-compatible buckets", "s3prune"};
  CLI::App* ls = nullptr;
  CLI::App* plan = nullptr;
  CLI::App* apply = nullptr;
};

void Describe(CommandLine& line, Options& options, RawOptions& raw) {
  CLI::App& app = line.app;
  app.set_version_flag("--version", "s3prune " S3PRUNE_VERSION);
  app.require_subcommand(1, 1);
  app.allow_windows_style_options(false);
  AddGlobalOptions(app, options, raw);
  line.ls = app.add_subcommand("ls", "list deployments: id, newest and oldest object time, age, objects, bytes");
  line.plan = app.add_subcommand("plan", "show what would be kept and deleted, and why; changes nothing");
  line.apply = app.add_subcommand("apply", "plan, show it, confirm, delete, report");
  app.footer(HelpFooter(""));
  for (auto* command : {line.ls, line.plan, line.apply}) {
    command->fallthrough();  // global options may follow the command name
    command->footer(HelpFooter(command->get_name()));
    // Required, but checked after parsing: --plan FILE and --config FILE bring their own.
    command->add_option("target", raw.target, "s3://BUCKET[/PREFIX/] (required unless --config or --plan names it); one whole segment may be * (s3://B/sites/*/: every site)")
        ->type_name("TARGET");
  }
  for (auto* command : {line.plan, line.apply}) {
    AddTableOptions(*command, usecase::OptionScope::kPlanAndApply, raw);
    command->add_option("--config", options.config_file,
                        "run the targets of the policy file FILE (YAML; its keys are these flags' names), one after "
                        "another; flags given here override the file (keep, keep-from and exclude add to its lists)")
        ->type_name("FILE");
  }
  line.plan->add_option("--out", options.plan_out, "also save the plan to FILE (JSON) for `apply --plan FILE`")
      ->type_name("FILE");
  line.apply->add_flag("--yes,-y", options.yes, "do not ask for confirmation");
  line.apply->add_option("--plan", options.plan_file,
                         "apply the plan saved by `plan --out FILE` exactly, without planning again (no target or policy)")
      ->type_name("FILE");
  line.apply->add_option("--log-deleted", options.log_deleted,
                         "append one JSON line per deleted key or version to FILE, as each batch completes")
      ->type_name("FILE");
  line.apply->add_option("--max-plan-age", raw.max_plan_age, "with --plan, refuse a plan older than DURATION (default 1d)")
      ->type_name("DURATION");
  line.ls->add_flag("--versions", raw.flags["versions"], "also count noncurrent versions and delete markers");
  // ls shows each deployment's time as plan would date it (its row's help says how).
  for (const auto& option : usecase::PolicyOptions()) {
    if (option.name == "time-from") {
      line.ls->add_option(usecase::FlagOf(option), raw.scalars[option.name], std::string(option.help))
          ->type_name(std::string(option.value_name));
    }
  }
}

// `s3prune help [COMMAND]`, as git and kubectl read it; nullopt when argv is no help request.
std::optional<CommandLineExit> HelpRequest(const CommandLine& line, int argc, const char* const* argv) {
  if (argc < 2 || std::string_view(argv[1]) != "help") return std::nullopt;
  if (argc == 2) return CommandLineExit{kExitSuccess, line.app.help()};
  for (auto* command : {line.ls, line.plan, line.apply}) {
    if (argc == 3 && command->get_name() == argv[2]) return CommandLineExit{kExitSuccess, command->help("s3prune")};
  }
  return CommandLineExit{kExitUsage, "help takes one of ls, plan or apply, not '" + std::string(argv[argc - 1]) +
                                         "' (see s3prune help)"};
}

std::optional<CommandLineExit> Parse(CommandLine& line, int argc, const char* const* argv) {
  try {
    line.app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    return CommandLineExit{kExitSuccess, line.app.help()};
  } catch (const CLI::CallForAllHelp&) {
    return CommandLineExit{kExitSuccess, line.app.help("", CLI::AppFormatMode::All)};
  } catch (const CLI::CallForVersion&) {
    return CommandLineExit{kExitSuccess, "s3prune " S3PRUNE_VERSION "\n"};
  } catch (const CLI::ParseError& error) {
    std::string message = error.what();
    if (message.empty()) message = error.get_name();
    return CommandLineExit{kExitUsage, message + " (see s3prune --help)"};
  }
  return std::nullopt;
}

// plan|apply --config FILE: the file names the targets; the command line only lays flags over them.
std::expected<void, std::string> CheckConfigOptions(Options& options, const RawOptions& raw) {
  if (!raw.target.empty()) return std::unexpected("--config " + options.config_file + " names its own targets: drop '" + raw.target + "'");
  if (!options.plan_file.empty()) return std::unexpected("--config and --plan cannot be combined: a saved plan is one target");
  if (!options.plan_out.empty()) return std::unexpected("--config and --out cannot be combined: --out saves one target's plan");
  if (auto ok = CheckOutputValues(options, raw); !ok) return ok;
  // The settings are checked with each target; those that need no target are checked now.
  return MakeRequest(options, usecase::Purpose::kElsewhere, "");
}

std::expected<void, std::string> CheckTargetOptions(Options& options, const RawOptions& raw) {
  if (raw.target.empty()) {
    const std::string instead = options.command == Command::kLs    ? ""
                                : options.command == Command::kPlan ? ", or --config FILE"
                                                                    : ", --config FILE or --plan FILE";
    return std::unexpected("target is required: s3://BUCKET[/PREFIX/]" + instead + " (see s3prune help)");
  }
  if (auto ok = CheckOutputValues(options, raw); !ok) return ok;
  const auto purpose = options.command == Command::kLs ? usecase::Purpose::kList : usecase::Purpose::kPlan;
  if (auto ok = MakeRequest(options, purpose, raw.target); !ok) return ok;
  if (options.request.inventory && !options.plan_out.empty()) {
    return std::unexpected("--inventory plans cannot be saved with --out yet: run apply --inventory with the same flags");
  }
  if (usecase::HasWildcard(options.request.root) && !options.plan_out.empty()) {
    return std::unexpected("--out saves one target's plan, and " + raw.target +
                           " stands for every folder its '*' matches: name one site to save its plan");
  }
  return {};
}

}  // namespace

std::expected<Options, CommandLineExit> ParseCommandLine(int argc, const char* const* argv) {
  Options options;
  RawOptions raw;
  CommandLine line;
  Describe(line, options, raw);
  if (auto help = HelpRequest(line, argc, argv)) return std::unexpected(*help);
  if (auto misplaced = CommandOptionBeforeCommand(line.app, *line.plan, *line.apply, argc, argv)) {
    return std::unexpected(CommandLineExit{kExitUsage, *misplaced});
  }
  if (auto exit = Parse(line, argc, argv)) return std::unexpected(*exit);
  CLI::App& command = line.ls->parsed() ? *line.ls : line.plan->parsed() ? *line.plan : *line.apply;
  options.command = line.ls->parsed() ? Command::kLs : line.plan->parsed() ? Command::kPlan : Command::kApply;
  options.settings = GivenSettings(line.app, command, raw);
  auto checked = !options.config_file.empty() ? CheckConfigOptions(options, raw)
                 : !options.plan_file.empty() ? CheckSavedPlanOptions(options, raw)
                                              : CheckTargetOptions(options, raw);
  if (!checked) return std::unexpected(CommandLineExit{kExitUsage, checked.error()});
  return options;
}

}  // namespace s3prune::cli
