// German's rules (language_rules.cc) over the German Polarity Lexicon and
// its hotel supplement: negation before and after the verb, boosters,
// contrast, and VADER's capitals rule, which German nouns must not trigger.

#include <cmath>
#include <string_view>

#include "analysis/internal/language_analyzers.h"
#include "analysis/internal/lexical_sentiment.h"
#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

// VADER's normalisation: sum / sqrt(sum^2 + 15).
double Normalize(double sum) { return sum / std::sqrt(sum * sum + 15); }

// Valences of hotel_supplement_de.tsv.
constexpr double kSauber = 1.7;
constexpr double kSchmutzig = -1.9;

class GermanSentimentTest : public ::testing::Test {
 protected:
  double Compound(std::string_view text) const {
    return german_->PolarityScores(text).compound;
  }

  const LexicalSentimentAnalyzer* german_ = FindLexicalAnalyzer("de");
};

TEST_F(GermanSentimentTest, IsScoredFromTheLexiconAndTheSupplement) {
  ASSERT_NE(german_, nullptr);
  EXPECT_EQ(german_->language(), "de");
  EXPECT_DOUBLE_EQ(Compound("Das Zimmer war sauber."), Normalize(kSauber));
  // From the lexicon only, its capitalised noun form lowered ("Ärger").
  EXPECT_LT(Compound("Nur Ärger mit dem Hotel."), -0.05);
  // An inflection neither file lists, found through its Snowball stem.
  EXPECT_FALSE(german_->Knows("unfreundlichen"));
  EXPECT_LT(Compound("Die unfreundlichen Kellner."), -0.05);
}

TEST_F(GermanSentimentTest, NegationBeforeTheWord) {
  ASSERT_NE(german_, nullptr);
  EXPECT_DOUBLE_EQ(Compound("Das Zimmer war nicht sauber."),
                   Normalize(kSauber * -0.74));
  EXPECT_GT(Compound("Kein Problem beim Einchecken."), 0.05);
}

TEST_F(GermanSentimentTest, NegationAfterTheVerbClosesTheClause) {
  ASSERT_NE(german_, nullptr);
  EXPECT_GT(Compound("Die Heizung funktionierte."), 0.05);
  EXPECT_LT(Compound("Die Heizung funktionierte nicht."), -0.05);
  EXPECT_LT(Compound("Wir empfehlen das Hotel nicht."), -0.05);
  // A clause break ends the reach of a trailing "nicht".
  EXPECT_GT(Compound("Die Heizung funktionierte. Nicht"), 0.05);
}

TEST_F(GermanSentimentTest, IntensifiersAndDiminishers) {
  ASSERT_NE(german_, nullptr);
  EXPECT_DOUBLE_EQ(Compound("Das Zimmer war sehr sauber."),
                   Normalize(kSauber + 0.293));
  EXPECT_DOUBLE_EQ(Compound("Das Zimmer war wirklich schmutzig."),
                   Normalize(kSchmutzig - 0.293));
  EXPECT_DOUBLE_EQ(Compound("Das Zimmer war etwas schmutzig."),
                   Normalize(kSchmutzig + 0.293));
}

TEST_F(GermanSentimentTest, TooMuchOfAGoodQualityIsAFault) {
  ASSERT_NE(german_, nullptr);
  EXPECT_GT(Compound("Das Bett war weich."), 0.05);
  EXPECT_LT(Compound("Das Bett war zu weich."), -0.05);
  EXPECT_LT(Compound("Das Zimmer war viel zu groß."), -0.05);
  // Negated, the fault is praise again; before a noun "zu" is no "too".
  EXPECT_GT(Compound("Das Zimmer war nicht zu groß."), 0.05);
  EXPECT_DOUBLE_EQ(Compound("Wir sind zu Fuß gegangen."), 0);
}

TEST_F(GermanSentimentTest, ContrastWeighsWhatFollowsAber) {
  ASSERT_NE(german_, nullptr);
  EXPECT_DOUBLE_EQ(Compound("sauber aber schmutzig"),
                   Normalize(kSauber * 0.5 + kSchmutzig * 1.5));
  EXPECT_DOUBLE_EQ(Compound("sauber, jedoch schmutzig"),
                   Normalize(kSauber * 0.5 + kSchmutzig * 1.5));
}

// Python's str.isupper() is false for "Lärm" or "Zimmer": a capitalised
// noun gets no capitals stress, only a word in capitals throughout does.
TEST_F(GermanSentimentTest, CapitalisedNounsAreNoShouting) {
  ASSERT_NE(german_, nullptr);
  EXPECT_DOUBLE_EQ(Compound("Lärm im Zimmer"), Compound("lärm im zimmer"));
  EXPECT_DOUBLE_EQ(Compound("Das Zimmer war schmutzig"), Normalize(kSchmutzig));
  EXPECT_DOUBLE_EQ(Compound("Das Zimmer war SCHMUTZIG"),
                   Normalize(kSchmutzig - 0.733));
  // All capitals: no word stands out.
  EXPECT_DOUBLE_EQ(Compound("DAS ZIMMER WAR SCHMUTZIG"), Normalize(kSchmutzig));
}

}  // namespace
}  // namespace guestvoice::analysis
