#ifndef GUESTVOICE_TESTS_LOAD_RSS_SAMPLER_H_
#define GUESTVOICE_TESTS_LOAD_RSS_SAMPLER_H_

#include <sys/types.h>

#include <cstdint>
#include <ostream>
#include <thread>
#include <vector>

#include "absl/synchronization/notification.h"
#include "absl/time/time.h"

namespace guestvoice::load {

// One reading of a process's resident set.
struct RssSample {
  absl::Duration at;  // Since sampling started.
  int64_t kib = 0;
};

// The resident set after warm-up, and whether it stayed flat: it may not
// grow by more than kFlatGrowth of its first value from the first to the
// last sample of the window.
struct RssTrend {
  int64_t first_kib = 0;
  int64_t last_kib = 0;
  int64_t max_kib = 0;
  // Least-squares slope over the window.
  double slope_mib_per_minute = 0;
  bool flat = true;
};

// Reads VmRSS from /proc/PID/status once a second on its own thread.
class RssSampler {
 public:
  explicit RssSampler(pid_t pid);
  RssSampler(const RssSampler&) = delete;
  RssSampler& operator=(const RssSampler&) = delete;
  ~RssSampler();

  // Stops sampling and returns the samples taken.
  std::vector<RssSample> Stop();

 private:
  void Run();

  pid_t pid_;
  absl::Time start_;
  absl::Notification stop_;
  std::vector<RssSample> samples_;
  std::thread thread_;
};

// The trend of the samples taken after `warm_up`; first_kib is 0 when fewer
// than two were.
RssTrend TrendAfter(const std::vector<RssSample>& samples,
                    absl::Duration warm_up);

// The trend, and one sample every `every` so its shape shows.
void PrintRss(std::ostream& out, const std::vector<RssSample>& samples,
              absl::Duration warm_up, absl::Duration every);

}  // namespace guestvoice::load

#endif  // GUESTVOICE_TESTS_LOAD_RSS_SAMPLER_H_
