// The footers of `--help`: examples for each command and the exit codes, so that the help a
// user reads in a terminal agrees with the README without opening it.
#pragma once

#include <string>
#include <string_view>

namespace s3prune::cli {

// "ls", "plan", "apply", or "" for the top-level help.
std::string HelpFooter(std::string_view command);

}  // namespace s3prune::cli
