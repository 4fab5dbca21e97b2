// The analyser on arbitrary bytes: it never crashes, its scores stay on
// VADER's scale, and every mention it reports is valid UTF-8 taken from the
// text, whatever the text's encoding.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analysis/feedback_analyzer.h"
#include "common/utf8.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const guestvoice::analysis::Analysis analysis =
      guestvoice::analysis::FeedbackAnalyzer::Default().Analyze(text);
  const auto on_scale = [](double score) {
    return std::isfinite(score) && score >= -1 && score <= 1;
  };
  FUZZ_CHECK(on_scale(analysis.scores.compound));
  FUZZ_CHECK(std::isfinite(analysis.scores.pos + analysis.scores.neu +
                           analysis.scores.neg));
  for (const auto& mention : analysis.aspects) {
    FUZZ_CHECK(on_scale(mention.sentiment));
    FUZZ_CHECK(guestvoice::utf8::IsValid(mention.text));
  }
  return 0;
}
