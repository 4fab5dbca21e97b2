#include "common/prometheus_text.h"

#include <array>
#include <cstdint>
#include <limits>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace guestvoice {
namespace {

TEST(PrometheusTextTest, AFamilyIsItsHelpAndTypeThenItsSamples) {
  PrometheusText out;
  out.Family("jobs_total", "counter", "Jobs done.");
  out.Sample("jobs_total", {}, uint64_t{3});
  out.Sample("jobs_total", {{"queue", "a"}, {"code", "OK"}}, uint64_t{2});
  EXPECT_EQ(out.text(),
            "# HELP jobs_total Jobs done.\n"
            "# TYPE jobs_total counter\n"
            "jobs_total 3\n"
            "jobs_total{queue=\"a\",code=\"OK\"} 2\n");
}

TEST(PrometheusTextTest, LabelValuesAndHelpAreEscaped) {
  PrometheusText out;
  out.Family("x", "gauge", "a \\ and\na new line");
  out.Sample("x", {{"path", "C:\\a \"b\"\nc"}}, 1.5);
  EXPECT_EQ(out.text(),
            "# HELP x a \\\\ and\\na new line\n"
            "# TYPE x gauge\n"
            "x{path=\"C:\\\\a \\\"b\\\"\\nc\"} 1.5\n");
}

TEST(PrometheusTextTest, HistogramBucketsAreCumulativeWithInfLast) {
  PrometheusText out;
  constexpr std::array<double, 2> kBounds = {0.5, 1};
  constexpr std::array<uint64_t, 3> kCounts = {2, 0, 1};
  out.Histogram("latency_seconds", {{"method", "Get"}}, kBounds, kCounts, 2.25);
  EXPECT_EQ(out.text(),
            "latency_seconds_bucket{method=\"Get\",le=\"0.5\"} 2\n"
            "latency_seconds_bucket{method=\"Get\",le=\"1\"} 2\n"
            "latency_seconds_bucket{method=\"Get\",le=\"+Inf\"} 3\n"
            "latency_seconds_sum{method=\"Get\"} 2.25\n"
            "latency_seconds_count{method=\"Get\"} 3\n");
}

TEST(PrometheusTextTest, SpecialFloatsUseTheFormatsSpelling) {
  PrometheusText out;
  out.Sample("a", {}, std::numeric_limits<double>::infinity());
  out.Sample("b", {}, std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(out.text(), "a +Inf\nb NaN\n");
}

}  // namespace
}  // namespace guestvoice
