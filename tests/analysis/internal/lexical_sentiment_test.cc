#include "analysis/internal/lexical_sentiment.h"

#include <cmath>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/internal/embedded_data.h"
#include "analysis/internal/language_analyzers.h"
#include "analysis/internal/language_lexicon.h"
#include "analysis/internal/language_rules.h"
#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

// A toy French lexicon, so that each rule's effect can be computed by hand.
class LexicalSentimentTest : public ::testing::Test {
 protected:
  LexicalSentimentTest()
      : analyzer_(*FindLanguageRules("fr"), {{"propre", 2.0}, {"sale", -2.0}},
                  {{"aimable", 2.0}}) {}

  double Compound(std::string_view text) const {
    return analyzer_.PolarityScores(text).compound;
  }

  LexicalSentimentAnalyzer analyzer_;
};

// VADER's normalisation: sum / sqrt(sum^2 + 15).
double Normalize(double sum) { return sum / std::sqrt(sum * sum + 15); }

TEST_F(LexicalSentimentTest, OneWordIsNormalisedAsVaderDoes) {
  EXPECT_DOUBLE_EQ(Compound("La chambre était propre."), Normalize(2.0));
  EXPECT_DOUBLE_EQ(Compound("Chambre sale"), Normalize(-2.0));
  const SentimentScores scores = analyzer_.PolarityScores("propre");
  EXPECT_DOUBLE_EQ(scores.pos, 1.0);
  EXPECT_DOUBLE_EQ(scores.compound, Normalize(2.0));
  EXPECT_EQ(analyzer_.PolarityScores("").compound, 0);
}

TEST_F(LexicalSentimentTest, NeAndPasNegateOnce) {
  EXPECT_DOUBLE_EQ(Compound("La chambre n'était pas propre"),
                   Normalize(2.0 * -0.74));
  EXPECT_DOUBLE_EQ(Compound("pas propre"), Normalize(2.0 * -0.74));
  EXPECT_DOUBLE_EQ(Compound("jamais sale"), Normalize(-2.0 * -0.74));
}

TEST_F(LexicalSentimentTest, BoostersWithVadersDamping) {
  EXPECT_DOUBLE_EQ(Compound("très propre"), Normalize(2.0 + 0.293));
  EXPECT_DOUBLE_EQ(Compound("très très propre"),
                   Normalize(2.0 + 0.293 + 0.293 * 0.95));
  EXPECT_DOUBLE_EQ(Compound("peu propre"), Normalize(2.0 - 0.293));
  EXPECT_DOUBLE_EQ(Compound("très sale"), Normalize(-2.0 - 0.293));
}

TEST_F(LexicalSentimentTest, ContrastWordWeighsTheSecondPartMore) {
  EXPECT_DOUBLE_EQ(Compound("propre mais sale"),
                   Normalize(2.0 * 0.5 - 2.0 * 1.5));
}

TEST_F(LexicalSentimentTest, ExclamationAndCapitals) {
  EXPECT_DOUBLE_EQ(Compound("propre!!"), Normalize(2.0 + 2 * 0.292));
  EXPECT_DOUBLE_EQ(Compound("propre!!!!!!"), Normalize(2.0 + 4 * 0.292));
  EXPECT_DOUBLE_EQ(Compound("chambre PROPRE"), Normalize(2.0 + 0.733));
  // All capitals: no word stands out.
  EXPECT_DOUBLE_EQ(Compound("CHAMBRE PROPRE"), Normalize(2.0));
}

TEST_F(LexicalSentimentTest, ElisionsAreSplitOff) {
  EXPECT_DOUBLE_EQ(Compound("l'aimable"), Normalize(2.0));
  EXPECT_DOUBLE_EQ(Compound("l’aimable"), Normalize(2.0));
  EXPECT_DOUBLE_EQ(Compound("n'aimable"), Normalize(2.0 * -0.74));
  EXPECT_TRUE(analyzer_.Knows("l'"));
  EXPECT_TRUE(analyzer_.Knows("chambre"));  // a function word
  EXPECT_FALSE(analyzer_.Knows("room"));
}

TEST(LanguageAnalyzersTest, TrailingNegationInDutch) {
  const LexicalSentimentAnalyzer* dutch = FindLexicalAnalyzer("nl");
  ASSERT_NE(dutch, nullptr);
  EXPECT_GT(dutch->PolarityScores("Het ontbijt beviel ons.").compound, 0.05);
  EXPECT_LT(dutch->PolarityScores("Het ontbijt beviel ons niet.").compound,
            -0.05);
  // "niet" before the word it negates, as usual.
  EXPECT_LT(dutch->PolarityScores("De kamer was niet schoon.").compound, -0.05);
  // A clause break ends the reach of a trailing "niet".
  EXPECT_GT(dutch->PolarityScores("Het ontbijt beviel ons. Niet").compound,
            0.05);
}

TEST(LanguageAnalyzersTest, ItalianSuperlativesAndElisions) {
  const LexicalSentimentAnalyzer* italian = FindLexicalAnalyzer("it");
  ASSERT_NE(italian, nullptr);
  EXPECT_LT(italian->PolarityScores("stanze sporchissime").compound, -0.05);
  EXPECT_GT(italian->PolarityScores("camere pulitissime").compound, 0.05);
  EXPECT_LT(italian->PolarityScores("il personale non era gentile").compound,
            -0.05);
  EXPECT_TRUE(italian->Knows("dell'"));
}

TEST(LanguageAnalyzersTest, StemsFindInflectionsTheLexiconsLack) {
  const LexicalSentimentAnalyzer* french = FindLexicalAnalyzer("fr");
  ASSERT_NE(french, nullptr);
  // Neither the lexicon nor the supplement lists "impolies".
  EXPECT_FALSE(french->Knows("impolies"));
  EXPECT_LT(french->PolarityScores("serveuses impolies").compound, -0.05);
}

TEST(LanguageAnalyzersTest, OneAnalyzerPerScoredLanguage) {
  for (std::string_view code : {"fr", "nl", "it"}) {
    const LexicalSentimentAnalyzer* analyzer = FindLexicalAnalyzer(code);
    ASSERT_NE(analyzer, nullptr) << code;
    EXPECT_EQ(analyzer->language(), code);
  }
  EXPECT_EQ(FindLexicalAnalyzer("en"), nullptr);  // VADER itself
  EXPECT_EQ(FindLexicalAnalyzer("zh"), nullptr);
}

// A word's stem valence is a mean over the lexicon's words with that stem,
// and a sum of doubles depends on its order: it must not be the hash
// table's, which differs between tables (the hash is salted by addresses).
TEST(LanguageAnalyzersTest, EveryBuildScoresBitForBitAlike) {
  const LexicalSentimentAnalyzer* french = FindLexicalAnalyzer("fr");
  ASSERT_NE(french, nullptr);
  const absl::StatusOr<WordValences> lexicon =
      ParsePatternLexicon(embedded::FrenchLexicon());
  const absl::StatusOr<WordValences> supplement =
      ParseLanguageSupplement(embedded::HotelSupplementFrench());
  ASSERT_TRUE(lexicon.ok() && supplement.ok());
  constexpr std::string_view kText =
      "L'accueil était glacial et le gérant désagréable.";
  // Kept alive together, so that each table lies at another address.
  std::vector<std::unique_ptr<LexicalSentimentAnalyzer>> builds;
  for (int build = 0; build < 8; ++build) {
    builds.push_back(std::make_unique<LexicalSentimentAnalyzer>(
        french->rules(), *lexicon, *supplement));
    EXPECT_EQ(builds.back()->PolarityScores(kText).compound,
              french->PolarityScores(kText).compound)
        << "build " << build;
  }
}

}  // namespace
}  // namespace guestvoice::analysis
