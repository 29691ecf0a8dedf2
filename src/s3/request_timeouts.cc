#include "s3/request_timeouts.h"

#include <string>

#include "util/text.h"

namespace s3prune::s3 {
namespace {

constexpr std::uint64_t kLongestTimeoutSeconds = 3600;

Error BadTimeouts(std::string_view text, const std::string& why) {
  return MakeError(ErrorCode::kBadConfig, "S3PRUNE_TIMEOUTS='" + std::string(text) + "': " + why +
                                              " (expected e.g. list=30,delete=60,request=10, seconds from 1 to 3600)");
}

}  // namespace

std::chrono::seconds RequestTimeouts::For(OperationKind kind) const {
  switch (kind) {
    case OperationKind::kListObjects:
    case OperationKind::kListVersions:
    case OperationKind::kListUploads: return list;
    case OperationKind::kDeleteObjects: return delete_batch;
    case OperationKind::kDeleteObject:
    case OperationKind::kAbortUpload:
    case OperationKind::kGetObject:
    case OperationKind::kPutObject:
    case OperationKind::kBucket: return request;
  }
  return request;
}

Result<RequestTimeouts> ParseRequestTimeouts(std::string_view text, RequestTimeouts defaults) {
  RequestTimeouts timeouts = defaults;
  if (util::Trim(text).empty()) return timeouts;
  std::string_view rest = text;
  for (bool more = true; more;) {
    const auto comma = rest.find(',');
    const std::string_view item = util::Trim(rest.substr(0, comma));
    more = comma != std::string_view::npos;
    if (more) rest.remove_prefix(comma + 1);
    const auto equals = item.find('=');
    if (equals == std::string_view::npos) return std::unexpected(BadTimeouts(text, "'" + std::string(item) + "' has no '='"));
    const std::string_view name = util::Trim(item.substr(0, equals));
    const auto seconds = util::ParseWholeNumber(util::Trim(item.substr(equals + 1)));
    if (!seconds || *seconds == 0 || *seconds > kLongestTimeoutSeconds) {
      return std::unexpected(BadTimeouts(text, "the value of '" + std::string(name) + "' is not a number of seconds"));
    }
    const std::chrono::seconds value(static_cast<long long>(*seconds));
    if (name == "list") {
      timeouts.list = value;
    } else if (name == "delete") {
      timeouts.delete_batch = value;
    } else if (name == "request") {
      timeouts.request = value;
    } else {
      return std::unexpected(BadTimeouts(text, "unknown name '" + std::string(name) + "'"));
    }
  }
  return timeouts;
}

}  // namespace s3prune::s3
