#ifndef GUESTVOICE_TESTS_LOAD_LATENCIES_H_
#define GUESTVOICE_TESTS_LOAD_LATENCIES_H_

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace guestvoice::load {

// Per-method call latencies and failures. One per caller, so recording takes
// no lock; the callers' recorders are merged at the end.
class Latencies {
 public:
  void Record(const std::string& method, absl::Duration latency,
              const absl::Status& status);
  void Merge(const Latencies& other);

  int64_t errors() const;
  // count, errors, p50, p99 and max per method, over `elapsed`.
  void Print(std::ostream& out, absl::Duration elapsed) const;
  // The first few failures, for the report.
  const std::vector<std::string>& error_samples() const {
    return error_samples_;
  }

 private:
  struct Method {
    std::vector<absl::Duration> latencies;
    int64_t errors = 0;
  };

  std::map<std::string, Method> methods_;
  std::vector<std::string> error_samples_;
};

}  // namespace guestvoice::load

#endif  // GUESTVOICE_TESTS_LOAD_LATENCIES_H_
