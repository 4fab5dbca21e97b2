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

}  // namespace guestvoice

#endif  // GUESTVOICE_COMMON_CLOCK_H_
