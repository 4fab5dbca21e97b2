#include "tests/load/rss_sampler.h"

#include <algorithm>
#include <fstream>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"

namespace guestvoice::load {
namespace {

constexpr absl::Duration kSamplePeriod = absl::Seconds(1);
// Long enough to hold one trough of the memtables' fill-and-flush cycle
// (70 to 100 s in the load test's traffic; RssTrend).
constexpr absl::Duration kTroughSpan = absl::Seconds(100);
// Growth from the first trough to the last that still counts as flat.
constexpr double kFlatGrowth = 0.10;

// The lowest sample of `window` taken in [from, to).
int64_t LowestBetween(const std::vector<RssSample>& window, absl::Duration from,
                      absl::Duration to) {
  int64_t lowest = 0;
  for (const RssSample& sample : window) {
    if (sample.at < from || sample.at >= to) continue;
    if (lowest == 0 || sample.kib < lowest) lowest = sample.kib;
  }
  return lowest;
}

// VmRSS of a process in KiB; 0 when it has gone.
int64_t ReadRssKib(pid_t pid) {
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  for (std::string line; std::getline(status, line);) {
    absl::string_view rest = line;
    if (!absl::ConsumePrefix(&rest, "VmRSS:")) continue;
    rest = absl::StripSuffix(absl::StripAsciiWhitespace(rest), " kB");
    int64_t kib = 0;
    return absl::SimpleAtoi(rest, &kib) ? kib : 0;
  }
  return 0;
}

double Mib(int64_t kib) { return kib / 1024.0; }

}  // namespace

RssSampler::RssSampler(pid_t pid)
    : pid_(pid), start_(absl::Now()), thread_([this] { Run(); }) {}

RssSampler::~RssSampler() {
  if (thread_.joinable()) Stop();
}

std::vector<RssSample> RssSampler::Stop() {
  stop_.Notify();
  thread_.join();
  return std::move(samples_);
}

void RssSampler::Run() {
  // The period is the measurement's, not a wait for anything: Stop() ends it
  // at once.
  do {
    samples_.push_back({absl::Now() - start_, ReadRssKib(pid_)});
  } while (!stop_.WaitForNotificationWithTimeout(kSamplePeriod));
}

RssTrend TrendAfter(const std::vector<RssSample>& samples,
                    absl::Duration warm_up) {
  std::vector<RssSample> window;
  for (const RssSample& sample : samples) {
    if (sample.at >= warm_up) window.push_back(sample);
  }
  RssTrend trend;
  if (window.size() < 2) return trend;
  trend.first_kib = window.front().kib;
  trend.last_kib = window.back().kib;
  double mean_t = 0, mean_kib = 0;
  for (const RssSample& sample : window) {
    trend.max_kib = std::max(trend.max_kib, sample.kib);
    mean_t += absl::ToDoubleMinutes(sample.at) / window.size();
    mean_kib += static_cast<double>(sample.kib) / window.size();
  }
  double covariance = 0, variance = 0;
  for (const RssSample& sample : window) {
    const double dt = absl::ToDoubleMinutes(sample.at) - mean_t;
    covariance += dt * (sample.kib - mean_kib);
    variance += dt * dt;
  }
  trend.slope_mib_per_minute = variance > 0 ? Mib(covariance / variance) : 0;
  const absl::Duration start = window.front().at, end = window.back().at;
  trend.judged = end - start >= 2 * kTroughSpan;
  if (!trend.judged) return trend;
  trend.first_trough_kib = LowestBetween(window, start, start + kTroughSpan);
  trend.last_trough_kib =
      LowestBetween(window, end - kTroughSpan, end + kSamplePeriod);
  trend.flat = trend.last_trough_kib - trend.first_trough_kib <=
               static_cast<int64_t>(kFlatGrowth * trend.first_trough_kib);
  return trend;
}

void PrintRss(std::ostream& out, const std::vector<RssSample>& samples,
              absl::Duration warm_up, absl::Duration every) {
  out << "RSS MiB every " << absl::FormatDuration(every) << ":";
  absl::Duration next = absl::ZeroDuration();
  for (const RssSample& sample : samples) {
    if (sample.at < next) continue;
    out << absl::StrFormat(" %.0f", Mib(sample.kib));
    next += every;
  }
  out << "\n";
  const RssTrend trend = TrendAfter(samples, warm_up);
  if (trend.first_kib == 0) {
    out << "RSS: " << samples.size() << " samples, too few after the "
        << absl::FormatDuration(warm_up) << " warm-up to judge\n";
    return;
  }
  out << absl::StrFormat(
      "RSS after %s warm-up (%d samples in all): first %.1f MiB, last %.1f "
      "MiB, max %.1f MiB, slope %+.2f MiB/min\n",
      absl::FormatDuration(warm_up), samples.size(), Mib(trend.first_kib),
      Mib(trend.last_kib), Mib(trend.max_kib), trend.slope_mib_per_minute);
  if (!trend.judged) {
    out << "RSS trend: not judged, the window after warm-up is shorter than "
        << absl::FormatDuration(2 * kTroughSpan) << "\n";
    return;
  }
  out << absl::StrFormat(
      "RSS troughs: lowest %.1f MiB in the first %s after warm-up, %.1f MiB "
      "in the last %s: %s\n",
      Mib(trend.first_trough_kib), absl::FormatDuration(kTroughSpan),
      Mib(trend.last_trough_kib), absl::FormatDuration(kTroughSpan),
      trend.flat ? "flat" : "GROWING");
}

}  // namespace guestvoice::load
