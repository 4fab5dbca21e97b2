#ifndef GUESTVOICE_TESTS_FUZZ_FUZZ_CHECK_H_
#define GUESTVOICE_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

// A property every input must keep: a broken one aborts, which libFuzzer
// reports as a crash with the input saved, and the corpus runner as a failed
// test. (assert() would vanish in the release build the runner uses.)
#define FUZZ_CHECK(condition)                                          \
  do {                                                                 \
    if (!(condition)) {                                                \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, \
                   __LINE__, #condition);                              \
      std::abort();                                                    \
    }                                                                  \
  } while (false)

#endif  // GUESTVOICE_TESTS_FUZZ_FUZZ_CHECK_H_
