#ifndef GUESTVOICE_TESTS_TESTING_FAKE_CLOCK_H_
#define GUESTVOICE_TESTS_TESTING_FAKE_CLOCK_H_

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/clock.h"

namespace guestvoice::testing {

// A clock that moves only when a test says so.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(absl::Time start = absl::FromCivil(
                         absl::CivilSecond(2026, 1, 15, 12, 0, 0),
                         absl::UTCTimeZone()))
      : now_(start) {}

  absl::Time Now() const override {
    absl::MutexLock lock(&mutex_);
    return now_;
  }
  void Set(absl::Time now) {
    absl::MutexLock lock(&mutex_);
    now_ = now;
  }
  void Advance(absl::Duration duration) {
    absl::MutexLock lock(&mutex_);
    now_ += duration;
  }

 private:
  mutable absl::Mutex mutex_;
  absl::Time now_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_TESTING_FAKE_CLOCK_H_
