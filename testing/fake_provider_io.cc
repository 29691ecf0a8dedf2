#include "testing/fake_provider_io.h"

namespace s3prune::s3::fake {

void FakeProviderIo::Script(const std::string& method_and_url, std::vector<Reply> replies) {
  http_[method_and_url] = std::deque<Reply>(replies.begin(), replies.end());
}

ProviderIo FakeProviderIo::Io() {
  ProviderIo io;
  io.env = [this](std::string_view name) -> std::optional<std::string> {
    const auto it = env.find(std::string(name));
    if (it == env.end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
  io.read_file = [this](const std::string& path) -> std::optional<std::string> {
    const auto it = files.find(path);
    if (it == files.end()) return std::nullopt;
    return it->second;
  };
  io.run = [this](const std::string& command, std::chrono::seconds timeout) {
    command_timeouts.push_back(timeout);
    const auto it = commands.find(command);
    return it == commands.end() ? CommandResult{127, "", "sh: command not found"} : it->second;
  };
  io.clock = [this] { return now; };
  io.http = [this](const HttpRequest& request, std::chrono::seconds timeout) -> Reply {
    requests.push_back(request);
    timeouts.push_back(timeout);
    const auto it = http_.find(request.method + " " + request.url);
    if (it == http_.end() || it->second.empty()) {
      return std::unexpected(TransportError{TransportFailure::kConnect, "connection refused"});
    }
    Reply reply = it->second.front();
    if (it->second.size() > 1) it->second.pop_front();
    return reply;
  };
  return io;
}

std::expected<HttpResponse, TransportError> Ok(std::string body, int status) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

std::string StsReply(const std::string& action, const std::string& key_id, const std::string& expiration) {
  return "<" + action + "Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><" + action +
         "Result><Credentials><AccessKeyId>" + key_id + "</AccessKeyId><SecretAccessKey>secret-of-" + key_id +
         "</SecretAccessKey><SessionToken>token-of-" + key_id + "</SessionToken><Expiration>" + expiration +
         "</Expiration></Credentials></" + action + "Result></" + action + "Response>";
}

}  // namespace s3prune::s3::fake
