// The output format of guestvoice-analyze (tools/analyze/analysis_json.h):
// the bytes nlohmann::json printed for it before the tool had its own
// writer.

#include "tools/analyze/analysis_json.h"

#include <cmath>
#include <string>
#include <utility>

#include "analysis/feedback_analyzer.h"
#include "analysis/language.h"
#include "analysis/score_rounding.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace guestvoice::tools {
namespace {

std::string AnalysisJson(const analysis::Analysis& analysis) {
  std::string json;
  AppendAnalysisJson(analysis, &json);
  return json;
}

TEST(AnalysisJsonTest, PrintsScoresRoundedAsTheReferenceDoes) {
  const analysis::Analysis result =
      analysis::FeedbackAnalyzer::Default().Analyze("The room was dirty");
  EXPECT_EQ(AnalysisJson(result),
            R"({"language":"en","language_source":"detected",)"
            R"("scoring":"scored","neg":0.492,"neu":0.508,"pos":0.0,)"
            R"("compound":-0.4404,)"
            R"("aspects":[{"aspect":"cleanliness","sentiment":-0.4404,)"
            R"("text":"The room was dirty"}]})");
}

TEST(AnalysisJsonTest, EmptyTextIsNotScored) {
  EXPECT_EQ(AnalysisJson(analysis::FeedbackAnalyzer::Default().Analyze("")),
            R"({"language":"und","language_source":"undetermined",)"
            R"("scoring":"language_undetermined",)"
            R"("neg":0.0,"neu":0.0,"pos":0.0,"compound":0.0,"aspects":[]})");
}

TEST(AnalysisJsonTest, PrintsADeclaredLanguageWithoutAnalyzer) {
  EXPECT_EQ(AnalysisJson(
                analysis::FeedbackAnalyzer::Default().Analyze("Karibu", "sw")),
            R"({"language":"sw","language_source":"declared",)"
            R"("scoring":"no_analyzer_for_language",)"
            R"("neg":0.0,"neu":0.0,"pos":0.0,"compound":0.0,"aspects":[]})");
}

TEST(AnalysisJsonTest, InvalidUtf8LineIsAnErrorObject) {
  std::string json;
  AppendInvalidUtf8Json(3, &json);
  EXPECT_EQ(json, R"({"error":"invalid UTF-8","line":3})");
}

TEST(AnalysisJsonTest, AppendsToWhatIsThere) {
  std::string json = "[";
  AppendInvalidUtf8Json(12, &json);
  EXPECT_EQ(json, R"([{"error":"invalid UTF-8","line":12})");
}

// What nlohmann::json prints for the same analysis: the reference format.
std::string NlohmannJson(const analysis::Analysis& analysis) {
  nlohmann::ordered_json aspects = nlohmann::ordered_json::array();
  for (const analysis::AspectMention& mention : analysis.aspects) {
    aspects.push_back(
        {{"aspect", mention.aspect},
         {"sentiment", analysis::RoundLikePython(mention.sentiment, 4)},
         {"text", mention.text}});
  }
  const analysis::SentimentScores scores =
      analysis::RoundLikeReference(analysis.scores);
  return nlohmann::ordered_json{
      {"language", analysis.language},
      {"language_source",
       analysis::LanguageSourceName(analysis.language_source)},
      {"scoring", analysis::ScoringStateName(analysis.scoring)},
      {"neg", scores.neg},
      {"neu", scores.neu},
      {"pos", scores.pos},
      {"compound", scores.compound},
      {"aspects", std::move(aspects)}}
      .dump();
}

// Every value a rounded score can take, as nlohmann::json prints it.
TEST(AnalysisJsonTest, EveryRoundedScoreIsPrintedAsNlohmannPrintsIt) {
  for (int k = -10000; k <= 10000; ++k) {
    const double four_places = k / 10000.0;
    const double three_places = (k / 10) / 1000.0;
    analysis::Analysis analysis;
    analysis.scores = {three_places, std::fabs(three_places), -three_places,
                       four_places};
    analysis.aspects.push_back({"room", four_places, "x"});
    ASSERT_EQ(AnalysisJson(analysis), NlohmannJson(analysis)) << k;
  }
  analysis::Analysis negative_zero;
  negative_zero.scores.compound = -0.0;
  negative_zero.aspects.push_back({"room", -0.0, "x"});
  EXPECT_EQ(AnalysisJson(negative_zero), NlohmannJson(negative_zero));
}

TEST(AnalysisJsonTest, TextIsEscapedAsNlohmannEscapesIt) {
  std::string every_byte_below_0x80;
  for (int byte = 1; byte < 0x80; ++byte) {
    every_byte_below_0x80.push_back(static_cast<char>(byte));
  }
  for (const std::string& text :
       {every_byte_below_0x80, std::string("quote \" and \\ back"),
        std::string("caf\xc3\xa9 \xe2\x80\x99 \xf0\x9f\x98\x80"),
        std::string("\x7f\x1f\x0b")}) {
    analysis::Analysis analysis;
    analysis.aspects.push_back({"room", 0.5, text});
    EXPECT_EQ(AnalysisJson(analysis), NlohmannJson(analysis)) << text;
  }
}

}  // namespace
}  // namespace guestvoice::tools
