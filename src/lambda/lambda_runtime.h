// The same binary as an AWS Lambda function (custom runtime provided.al2023): when
// AWS_LAMBDA_RUNTIME_API is set and no command is given, it serves the Runtime API
// (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html):
//   GET  /2018-06-01/runtime/invocation/next          (no timeout: it waits for an event)
//   POST /2018-06-01/runtime/invocation/{id}/response  the JSON report (exit codes 0 and 4)
//   POST /2018-06-01/runtime/invocation/{id}/error     {errorMessage, errorType}, with
//        Lambda-Runtime-Function-Error-Type, for a bad event or a failed prune
//   POST /2018-06-01/runtime/init/error               a bad S3PRUNE_CONFIG
// Each event runs as `plan|apply --config`-style targets (lambda_event.h), with
// _X_AMZN_TRACE_ID set from Lambda-Runtime-Trace-Id, and apply stops starting new deletes
// shortly before Lambda-Runtime-Deadline-Ms, reporting what it did. Logs are JSON lines.
// Returns when the Runtime API stops answering (the sandbox is being shut down).
#pragma once

#include <string>

#include "s3/auth/credentials.h"

namespace s3prune::lambda {

int RunLambdaRuntime(const std::string& runtime_api, const s3::EnvLookup& env);

// The Lambda door's entry: stderr as JSON lines (what CloudWatch reads best), the runtime
// loop, and no exception past it.
int Main(const std::string& runtime_api);

}  // namespace s3prune::lambda
