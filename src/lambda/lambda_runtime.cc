#include "lambda/lambda_runtime.h"

#include <cstdlib>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/client_setup.h"
#include "cli/error_messages.h"
#include "cli/exit_codes.h"
#include "cli/interrupt.h"
#include "cli/log_lines.h"
#include "lambda/lambda_event.h"
#include "cli/run_targets.h"
#include "s3/credentials/system_io.h"
#include "report/json_view.h"
#include "s3/http/curl_transport.h"
#include "usecase/policy_in_s3.h"

namespace s3prune::lambda {
namespace {

// The Lambda door runs targets the way the command line's --config does.
using cli::Command;
using cli::ExpandTargets;
using cli::Options;
using cli::OutputFormat;
using cli::TargetSettings;
using cli::TargetsResult;
using cli::kExitChanged;
using cli::kExitFailure;
using cli::kExitSuccess;
using cli::kExitTerminated;
using cli::kExitUsage;

using std::chrono::milliseconds;

constexpr std::string_view kApiVersion = "/2018-06-01/runtime";

class RuntimeApi {
 public:
  explicit RuntimeApi(const std::string& address) : base_("http://" + address + std::string(kApiVersion)) {}

  // The next event; nullopt when the API stops answering.
  std::optional<s3::HttpResponse> Next() {
    s3::CurlSettings waiting;
    waiting.stall_timeout = std::chrono::seconds(0);  // the long poll may wait for hours
    auto reply = s3::CurlTransport(waiting).Send({"GET", base_ + "/invocation/next", {}, ""});
    if (!reply || reply->status != 200) return std::nullopt;
    return std::move(*reply);
  }

  void Post(const std::string& path, const std::string& body, s3::HttpHeaders headers = {}) {
    headers.emplace_back("Content-Type", "application/json");
    auto reply = s3::CurlTransport(s3::CurlSettings{}).Send({"POST", base_ + path, std::move(headers), body});
    if (!reply || reply->status >= 300) {
      std::cerr << "s3prune: the Lambda Runtime API refused " << path << " ("
                << (reply ? "HTTP " + std::to_string(reply->status) : reply.error().message) << ")\n";
    }
  }

  void Error(const std::string& path, const std::string& type, const std::string& message) {
    const nlohmann::json body = {{"errorMessage", message}, {"errorType", type}};
    Post(path, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
         {{"Lambda-Runtime-Function-Error-Type", type}});
  }

 private:
  std::string base_;
};

// Stops apply a little before the deadline: a tenth of the time left, between 5 and 30 s.
void ArmDeadline(std::string_view deadline_ms) {
  if (deadline_ms.empty()) return cli::SetStopDeadline(std::chrono::steady_clock::time_point::max());
  const auto deadline = std::chrono::system_clock::time_point(milliseconds(std::atoll(std::string(deadline_ms).c_str())));
  const auto left = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::system_clock::now());
  const auto margin = std::clamp<milliseconds>(left / 10, milliseconds(5000), milliseconds(30000));
  cli::SetStopDeadline(std::chrono::steady_clock::now() + left - margin);
}

// The targets of a policy file in S3, read with the function's own credentials.
std::expected<std::vector<TargetSettings>, std::string> FetchConfig(const usecase::S3Url& url, const s3::EnvLookup& env) {
  usecase::PlanRequest request;  // the function's own connection, from its environment
  request.root = {url.bucket, ""};
  const s3::ProviderIo io = s3::SystemProviderIo(env, s3::CurlSettingsFromEnvironment());
  auto setup = cli::SetUpClient(request, cli::Verbose::kQuiet, io, std::cerr);
  const std::string name = s3::ObjectUri(url.bucket, url.key);
  if (!setup) return std::unexpected("cannot read " + name + ": " + cli::DescribeError(setup.error(), {url.bucket, "", ""}));
  auto text = usecase::FetchPolicyText(*setup->client, url);
  if (!text) {
    return std::unexpected("cannot read " + name + ": " +
                           cli::DescribeError(text.error(), {url.bucket, setup->endpoint_description, setup->access_key_id}));
  }
  return cli::ParsePolicyFile(*text, name);
}

// The first error message of a JSON report, for errorMessage.
std::string FirstError(const nlohmann::json& report) {
  if (report.contains("error")) return report["error"].value("message", "");  // no target ran
  for (const auto& target : report.value("targets", nlohmann::json::array())) {
    if (target.contains("error")) return target.value("target", "") + ": " + target["error"].value("message", "");
    if (target.contains("result") && !target["result"].value("complete", true)) {
      return target.value("target", "") + ": the deletion is incomplete (see the report in the log)";
    }
  }
  return "see the report in the log";
}

void Invoke(RuntimeApi& api, const s3::HttpResponse& next, const std::optional<usecase::S3Url>& default_config,
            const s3::EnvLookup& env) {
  const std::string id{next.Header("lambda-runtime-aws-request-id")};
  const std::string error_path = "/invocation/" + id + "/error";
  if (const auto trace = next.Header("lambda-runtime-trace-id"); !trace.empty()) {
    setenv("_X_AMZN_TRACE_ID", std::string(trace).c_str(), 1);
  }
  ArmDeadline(next.Header("lambda-runtime-deadline-ms"));
  const auto event = ParseEventBody(next.body);
  auto job = event ? ParseLambdaEvent(*event, default_config) : std::unexpected(event.error());
  if (!job) return api.Error(error_path, "s3prune.InvalidEvent", job.error());
  std::vector<TargetSettings> targets = job->targets;
  if (job->config) {
    auto fetched = FetchConfig(*job->config, env);
    if (!fetched) return api.Error(error_path, "s3prune.InvalidConfig", fetched.error());
    targets = std::move(*fetched);
  }
  if (auto limited = CheckApplyLimits(*job, targets); !limited) {
    return api.Error(error_path, "s3prune.InvalidEvent", limited.error());
  }
  // Nobody reads a table or answers a prompt in a Lambda: JSON, and apply without asking
  // (CheckApplyLimits made max_delete the confirmation).
  Options base;
  base.command = job->mode == "apply" ? Command::kApply : Command::kPlan;
  base.output = OutputFormat::kJson;
  base.yes = job->mode == "apply";
  auto runs = ExpandTargets(targets, base);
  if (!runs) return api.Error(error_path, "s3prune.InvalidEvent", runs.error());
  std::ostringstream text_out;  // unused with json: each target's report is kept as a value
  const TargetsResult result = cli::RunTargets(*runs, true, text_out);
  const int code = result.exit_code;
  const std::string report = report::JsonText(result.document);
  if (code == kExitSuccess || code == kExitChanged) return api.Post("/invocation/" + id + "/response", report);
  // A failed prune is a failed invocation (alarms count those); its whole report goes to
  // the log, where errorMessage points.
  std::cout << report << "\n" << std::flush;
  const std::string reason = code == kExitTerminated ? "stopped before the Lambda deadline; invoke again to finish"
                                                     : FirstError(result.document);
  api.Error(error_path, "s3prune.Exit" + std::to_string(code), "s3prune exited " + std::to_string(code) + ": " + reason);
}

}  // namespace

int RunLambdaRuntime(const std::string& runtime_api, const s3::EnvLookup& env) {
  RuntimeApi api(runtime_api);
  std::optional<usecase::S3Url> default_config;
  if (auto configured = env("S3PRUNE_CONFIG")) {
    auto url = usecase::ParseObjectUrl(*configured);
    if (!url) {
      api.Error("/init/error", "s3prune.InvalidConfig", "S3PRUNE_CONFIG: " + url.error());
      return kExitUsage;
    }
    default_config = *url;
  }
  while (auto next = api.Next()) Invoke(api, *next, default_config, env);
  std::cerr << "s3prune: the Lambda Runtime API at " << runtime_api << " stopped answering; exiting\n";
  return kExitFailure;
}

int Main(const std::string& runtime_api) {
  const cli::JsonLogsOnStderr json_logs;
  try {
    return RunLambdaRuntime(runtime_api, s3::ProcessEnvironment());
  } catch (const std::exception& error) {
    std::cerr << "s3prune: internal error: " << error.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace s3prune::lambda
