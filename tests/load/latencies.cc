#include "tests/load/latencies.h"

#include <algorithm>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace guestvoice::load {
namespace {

constexpr size_t kMaxErrorSamples = 10;

// The q-quantile (0..1) of sorted values, nearest rank.
absl::Duration Quantile(const std::vector<absl::Duration>& sorted, double q) {
  if (sorted.empty()) return absl::ZeroDuration();
  const size_t rank = static_cast<size_t>(q * (sorted.size() - 1) + 0.5);
  return sorted[rank];
}

double Millis(absl::Duration duration) {
  return absl::ToDoubleMilliseconds(duration);
}

}  // namespace

void Latencies::Record(const std::string& method, absl::Duration latency,
                       const absl::Status& status) {
  Method& recorded = methods_[method];
  recorded.latencies.push_back(latency);
  if (status.ok()) return;
  ++recorded.errors;
  if (error_samples_.size() < kMaxErrorSamples) {
    error_samples_.push_back(absl::StrCat(method, ": ", status.ToString()));
  }
}

void Latencies::Merge(const Latencies& other) {
  for (const auto& [name, method] : other.methods_) {
    Method& into = methods_[name];
    into.latencies.insert(into.latencies.end(), method.latencies.begin(),
                          method.latencies.end());
    into.errors += method.errors;
  }
  for (const std::string& sample : other.error_samples_) {
    if (error_samples_.size() < kMaxErrorSamples) {
      error_samples_.push_back(sample);
    }
  }
}

int64_t Latencies::errors() const {
  int64_t errors = 0;
  for (const auto& [name, method] : methods_) errors += method.errors;
  return errors;
}

void Latencies::Print(std::ostream& out, absl::Duration elapsed) const {
  out << absl::StrFormat("%-18s %8s %8s %7s %9s %9s %9s\n", "method", "calls",
                         "calls/s", "errors", "p50 ms", "p99 ms", "max ms");
  for (const auto& [name, method] : methods_) {
    std::vector<absl::Duration> sorted = method.latencies;
    std::sort(sorted.begin(), sorted.end());
    out << absl::StrFormat(
        "%-18s %8d %8.1f %7d %9.2f %9.2f %9.2f\n", name, sorted.size(),
        sorted.size() / absl::ToDoubleSeconds(elapsed), method.errors,
        Millis(Quantile(sorted, 0.5)), Millis(Quantile(sorted, 0.99)),
        Millis(sorted.empty() ? absl::ZeroDuration() : sorted.back()));
  }
}

}  // namespace guestvoice::load
