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

// The resident set after warm-up, and whether it stayed flat. RocksDB's
// memtables fill until the WAL limit forces a flush and then empty again, so
// the RSS is a sawtooth with a period of 70 to 100 s under the load test's
// traffic; a leak or an allocator that keeps what is freed lifts the
// troughs. Flat means that the lowest RSS of the window's last kTroughSpan is
// no more than kFlatGrowth above the lowest of its first kTroughSpan.
struct RssTrend {
  int64_t first_kib = 0;
  int64_t last_kib = 0;
  int64_t max_kib = 0;
  // Least-squares slope over the window.
  double slope_mib_per_minute = 0;
  // Whether the window holds two trough spans, and their lowest samples.
  bool judged = false;
  int64_t first_trough_kib = 0;
  int64_t last_trough_kib = 0;
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
// than two were, and it is flat unless judged.
RssTrend TrendAfter(const std::vector<RssSample>& samples,
                    absl::Duration warm_up);

// The trend, and one sample every `every` so its shape shows.
void PrintRss(std::ostream& out, const std::vector<RssSample>& samples,
              absl::Duration warm_up, absl::Duration every);

}  // namespace guestvoice::load

#endif  // GUESTVOICE_TESTS_LOAD_RSS_SAMPLER_H_
