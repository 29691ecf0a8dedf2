// The program: parse the command line, set up the S3 client, run the command, and turn
// every outcome into a documented exit code. Exceptions stop here: none reaches the user.
#pragma once

namespace s3prune::cli {

int Main(int argc, char** argv);

}  // namespace s3prune::cli
