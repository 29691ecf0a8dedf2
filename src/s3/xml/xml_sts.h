// The replies of STS AssumeRole and AssumeRoleWithWebIdentity: the temporary credentials in
// `<XxxResponse><XxxResult><Credentials>`. Errors come as `<ErrorResponse>`, read by
// xml_error.h. Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "s3/core/credentials.h"
#include "s3/core/error.h"

namespace s3prune::s3 {

// `action` is "AssumeRole" or "AssumeRoleWithWebIdentity": the root must be
// <ACTIONResponse>. AccessKeyId, SecretAccessKey and Expiration are required; an empty or
// absent SessionToken is kept empty and then not sent (STS always sends one; test endpoints
// that hand out a server's own long-term keys do not).
Result<Credentials> ParseStsCredentials(std::string_view xml, std::string_view action);

}  // namespace s3prune::s3
