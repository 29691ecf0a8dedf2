#include "s3/credentials/credential_process.h"

#include "s3/core/timestamp.h"
#include "s3/credentials/credentials_json.h"
#include "util/text.h"

namespace s3prune::s3 {
namespace {

std::unexpected<Error> Failed(std::string message, std::string_view stderr_text) {
  const std::string_view said = util::Trim(stderr_text, util::kBlanksAndNewlines);
  if (!said.empty()) message += ": " + std::string(said);
  return std::unexpected(MakeError(ErrorCode::kNoCredentials, std::move(message)));
}

}  // namespace

Result<Credentials> RunCredentialProcess(const ProviderIo& io, const std::string& command_line) {
  const CommandResult result = io.run(command_line, kCredentialProcessTimeout);
  const std::string source = "credential_process '" + command_line + "'";
  if (result.ending == CommandResult::Ending::kTimedOut) {
    return Failed(source + " did not finish within " + std::to_string(kCredentialProcessTimeout.count()) +
                      " s and was stopped (does it wait for input or a browser?)",
                  result.err);
  }
  if (result.exit_code != 0) {
    return Failed(source + (result.exit_code < 0 ? " could not be run" : " exited with " + std::to_string(result.exit_code)),
                  result.err);
  }
  auto credentials = ParseCredentialsDocument(result.out, CredentialsDocument::kProcess, source);
  if (credentials && credentials->expiration && *credentials->expiration <= io.clock()) {
    return std::unexpected(MakeError(ErrorCode::kNoCredentials,
        source + " returned credentials that expired at " +
            FormatTimestamp(std::chrono::time_point_cast<std::chrono::seconds>(*credentials->expiration)) +
            ": it must print fresh ones"));
  }
  return credentials;
}

}  // namespace s3prune::s3
