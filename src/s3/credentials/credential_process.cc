#include "s3/credentials/credential_process.h"

#include "s3/credentials/credentials_json.h"
#include "util/text.h"

namespace s3prune::s3 {

Result<Credentials> RunCredentialProcess(const ProviderIo& io, const std::string& command_line) {
  const CommandResult result = io.run(command_line);
  const std::string source = "credential_process '" + command_line + "'";
  if (result.exit_code != 0) {
    std::string message = source + (result.exit_code < 0 ? " could not be run" : " exited with " + std::to_string(result.exit_code));
    const std::string_view said = util::Trim(result.err, util::kBlanksAndNewlines);
    if (!said.empty()) message += ": " + std::string(said);
    return std::unexpected(MakeError(ErrorCode::kNoCredentials, std::move(message)));
  }
  return ParseCredentialsDocument(result.out, CredentialsDocument::kProcess, source);
}

}  // namespace s3prune::s3
