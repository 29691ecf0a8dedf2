// What a fuzz target asserts beyond "no crash, no sanitizer report": a property that must hold
// for every input. A failed check prints what broke and aborts, which libFuzzer (and the
// corpus replay in the unit tests) reports as a crash with the input that caused it.
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                            \
  do {                                                                                   \
    if (!(condition)) {                                                                  \
      std::fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (false)
