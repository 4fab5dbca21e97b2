#include "common/prometheus_text.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/absl_view.h"

namespace guestvoice {
namespace {

// The format's floats: Go's ParseFloat syntax, with its spelling of the
// special values.
std::string FormatDouble(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  return absl::StrCat(value);
}

}  // namespace

void PrometheusText::Family(std::string_view name, std::string_view type,
                            std::string_view help) {
  absl::StrAppend(
      &text_, "# HELP ", AbslView(name), " ",
      absl::StrReplaceAll(AbslView(help), {{"\\", "\\\\"}, {"\n", "\\n"}}),
      "\n# TYPE ", AbslView(name), " ", AbslView(type), "\n");
}

void PrometheusText::WriteSeries(std::string_view name, MetricLabels labels,
                                 std::string_view le) {
  absl::StrAppend(&text_, AbslView(name));
  if (labels.size() == 0 && le.empty()) return;
  text_ += '{';
  const char* separator = "";
  for (const auto& [label, value] : labels) {
    absl::StrAppend(
        &text_, separator, AbslView(label), "=\"",
        absl::StrReplaceAll(AbslView(value),
                            {{"\\", "\\\\"}, {"\"", "\\\""}, {"\n", "\\n"}}),
        "\"");
    separator = ",";
  }
  if (!le.empty())
    absl::StrAppend(&text_, separator, "le=\"", AbslView(le), "\"");
  text_ += '}';
}

void PrometheusText::Sample(std::string_view name, MetricLabels labels,
                            double value) {
  WriteSeries(name, labels, {});
  absl::StrAppend(&text_, " ", FormatDouble(value), "\n");
}

void PrometheusText::Sample(std::string_view name, MetricLabels labels,
                            uint64_t value) {
  WriteSeries(name, labels, {});
  absl::StrAppend(&text_, " ", value, "\n");
}

void PrometheusText::Histogram(std::string_view name, MetricLabels labels,
                               absl::Span<const double> upper_bounds,
                               absl::Span<const uint64_t> counts, double sum) {
  const std::string bucket = absl::StrCat(AbslView(name), "_bucket");
  uint64_t cumulative = 0;
  for (size_t i = 0; i < counts.size(); ++i) {
    cumulative += counts[i];
    const std::string le = i < upper_bounds.size()
                               ? FormatDouble(upper_bounds[i])
                               : std::string("+Inf");
    WriteSeries(bucket, labels, le);
    absl::StrAppend(&text_, " ", cumulative, "\n");
  }
  WriteSeries(absl::StrCat(AbslView(name), "_sum"), labels, {});
  absl::StrAppend(&text_, " ", FormatDouble(sum), "\n");
  WriteSeries(absl::StrCat(AbslView(name), "_count"), labels, {});
  absl::StrAppend(&text_, " ", cumulative, "\n");
}

}  // namespace guestvoice
