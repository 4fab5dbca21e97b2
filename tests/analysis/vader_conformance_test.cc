// Every text of the conformance corpus must score exactly as vaderSentiment
// 3.3.2 printed it (tools/vader_conformance/generate.py wrote the file).

#include <fstream>
#include <string>
#include <vector>

#include "analysis/score_rounding.h"
#include "analysis/sentiment_analyzer.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace guestvoice::analysis {
namespace {

struct Expected {
  std::string text;
  SentimentScores scores;
};

std::vector<Expected> LoadCorpus() {
  std::ifstream in(GUESTVOICE_ANALYSIS_TEST_DATA_DIR
                   "/vader_conformance.jsonl");
  std::vector<Expected> corpus;
  std::string line;
  while (std::getline(in, line)) {
    const nlohmann::json record = nlohmann::json::parse(line);
    corpus.push_back(
        {record.at("text").get<std::string>(),
         {record.at("neg").get<double>(), record.at("neu").get<double>(),
          record.at("pos").get<double>(),
          record.at("compound").get<double>()}});
  }
  return corpus;
}

TEST(VaderConformanceTest, MatchesReferenceOnEveryText) {
  const std::vector<Expected> corpus = LoadCorpus();
  ASSERT_GE(corpus.size(), 2000u);
  int mismatches = 0;
  for (const Expected& expected : corpus) {
    const SentimentScores actual = RoundLikeReference(
        SentimentAnalyzer::Default().PolarityScores(expected.text));
    // Exact comparison: both sides are the double nearest to the same
    // rounded decimal.
    const bool equal = actual.neg == expected.scores.neg &&
                       actual.neu == expected.scores.neu &&
                       actual.pos == expected.scores.pos &&
                       actual.compound == expected.scores.compound;
    if (!equal) {
      ++mismatches;
      ADD_FAILURE() << "text: " << nlohmann::json(expected.text).dump()
                    << "\nexpected neg/neu/pos/compound: "
                    << expected.scores.neg << " " << expected.scores.neu << " "
                    << expected.scores.pos << " " << expected.scores.compound
                    << "\nactual: " << actual.neg << " " << actual.neu << " "
                    << actual.pos << " " << actual.compound;
    }
  }
  EXPECT_EQ(mismatches, 0) << "of " << corpus.size() << " texts";
}

}  // namespace
}  // namespace guestvoice::analysis
