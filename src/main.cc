// The program picks its front door: the Lambda Runtime API when Lambda started it (the
// variable set and no arguments), the command line otherwise.
#include <cstdlib>
#include <string>

#include "cli/main.h"
#include "lambda/lambda_runtime.h"

int main(int argc, char** argv) {
  const char* lambda_api = std::getenv("AWS_LAMBDA_RUNTIME_API");
  if (lambda_api != nullptr && *lambda_api != '\0' && argc == 1) return s3prune::lambda::Main(lambda_api);
  return s3prune::cli::Main(argc, argv);
}
