#include "s3/client_factory.h"

namespace s3prune::s3 {

std::unique_ptr<S3Client> MakeSystemClient(ClientConfig config, CurlSettings curl) {
  return std::make_unique<S3Client>(
      std::move(config), [curl] { return std::make_unique<CurlTransport>(curl); }, SystemRetryHooks(),
      [] { return std::chrono::system_clock::now(); });
}

}  // namespace s3prune::s3
