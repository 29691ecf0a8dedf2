#include "test_server.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>

#include "prune/parallel.h"
#include "s3/bucket_operations.h"
#include "s3/client_factory.h"
#include "s3/delete_operations.h"
#include "s3/paginator.h"
#include "s3/object_operations.h"

namespace s3prune::testing {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

// Writes stdin_text and reads both pipes until they close, without deadlocking on full pipes.
// Feeds stdin_text and collects stdout and stderr. With a prompt, stdin_text is held back
// until stdout shows prompt.wait_for, and prompt.meanwhile runs first.
void Pump(int in_fd, const std::string& stdin_text, int out_fd, int err_fd, ProcessResult& result, pid_t pid,
          const Prompt* prompt = nullptr) {
  std::size_t written = 0;
  bool answered = prompt == nullptr;
  if (stdin_text.empty()) {
    close(in_fd);
    in_fd = -1;
  }
  while (out_fd >= 0 || err_fd >= 0) {
    if (!answered && (prompt->on_stderr ? result.err : result.out).find(prompt->wait_for) != std::string::npos) {
      if (prompt->meanwhile) prompt->meanwhile();
      if (prompt->signal != 0) kill(pid, prompt->signal);
      if (prompt->close_stdout && out_fd >= 0) {
        close(out_fd);
        out_fd = -1;
      }
      answered = true;
    }
    pollfd fds[3] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}, {answered ? in_fd : -1, POLLOUT, 0}};
    if (poll(fds, 3, -1) < 0) break;
    char buffer[65536];
    for (int i = 0; i < 2; ++i) {
      int& fd = i == 0 ? out_fd : err_fd;
      if (fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = read(fd, buffer, sizeof buffer);
      if (n <= 0) {
        close(fd);
        fd = -1;
      } else {
        (i == 0 ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
      }
    }
    if (in_fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const ssize_t n = write(in_fd, stdin_text.data() + written, stdin_text.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      if (n <= 0 || written == stdin_text.size()) {
        close(in_fd);
        in_fd = -1;
      }
    }
  }
  if (in_fd >= 0) close(in_fd);
}

}  // namespace

bool IntegrationRequired() { return Env("S3PRUNE_REQUIRE_INTEGRATION") == "1"; }

namespace {

std::optional<ServerKind> ParseServerKind(const std::string& name) {
  if (name.empty() || name == "rgw") return ServerKind::kRgw;  // unset: the server scripts/s3-server starts by default
  if (name == "swift") return ServerKind::kSwift;
  return std::nullopt;
}

}  // namespace

std::string ServerKindProblem() {
  const auto name = Env("S3PRUNE_TEST_SERVER");
  if (ParseServerKind(name)) return "";
  return "S3PRUNE_TEST_SERVER='" + name + "' names no known server: rgw or swift (scripts/s3-server env prints it)";
}

std::string_view ServerName(ServerKind kind) {
  switch (kind) {
    case ServerKind::kRgw:
      return "rgw";
    case ServerKind::kSwift:
      return "swift";
  }
  return "?";
}

std::optional<TestServer> FindTestServer() {
  TestServer server{Env("S3PRUNE_TEST_ENDPOINT"), Env("AWS_ACCESS_KEY_ID"), Env("AWS_SECRET_ACCESS_KEY"),
                    Env("AWS_REGION")};
  if (server.endpoint.empty() || server.access_key_id.empty() || server.secret_access_key.empty()) return std::nullopt;
  if (server.region.empty()) server.region = "us-east-1";
  server.kind = ParseServerKind(Env("S3PRUNE_TEST_SERVER")).value_or(ServerKind::kRgw);
  return server;
}

std::string MissingFeature(const TestServer& server, Feature feature) {
  if (server.kind == ServerKind::kRgw) return "";  // RGW (pacific) has all three
  switch (feature) {
    case Feature::kLifecycle:
      return "Swift's S3 API has no lifecycle: GET ?lifecycle answers with a plain bucket listing, PUT ?lifecycle "
             "with MalformedXML, and DELETE ?lifecycle deletes the bucket";
    case Feature::kObjectLock:
      return "Swift's S3 API has no Object Lock: it takes PUT ?legal-hold for a PUT of the object (200; the hold's "
             "XML becomes the object's content), so no version can be made to refuse its delete";
    case Feature::kBucketPolicy:
      return "Swift's S3 API has no bucket policies: put-bucket-policy answers NotImplemented, so no Deny can be "
             "staged";
  }
  return "";
}

std::unique_ptr<s3::S3Client> MakeClient(const TestServer& server, const s3::Credentials& credentials) {
  s3::ClientConfig config;
  config.endpoint.endpoint_url = server.endpoint;
  config.region = server.region;
  config.credentials = credentials;
  config.max_in_flight = 16;
  return s3::MakeSystemClient(std::move(config));
}

std::unique_ptr<s3::S3Client> MakeClient(const TestServer& server) {
  return MakeClient(server, s3::Credentials{server.access_key_id, server.secret_access_key, ""});
}

std::string UniqueBucketName(std::string_view stem) {
  static std::atomic<int> counter{0};
  return "s3p-" + std::string(stem) + "-" + std::to_string(getpid()) + "-" + std::to_string(counter++);
}

ScopedBucket::ScopedBucket(const TestServer& server, std::string_view stem, Versioning versioning)
    : name_(UniqueBucketName(stem)), client_(MakeClient(server)) {
  auto created = s3::CreateBucket(*client_, name_);
  if (!created) ADD_FAILURE() << "CreateBucket " << name_ << ": " << created.error().message;
  if (versioning == Versioning::kEnabled) {
    auto enabled = s3::PutBucketVersioning(*client_, name_, s3::VersioningStatus::kEnabled);
    if (!enabled) ADD_FAILURE() << "PutBucketVersioning " << name_ << ": " << enabled.error().message;
  }
}

ScopedBucket::~ScopedBucket() {
  // Best effort: versions (which include current objects), then uploads, then the bucket.
  std::vector<s3::ObjectIdentifier> doomed;
  for (const auto& version : ListAllVersions(*client_, name_)) doomed.push_back({version.key, version.version_id});
  for (std::size_t start = 0; start < doomed.size(); start += s3::kMaxKeysPerDelete) {
    const auto count = std::min(s3::kMaxKeysPerDelete, doomed.size() - start);
    (void)s3::DeleteObjects(*client_, name_, std::span(doomed).subspan(start, count));
  }
  if (auto uploads = s3::ListMultipartUploads(*client_, {name_, "", "", "", 1000})) {
    for (const auto& upload : uploads->uploads) (void)s3::AbortMultipartUpload(*client_, name_, upload.key, upload.upload_id);
  }
  (void)s3::DeleteBucket(*client_, name_);
}

void PutObjects(s3::S3Client& client, const std::string& bucket, const std::vector<std::string>& keys,
                std::optional<std::string> body) {
  std::vector<std::string> errors(keys.size());
  prune::RunParallel(keys.size(), 8, [&](std::size_t i) {
    auto put = s3::PutObject(client, bucket, keys[i], body.value_or(keys[i]));
    if (!put) errors[i] = put.error().message;
  });
  for (std::size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(errors[i], "") << "PutObject '" << keys[i] << "'";
  }
}

void AwaitALaterServerSecond(s3::S3Client& client, const std::string& bucket, const std::string& prefix) {
  std::optional<util::Timestamp> newest;
  bool whole_seconds = true;
  auto listed = s3::PageObjects(client, {bucket, prefix, "", "", "", s3::kMaxKeysPerList},
                                [&](s3::ListObjectsPage& page) {
                                  for (const auto& object : page.objects) {
                                    if (object.last_modified.time_since_epoch() % std::chrono::seconds(1) !=
                                        std::chrono::milliseconds(0)) {
                                      whole_seconds = false;
                                    }
                                    if (!newest || object.last_modified > *newest) newest = object.last_modified;
                                  }
                                  return s3::PageControl::kContinue;
                                });
  if (!listed) ADD_FAILURE() << "ListObjectsV2 " << bucket << ": " << listed.error().message;
  if (!newest || !whole_seconds) return;
  // A write at exactly the newest second could still be given that second.
  const auto later = *newest + std::chrono::milliseconds(50);
  while (std::chrono::system_clock::now() < later) {
    std::this_thread::sleep_until(later);
  }
}

std::vector<std::string> ListAllKeys(s3::S3Client& client, const std::string& bucket, const std::string& prefix) {
  std::vector<std::string> keys;
  auto listed = s3::PageObjects(client, {bucket, prefix, "", "", "", s3::kMaxKeysPerList},
                                [&](s3::ListObjectsPage& page) {
                                  for (auto& object : page.objects) keys.push_back(std::move(object.key));
                                  return s3::PageControl::kContinue;
                                });
  if (!listed) ADD_FAILURE() << "ListObjectsV2 " << bucket << ": " << listed.error().message;
  return keys;
}

std::vector<s3::ObjectVersion> ListAllVersions(s3::S3Client& client, const std::string& bucket,
                                               const std::string& prefix) {
  std::vector<s3::ObjectVersion> versions;
  auto listed = s3::PageVersions(client, {bucket, prefix, "", "", "", s3::kMaxKeysPerList},
                                 [&](s3::ListVersionsPage& page) {
                                   for (auto& version : page.versions) versions.push_back(std::move(version));
                                   return s3::PageControl::kContinue;
                                 });
  if (!listed) ADD_FAILURE() << "ListObjectVersions " << bucket << ": " << listed.error().message;
  return versions;
}

ProcessResult RunProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                         const std::string& stdin_text) {
  return RunProcessAnswering(argv, env, stdin_text, nullptr);
}

ProcessResult RunProcessAnswering(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                                  const std::string& stdin_text, const Prompt* prompt) {
  ProcessResult result;
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0 || pipe(err_pipe) != 0) {
    ADD_FAILURE() << "pipe: " << std::strerror(errno);
    return result;
  }
  if (prompt != nullptr && prompt->close_stdout && prompt->wait_for.empty()) {
    close(out_pipe[0]);  // before the fork, so that no process ever holds it
    out_pipe[0] = -1;
  }
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(in_pipe[0], STDIN_FILENO);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) {
      if (fd >= 0) close(fd);
    }
    for (const auto& [name, value] : env) setenv(name.c_str(), value.c_str(), 1);
    std::vector<char*> args;
    for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  Pump(in_pipe[1], stdin_text, out_pipe[0], err_pipe[0], result, pid, prompt);
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

ProcessResult RunS3prune(const TestServer& server, const std::vector<std::string>& args,
                         const std::map<std::string, std::string>& env, const std::string& stdin_text) {
  std::vector<std::string> argv{S3PRUNE_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--endpoint-url");
  argv.push_back(server.endpoint);
  return RunProcess(argv, env, stdin_text);
}

ProcessResult RunAws(const TestServer& server, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"/usr/bin/aws", "--endpoint-url", server.endpoint, "--region", server.region};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--output");
  argv.push_back("json");
  return RunProcess(argv, {{"AWS_PAGER", ""}});
}

std::vector<std::string> AwsListKeys(const TestServer& server, const std::string& bucket, const std::string& prefix) {
  auto listed = RunAws(server, {"s3api", "list-objects-v2", "--bucket", bucket, "--prefix", prefix});
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  std::vector<std::string> keys;
  if (listed.exit_code != 0 || listed.out.empty()) return keys;
  const auto document = nlohmann::json::parse(listed.out);
  if (document.contains("Contents")) {
    for (const auto& object : document["Contents"]) keys.push_back(object["Key"].get<std::string>());
  }
  return keys;
}

}  // namespace s3prune::testing
