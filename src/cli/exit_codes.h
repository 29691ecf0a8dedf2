// The documented exit codes; scripts depend on them (README "Exit codes").
#pragma once

namespace s3prune::cli {

inline constexpr int kExitSuccess = 0;
// Runtime error, or a safety check refused (nothing deleted); also stdout closed during
// apply's deletion, which stops it as a signal would (stderr says what was deleted).
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;    // bad flag or value; nothing was sent
inline constexpr int kExitPartial = 3;  // apply ran but some or all deletes failed (each is listed)
inline constexpr int kExitChanged = 4;  // apply left deployments written to since the plan whole
// Interrupted: 128 + the signal, as shells and init systems expect (SIGINT, SIGTERM). What was
// not started was not done; run again to finish.
inline constexpr int kExitInterrupted = 128 + 2;
inline constexpr int kExitTerminated = 128 + 15;

inline constexpr bool IsInterruption(int exit_code) {
  return exit_code == kExitInterrupted || exit_code == kExitTerminated;
}

}  // namespace s3prune::cli
