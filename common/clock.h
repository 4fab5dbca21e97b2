#ifndef GUESTVOICE_COMMON_CLOCK_H_
#define GUESTVOICE_COMMON_CLOCK_H_

#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace guestvoice {

// The source of "now" for everything that stores or compares times, so that
// tests can pin time instead of sleeping.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

// Wall-clock time.
class SystemClock final : public Clock {
 public:
  absl::Time Now() const override { return absl::Now(); }
};

// A clock that always reads the time it was given: the cluster mode's
// receiving node prepares, and every node applies, a command with the clock
// pinned at the command's receive time.
class PinnedClock final : public Clock {
 public:
  explicit PinnedClock(absl::Time now) : now_(now) {}
  absl::Time Now() const override { return now_; }

 private:
  const absl::Time now_;
};

}  // namespace guestvoice

#endif  // GUESTVOICE_COMMON_CLOCK_H_
