#include "s3/client.h"

#include <algorithm>

#include "s3/core/digest.h"
#include "s3/core/timestamp.h"
#include "s3/error_mapping.h"
#include "s3/auth/sigv4.h"
#include "s3/core/uri_encode.h"

namespace s3prune::s3 {
namespace {

constexpr std::string_view kService = "s3";

// S3 refuses signatures more than 15 minutes from its clock.
constexpr auto kMaxSkew = std::chrono::minutes(15);

// How far the reply's Date is ahead of `time` (negative: behind); nullopt without a Date.
std::optional<std::chrono::milliseconds> ServerAheadOf(const HttpResponse& response,
                                                      std::chrono::system_clock::time_point time) {
  const auto date = ParseHttpDate(response.Header("date"));
  if (!date) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::milliseconds>(
      *date - std::chrono::time_point_cast<std::chrono::milliseconds>(time));
}

bool SkewedBeyondLimit(const HttpResponse& response, std::chrono::system_clock::time_point signed_at) {
  const auto ahead = ServerAheadOf(response, signed_at);
  return ahead && (*ahead > kMaxSkew || *ahead < -kMaxSkew);
}

}  // namespace

S3Client::S3Client(ClientConfig config, TransportFactory transports, RetryHooks hooks, WallClock clock)
    : config_(std::move(config)),
      transports_(std::move(transports)),
      hooks_(std::move(hooks)),
      clock_(std::move(clock)),
      in_flight_(std::make_unique<AdaptiveLimit>(config_.max_in_flight)) {}

std::optional<Timestamp> S3Client::LatestServerTime() const {
  const std::int64_t ms = latest_server_ms_.load(std::memory_order_relaxed);
  if (ms == kNoServerTime) return std::nullopt;
  return Timestamp(std::chrono::milliseconds(ms));
}

void S3Client::LearnClockOffset(const HttpResponse& response, std::chrono::system_clock::time_point local_time) {
  // Absolute, not added to the current offset, so concurrent skewed replies agree.
  if (const auto ahead = ServerAheadOf(response, local_time)) clock_offset_ms_.store(ahead->count());
}

void S3Client::NoteServerTime(const HttpResponse& response) {
  const auto date = ParseHttpDate(response.Header("date"));
  if (!date) return;
  const std::int64_t ms = date->time_since_epoch().count();
  std::int64_t seen = latest_server_ms_.load(std::memory_order_relaxed);
  while (ms > seen && !latest_server_ms_.compare_exchange_weak(seen, ms, std::memory_order_relaxed)) {
  }
}

std::string S3Client::RegionFor(const std::string& bucket) {
  std::lock_guard lock(region_mutex_);
  auto it = bucket_regions_.find(bucket);
  return it == bucket_regions_.end() ? config_.region : it->second;
}

Error S3Client::NoteUnsupported(const S3Request& request, Error error) {
  const Feature feature = FeatureOf(request);
  const std::string name = RequestName(request);
  const std::string answer = error.http_status == 0 ? error.message
                                                    : "HTTP " + std::to_string(error.http_status) +
                                                          (error.s3_code.empty() ? "" : " " + error.s3_code);
  capabilities_.Learn({feature, name, answer});
  error.code = ErrorCode::kUnsupported;
  error.message = "this store does not support " + std::string(FeatureName(feature)) + " (" + name + " answered " +
                  answer + ")";
  return error;
}

Result<HttpResponse> S3Client::Execute(const S3Request& request) {
  std::string region = RegionFor(request.bucket);
  bool followed_region = false;
  bool corrected_clock = false;
  int timeouts = 0;
  for (int attempt = 1;; ++attempt) {
    auto response = SendOnce(request, region, attempt);
    if (response) {
      NoteServerTime(*response);
      return response;
    }
    const Error& error = response.error();
    // A bucket in another region: S3 names it; retry there once, without spending an attempt.
    if (error.code == ErrorCode::kWrongRegion && !error.region.empty() && error.region != region &&
        !followed_region) {
      followed_region = true;
      region = error.region;
      {
        std::lock_guard lock(region_mutex_);
        bucket_regions_[request.bucket] = region;
      }
      --attempt;
      continue;
    }
    // Our clock is off (a cron box without NTP): SendOnce took the offset from the server's
    // Date; sign again with it, once, without spending an attempt (as the SDKs' clock skew
    // adjustment does).
    if (error.code == ErrorCode::kClockSkew && !corrected_clock && clock_offset_ms_.load() != 0) {
      corrected_clock = true;
      --attempt;
      continue;
    }
    if (error.code == ErrorCode::kTimeout) ++timeouts;
    // A DeleteObjects that timed out may well have been carried out (Swift answers only once
    // every key is gone, and goes on after the client hangs up): sent again, it would wait as
    // long again. Its caller lists the keys instead and sends what is left in smaller batches.
    const bool outcome_is_the_callers = request.kind == OperationKind::kDeleteObjects && error.code == ErrorCode::kTimeout;
    if (outcome_is_the_callers || !ShouldRetry(error, attempt, timeouts, config_.retry)) {
      stats_.CountFailure();
      if (error.code == ErrorCode::kUnsupported) return std::unexpected(NoteUnsupported(request, error));
      return response;
    }
    stats_.CountRetry();
    // A server that says when to come back is believed, up to the longest backoff.
    const auto asked = std::min<std::chrono::milliseconds>(error.retry_after, config_.retry.max_delay);
    hooks_.sleep(std::max(BackoffDelay(attempt, hooks_.random_unit(), config_.retry), asked));
  }
}

Result<HttpResponse> S3Client::SendOnce(const S3Request& request, const std::string& region,
                                        int attempt) {
  auto endpoint = ResolveBucketEndpoint(config_.endpoint, request.bucket, region);
  if (!endpoint) return std::unexpected(endpoint.error());

  SigningRequest signing;
  signing.method = request.method;
  signing.encoded_path = endpoint->bucket_path + "/" + UriEncode(request.key, SlashEncoding::kKeep);
  signing.query = request.query;
  signing.headers = request.headers;
  if (!config_.expected_bucket_owner.empty()) {
    signing.headers.emplace_back("x-amz-expected-bucket-owner", config_.expected_bucket_owner);
  }
  signing.headers.emplace_back("host", endpoint->host);
  signing.payload_sha256 = Sha256Hex(request.body);

  HttpRequest http;
  http.method = request.method;
  const std::string query = CanonicalQueryString(request.query);
  const std::string path_and_query = signing.encoded_path + (query.empty() ? "" : "?" + query);
  http.url = endpoint->scheme_and_host + path_and_query;
  http.headers = request.headers;
  if (!config_.expected_bucket_owner.empty()) {
    http.headers.emplace_back("x-amz-expected-bucket-owner", config_.expected_bucket_owner);
  }
  Credentials credentials = config_.credentials;
  if (config_.credentials_source) {
    auto current = config_.credentials_source->Current();
    if (!current) return std::unexpected(std::move(current.error()));
    credentials = std::move(*current);
  }
  const auto local_time = clock_();
  const auto signing_time = local_time + std::chrono::milliseconds(clock_offset_ms_.load());
  for (auto& header : SignRequest(signing, credentials, region, kService,
                                  std::chrono::time_point_cast<std::chrono::seconds>(signing_time))) {
    http.headers.push_back(std::move(header));
  }
  http.body = request.body;
  http.stall_timeout = config_.timeouts.For(request.kind);

  in_flight_->Acquire();
  const auto started = std::chrono::steady_clock::now();
  auto sent = transports_.Borrow()->Send(http);
  in_flight_->Release();
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);

  const std::uint64_t bytes_sent = http.body.size() + path_and_query.size();
  const int status = sent ? sent->status : 0;
  stats_.CountAttempt(request.kind, bytes_sent, sent ? sent->body.size() : 0);
  if (sent && (sent->status == 503 || sent->status == 429)) {
    in_flight_->OnThrottled();
  } else if (sent && sent->status >= 200 && sent->status < 300) {
    in_flight_->OnSuccess();
  }
  Result<HttpResponse> result = [&]() -> Result<HttpResponse> {
    if (!sent) return std::unexpected(ErrorFromTransport(sent.error()));
    if (status >= 200 && status < 300) return std::move(*sent);
    Error error = ErrorFromResponse(*sent);
    if (error.code == ErrorCode::kAccessDenied && http.method == "HEAD" && SkewedBeyondLimit(*sent, signing_time)) {
      // A HEAD reply has no body to say RequestTimeTooSkewed; its Date says it.
      error.code = ErrorCode::kClockSkew;
    }
    if (error.code == ErrorCode::kClockSkew) LearnClockOffset(*sent, local_time);
    return std::unexpected(std::move(error));
  }();
  if (logger_) {
    logger_(RequestLogEntry{http.method, path_and_query, status, elapsed, attempt,
                            result ? std::string_view{} : std::string_view(result.error().message)});
  }
  return result;
}

}  // namespace s3prune::s3
