#include "analysis/sentiment_analyzer.h"

#include <cmath>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "analysis/internal/hotel_sentiment.h"
#include "analysis/internal/vader_tokenizer.h"
#include "analysis/score_rounding.h"
#include "analysis/text_limits.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace guestvoice::analysis {
namespace {

std::vector<std::string> CorpusTexts() {
  std::ifstream in(GUESTVOICE_ANALYSIS_TEST_DATA_DIR
                   "/vader_conformance.jsonl");
  std::vector<std::string> texts;
  std::string line;
  while (std::getline(in, line)) {
    texts.push_back(nlohmann::json::parse(line).at("text").get<std::string>());
  }
  return texts;
}

void ExpectScores(const SentimentScores& actual, const SentimentScores& want) {
  const SentimentScores rounded = RoundLikeReference(actual);
  EXPECT_EQ(rounded.neg, want.neg);
  EXPECT_EQ(rounded.neu, want.neu);
  EXPECT_EQ(rounded.pos, want.pos);
  EXPECT_EQ(rounded.compound, want.compound);
}

bool BitEqual(const SentimentScores& a, const SentimentScores& b) {
  return a.neg == b.neg && a.neu == b.neu && a.pos == b.pos &&
         a.compound == b.compound;
}

// Expected values printed by vaderSentiment 3.3.2.
TEST(SentimentAnalyzerTest, ScoresLikeTheReference) {
  const SentimentAnalyzer& vader = SentimentAnalyzer::Default();
  ExpectScores(vader.PolarityScores("The room was dirty"),
               {0.492, 0.508, 0.0, -0.4404});
  ExpectScores(vader.PolarityScores("ok"), {0.0, 0.0, 1.0, 0.296});
  ExpectScores(vader.PolarityScores("Ok!"), {0.0, 1.0, 0.0, 0.0});
  ExpectScores(vader.PolarityScores(""), {0.0, 0.0, 0.0, 0.0});
  ExpectScores(vader.PolarityScores(" \t\u3000 "), {0.0, 0.0, 0.0, 0.0});
}

// Plain VADER never sees the hotel supplement; the aspect analyzer does.
TEST(SentimentAnalyzerTest, SupplementStaysOutOfPlainVader) {
  EXPECT_EQ(SentimentAnalyzer::Default().PolarityScores("filthy room").compound,
            0.0);
  EXPECT_LT(HotelSentimentAnalyzer().PolarityScores("filthy room").compound,
            -0.05);
  EXPECT_GT(HotelSentimentAnalyzer().PolarityScores("not filthy").compound,
            0.05);
}

// Ill-formed UTF-8 reads as Python's bytes.decode("utf-8", "replace").
TEST(SentimentAnalyzerTest, InvalidUtf8CountsAsReplacementCharacters) {
  const SentimentAnalyzer& vader = SentimentAnalyzer::Default();
  const SentimentScores invalid = vader.PolarityScores("GOOD hotel \xFF\xFE");
  EXPECT_TRUE(
      BitEqual(invalid, vader.PolarityScores("GOOD hotel \uFFFD\uFFFD")));
  ExpectScores(invalid, {0.0, 0.355, 0.645, 0.5622});
}

TEST(SentimentAnalyzerTest, AnalysesOnlyTheFirst16KiB) {
  std::string text;
  while (text.size() < 3 * kMaxTextBytes) text += "great \xE2\x82\xAC hotel ";
  text += "horrible horrible horrible";
  const SentimentAnalyzer& vader = SentimentAnalyzer::Default();
  const std::string_view prefix = LimitTextSize(text);
  EXPECT_LE(prefix.size(), kMaxTextBytes);
  EXPECT_TRUE(
      BitEqual(vader.PolarityScores(text), vader.PolarityScores(prefix)));
  EXPECT_GT(vader.PolarityScores(text).compound, 0.9);
}

// Inputs on which the reference is quadratic (NLTK #1409, #3638,
// vaderSentiment #110). They must finish and score as the reference does
// (expected values printed by it); the port is linear in the text by
// construction (analysis/README.md), which no test can time reliably.
TEST(SentimentAnalyzerTest, AdversarialInputsOfMaximalSize) {
  auto repeat = [](std::string_view unit) {
    std::string text;
    while (text.size() + unit.size() <= kMaxTextBytes) text += unit;
    return text;
  };
  const SentimentAnalyzer& vader = SentimentAnalyzer::Default();
  ExpectScores(vader.PolarityScores(repeat(":) ")), {0.0, 0.0, 1.0, 1.0});
  ExpectScores(vader.PolarityScores(repeat("!!! ")), {0.0, 1.0, 0.0, 0.0});
  ExpectScores(vader.PolarityScores(repeat("very ")), {0.0, 1.0, 0.0, 0.0});
  ExpectScores(vader.PolarityScores(repeat("VERY good ")),
               {0.0, 0.171, 0.829, 1.0});
  for (std::string_view unit : {"good great nice bad but ", "\xF0\x9F\x98\x80",
                                "no not never ", "kind of the bomb ", "!?"}) {
    const SentimentScores scores = vader.PolarityScores(repeat(unit));
    for (double score : {scores.neg, scores.neu, scores.pos}) {
      EXPECT_TRUE(score >= 0 && score <= 1) << unit;
    }
    EXPECT_TRUE(std::isfinite(scores.compound) &&
                std::abs(scores.compound) <= 1)
        << unit;
  }
}

// Scoring a run of whole words of a tokenized text equals scoring the
// substring those words span, which FeedbackAnalyzer relies on.
TEST(SentimentAnalyzerTest, ScoringWordRangesEqualsScoringSubstrings) {
  const SentimentAnalyzer& vader = HotelSentimentAnalyzer();
  std::mt19937 random(11);
  VaderText tokenized;
  int checked = 0;
  for (const std::string& text : CorpusTexts()) {
    vader.Tokenize(text, &tokenized);
    const std::size_t words = tokenized.words.size();
    if (words == 0) continue;
    for (int trial = 0; trial < 3; ++trial) {
      const std::size_t first = random() % words;
      const std::size_t end = first + 1 + random() % (words - first);
      const std::string_view part(
          text.data() + tokenized.words[first].begin,
          tokenized.words[end - 1].end - tokenized.words[first].begin);
      const SentimentScores expected = vader.PolarityScores(part);
      vader.Tokenize(text, &tokenized);  // PolarityScores reuses no state
      ASSERT_TRUE(BitEqual(vader.ScoreWords(tokenized, first, end), expected))
          << "text: " << text << "\npart: " << part;
      ++checked;
    }
  }
  EXPECT_GT(checked, 8000);
}

TEST(SentimentAnalyzerTest, ConcurrentCallsAgreeWithSequentialOnes) {
  const std::vector<std::string> texts = CorpusTexts();
  const SentimentAnalyzer& vader = SentimentAnalyzer::Default();
  std::vector<SentimentScores> sequential;
  for (const std::string& text : texts) {
    sequential.push_back(vader.PolarityScores(text));
  }
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t i = t; i < texts.size(); i += 2) {
        if (!BitEqual(vader.PolarityScores(texts[i]), sequential[i])) {
          ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int count : mismatches) EXPECT_EQ(count, 0);
}

}  // namespace
}  // namespace guestvoice::analysis
