// How long a request may go without receiving a byte before it is a timeout, per kind of
// work. One limit for all was wrong both ways: a HEAD answers at once, while a 1,000-key
// DeleteObjects on OpenStack Swift answers only when every key is gone (10-15 s measured),
// so a limit short enough to notice a dead server cut deletes the server went on to finish.
// The limits are on silence, not on the whole transfer: a long listing that keeps sending is
// never cut off. Plain values; S3PRUNE_TIMEOUTS (read by the command line's client setup)
// overrides them.
#pragma once

#include <chrono>
#include <string_view>

#include "s3/core/error.h"
#include "s3/request_stats.h"

namespace s3prune::s3 {

struct RequestTimeouts {
  // HEAD, GET of a pointer, versioning and lifecycle, one-key DeleteObject, AbortMultipartUpload:
  // answered at once by any live server, so a dead one is noticed in 10 s.
  std::chrono::seconds request{10};
  // A listing page (up to 1,000 keys or versions): the server reads its index first.
  std::chrono::seconds list{30};
  // A DeleteObjects batch (up to 1,000 keys), answered when every key is done: the AWS CLI
  // waits 60 s for a reply.
  std::chrono::seconds delete_batch{60};

  std::chrono::seconds For(OperationKind kind) const;
};

// "list=30,delete=60,request=10", any subset, whole seconds from 1 to 3600, as in
// S3PRUNE_TIMEOUTS. An unknown name, a missing or bad number is kBadConfig naming it.
Result<RequestTimeouts> ParseRequestTimeouts(std::string_view text, RequestTimeouts defaults = {});

}  // namespace s3prune::s3
