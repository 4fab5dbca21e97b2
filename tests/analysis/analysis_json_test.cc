// The output format of guestvoice-analyze (tools/analyze/analysis_json.h).

#include "tools/analyze/analysis_json.h"

#include "analysis/feedback_analyzer.h"
#include "gtest/gtest.h"

namespace guestvoice::tools {
namespace {

TEST(AnalysisJsonTest, PrintsScoresRoundedAsTheReferenceDoes) {
  const analysis::Analysis result =
      analysis::FeedbackAnalyzer::Default().Analyze("The room was dirty");
  EXPECT_EQ(AnalysisToJson(result).dump(),
            R"({"neg":0.492,"neu":0.508,"pos":0.0,"compound":-0.4404,)"
            R"("aspects":[{"aspect":"cleanliness","sentiment":-0.4404,)"
            R"("text":"The room was dirty"}]})");
}

TEST(AnalysisJsonTest, EmptyTextHasZerosAndNoAspects) {
  EXPECT_EQ(
      AnalysisToJson(analysis::FeedbackAnalyzer::Default().Analyze("")).dump(),
      R"({"neg":0.0,"neu":0.0,"pos":0.0,"compound":0.0,"aspects":[]})");
}

TEST(AnalysisJsonTest, InvalidUtf8LineIsAnErrorObject) {
  EXPECT_EQ(InvalidUtf8Json(3).dump(), R"({"error":"invalid UTF-8","line":3})");
}

}  // namespace
}  // namespace guestvoice::tools
