#include "cli/lambda_runtime.h"

#include <cstdlib>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cli/client_setup.h"
#include "cli/error_messages.h"
#include "cli/exit_codes.h"
#include "cli/interrupt.h"
#include "cli/lambda_event.h"
#include "cli/run_targets.h"
#include "s3/credentials/system_io.h"
#include "s3/http/curl_transport.h"
#include "usecase/policy_in_s3.h"

namespace s3prune::cli {
namespace {

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
  if (deadline_ms.empty()) return SetStopDeadline(std::chrono::steady_clock::time_point::max());
  const auto deadline = std::chrono::system_clock::time_point(milliseconds(std::atoll(std::string(deadline_ms).c_str())));
  const auto left = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::system_clock::now());
  const auto margin = std::clamp<milliseconds>(left / 10, milliseconds(5000), milliseconds(30000));
  SetStopDeadline(std::chrono::steady_clock::now() + left - margin);
}

// The targets of a policy file in S3, read with the function's own credentials.
std::expected<std::vector<TargetSettings>, std::string> FetchConfig(const usecase::S3Url& url, const s3::EnvLookup& env) {
  Options options;
  options.request.root = {url.bucket, ""};
  const s3::ProviderIo io = s3::SystemProviderIo(env, s3::CurlSettingsFromEnvironment());
  auto setup = SetUpClient(options, io, std::cerr);
  const std::string name = s3::ObjectUri(url.bucket, url.key);
  if (!setup) return std::unexpected("cannot read " + name + ": " + DescribeError(setup.error(), {url.bucket, "", ""}));
  auto text = usecase::FetchPolicyText(*setup->client, url);
  if (!text) {
    return std::unexpected("cannot read " + name + ": " +
                           DescribeError(text.error(), {url.bucket, setup->endpoint_description, setup->access_key_id}));
  }
  return ParsePolicyFile(*text, name);
}

// The first error message of a JSON report, for errorMessage.
std::string FirstError(const nlohmann::json& report) {
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
  const nlohmann::json event = nlohmann::json::parse(next.body, nullptr, false);
  auto job = event.is_discarded() ? std::unexpected(std::string("the event is not JSON")) : ParseLambdaEvent(event, default_config);
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
  std::vector<std::string> extra = {"--output", "json"};
  if (job->mode == "apply") extra.emplace_back("--yes");
  auto runs = ExpandTargets(targets, job->mode, extra);
  if (!runs) return api.Error(error_path, "s3prune.InvalidEvent", runs.error());
  std::ostringstream report;
  const int code = RunTargets(*runs, true, report);
  if (code == kExitSuccess || code == kExitChanged) {
    return api.Post("/invocation/" + id + "/response", report.str());
  }
  // A failed prune is a failed invocation (alarms count those); its whole report goes to
  // the log, where errorMessage points.
  std::cout << report.str() << std::flush;
  const std::string reason = code == 143 ? "stopped before the Lambda deadline; invoke again to finish"
                                         : FirstError(nlohmann::json::parse(report.str(), nullptr, false));
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

}  // namespace s3prune::cli
