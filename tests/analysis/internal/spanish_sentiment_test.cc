// Spanish's rules (language_rules.cc) over lorca's AFINN translation and
// its hotel supplement: negation ("no", "no ... nada", "sin"), "poco" before
// an adjective as a negation where "un poco" diminishes, the connectives
// "sin embargo" and "no obstante", boosters, superlatives in -ísimo and the
// "super-" prefix, contrast, capitals and '!', and accents left out; and the
// other languages' second-pass rules in Spanish: negation reach, "demasiado",
// missing things, "súper" alone, faint praise and idioms.

#include <cmath>
#include <string>
#include <string_view>

#include "analysis/internal/language_analyzers.h"
#include "analysis/internal/language_lexicon.h"
#include "analysis/internal/lexical_sentiment.h"
#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

// VADER's normalisation: sum / sqrt(sum^2 + 15).
double Normalize(double sum) { return sum / std::sqrt(sum * sum + 15); }

// Valences of hotel_supplement_es.tsv.
constexpr double kLimpio = 1.7;
constexpr double kSucio = -1.9;
constexpr double kAmable = 2.2;
constexpr double kCaro = -1.4;
constexpr double kBooster = 0.293;
constexpr double kNegation = -0.74;

class SpanishSentimentTest : public ::testing::Test {
 protected:
  double Compound(std::string_view text) const {
    return spanish_->PolarityScores(text).compound;
  }

  const LexicalSentimentAnalyzer* spanish_ = FindLexicalAnalyzer("es");
};

TEST(AfinnLexiconTest, MapsAfinnOntoVadersScale) {
  const auto lexicon = ParseAfinnLexicon(
      "{\r\n  \"bueno\": 3,\r\n  \"malo\": -3,\r\n  \"por favor\": 1,\r\n"
      "  \"fantástico\": 4,\r\n  \"Ⓐ\": -5\r\n}\r\n");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status();
  EXPECT_EQ(lexicon->at(std::string("bueno")), 2.2);
  EXPECT_EQ(lexicon->at(std::string("malo")), -2.2);
  EXPECT_EQ(lexicon->at(std::string("por favor")), 1.0);
  EXPECT_EQ(lexicon->at(std::string("fantástico")), 2.6);
  EXPECT_EQ(lexicon->size(), 5u);
  EXPECT_FALSE(ParseAfinnLexicon("{\n\"bueno\": 7\n}").ok());
  EXPECT_FALSE(ParseAfinnLexicon("{\n\"bueno\": 0\n}").ok());
  EXPECT_FALSE(ParseAfinnLexicon("{\nbueno: 2\n}").ok());
  EXPECT_FALSE(ParseAfinnLexicon("{\n}").ok());
}

TEST_F(SpanishSentimentTest, IsScoredFromTheLexiconAndTheSupplement) {
  ASSERT_NE(spanish_, nullptr);
  EXPECT_EQ(spanish_->language(), "es");
  EXPECT_DOUBLE_EQ(Compound("La habitación estaba limpia."),
                   Normalize(kLimpio));
  // From the AFINN list only: "atroz" -3, "espléndido" 3 (2.2 on VADER's
  // scale).
  EXPECT_DOUBLE_EQ(Compound("Una experiencia atroz."), Normalize(-2.2));
  EXPECT_DOUBLE_EQ(Compound("Un lugar espléndido."), Normalize(2.2));
  // Accents left out: the same words.
  EXPECT_DOUBLE_EQ(Compound("La habitacion era comoda."),
                   Compound("La habitación era cómoda."));
  // An inflection neither file lists, through its Snowball stem.
  EXPECT_LT(Compound("Unas camareras groseras."), -0.05);
}

TEST_F(SpanishSentimentTest, Negation) {
  ASSERT_NE(spanish_, nullptr);
  EXPECT_DOUBLE_EQ(Compound("El baño no estaba limpio."),
                   Normalize(kLimpio * kNegation));
  // "no ... nada" negates once.
  EXPECT_DOUBLE_EQ(Compound("No estaba nada limpio."),
                   Normalize(kLimpio * kNegation));
  EXPECT_LT(Compound("Nunca fue amable."), -0.05);
  EXPECT_GT(Compound("Sin ruido, sin problemas."), 0.05);
  EXPECT_GT(Compound("Cero ruido."), 0.05);
}

TEST_F(SpanishSentimentTest, PocoBeforeAnAdjectiveNegatesIt) {
  ASSERT_NE(spanish_, nullptr);
  EXPECT_DOUBLE_EQ(Compound("Personal poco amable."),
                   Normalize(kAmable * kNegation));
  EXPECT_DOUBLE_EQ(Compound("El baño estaba poco limpio."),
                   Normalize(kLimpio * kNegation));
  // "un poco" only diminishes: slightly expensive is still expensive.
  EXPECT_DOUBLE_EQ(Compound("Un poco caro."), Normalize(kCaro + kBooster));
  // Not right before the adjective: a diminisher as before.
  EXPECT_DOUBLE_EQ(Compound("poco muy limpio"),
                   Normalize(kLimpio - 0.95 * kBooster + kBooster));
}

TEST_F(SpanishSentimentTest, ConnectivesAreNoNegation) {
  ASSERT_NE(spanish_, nullptr);
  // "sin embargo" / "no obstante" contrast (x0.5 before, x1.5 after) and
  // negate nothing.
  EXPECT_DOUBLE_EQ(Compound("limpio sin embargo sucio"),
                   Normalize(kLimpio * 0.5 + kSucio * 1.5));
  EXPECT_DOUBLE_EQ(Compound("limpio, no obstante sucio"),
                   Normalize(kLimpio * 0.5 + kSucio * 1.5));
  EXPECT_DOUBLE_EQ(Compound("limpio pero sucio"),
                   Normalize(kLimpio * 0.5 + kSucio * 1.5));
}

TEST_F(SpanishSentimentTest, IntensifiersSuperlativesAndPrefixes) {
  ASSERT_NE(spanish_, nullptr);
  EXPECT_DOUBLE_EQ(Compound("Muy limpio."), Normalize(kLimpio + kBooster));
  EXPECT_DOUBLE_EQ(Compound("Súper amable."), Normalize(kAmable + kBooster));
  EXPECT_DOUBLE_EQ(Compound("Algo sucio."), Normalize(kSucio + kBooster));
  // Generated: as strong as the adjective after an intensifier.
  EXPECT_DOUBLE_EQ(Compound("limpísimo"), Normalize(kLimpio + kBooster));
  EXPECT_DOUBLE_EQ(Compound("limpisimas"), Normalize(kLimpio + kBooster));
  EXPECT_DOUBLE_EQ(Compound("amabilísima"), Normalize(kAmable + kBooster));
  // A listed superlative keeps the supplement's valence.
  EXPECT_DOUBLE_EQ(Compound("carísimo"), Normalize(-2.4));
  EXPECT_LT(Compound("sucísimo"), Normalize(kSucio));
  EXPECT_DOUBLE_EQ(Compound("superlimpio"), Normalize(kLimpio + kBooster));
}

// The rules the other languages' second pass added (lexical_sentiment.h),
// as Spanish grammar has them.
TEST_F(SpanishSentimentTest, NegationReachesPastClosedClassWordsNotPastY) {
  ASSERT_NE(spanish_, nullptr);
  // "estaba", "la", "habitación" do not count towards the three words.
  EXPECT_DOUBLE_EQ(Compound("No estaba la habitación limpia."),
                   Normalize(kLimpio * kNegation));
  // Coordination ends the negation's scope: "limpio" is not negated.
  EXPECT_DOUBLE_EQ(Compound("no allí y limpio"), Normalize(kLimpio));
}

TEST_F(SpanishSentimentTest, DemasiadoMakesAWordWithoutSentimentAComplaint) {
  ASSERT_NE(spanish_, nullptr);
  // -1.5, raised by "demasiado" as a booster.
  EXPECT_DOUBLE_EQ(Compound("demasiado temprano"), Normalize(-1.5 - kBooster));
  // Before a sentiment word it only raises it.
  EXPECT_DOUBLE_EQ(Compound("demasiado caro"), Normalize(kCaro - kBooster));
}

TEST_F(SpanishSentimentTest, AMissingThingIsAMildComplaint) {
  ASSERT_NE(spanish_, nullptr);
  EXPECT_DOUBLE_EQ(Compound("No había wifi en la habitación."),
                   Normalize(-1.0));
  EXPECT_DOUBLE_EQ(Compound("Sin aparcamiento."), Normalize(-1.0));
  EXPECT_DOUBLE_EQ(Compound("ninguna toalla"), Normalize(-1.0));
  // A sentiment word after it is negated as usual ("ruido" -1.3).
  EXPECT_DOUBLE_EQ(Compound("ningún ruido"), Normalize(-1.3 * kNegation));
}

TEST_F(SpanishSentimentTest, SuperAloneIsPraise) {
  ASSERT_NE(spanish_, nullptr);
  EXPECT_DOUBLE_EQ(Compound("Ubicación súper"), Normalize(2.0));
  EXPECT_DOUBLE_EQ(Compound("súper limpio"), Normalize(kLimpio + kBooster));
}

TEST_F(SpanishSentimentTest, FaintPraiseTakesBackItsSentencesPraise) {
  ASSERT_NE(spanish_, nullptr);
  EXPECT_EQ(Compound("Habitación limpia, sin más."), 0);
  EXPECT_EQ(Compound("Limpio y amable, nada del otro mundo."), 0);
  // Only in its sentence, and complaints stay.
  EXPECT_DOUBLE_EQ(Compound("Limpio, sin mas. Personal amable."),
                   Normalize(kAmable));
  EXPECT_DOUBLE_EQ(Compound("Limpio pero caro, nada del otro mundo"),
                   Normalize(kCaro * 1.5));
}

TEST_F(SpanishSentimentTest, IdiomsScoreAsOneWord) {
  ASSERT_NE(spanish_, nullptr);
  EXPECT_DOUBLE_EQ(Compound("Merece la pena."), Normalize(1.8));
  EXPECT_DOUBLE_EQ(Compound("No vale la pena."), Normalize(1.8 * kNegation));
  EXPECT_DOUBLE_EQ(Compound("El desayuno deja mucho que desear."),
                   Normalize(-1.5));
}

TEST_F(SpanishSentimentTest, ExclamationAndCapitals) {
  ASSERT_NE(spanish_, nullptr);
  EXPECT_DOUBLE_EQ(Compound("¡Limpio!"), Normalize(kLimpio + 0.292));
  EXPECT_DOUBLE_EQ(Compound("El baño estaba SUCIO"), Normalize(kSucio - 0.733));
  EXPECT_DOUBLE_EQ(Compound("EL BAÑO ESTABA SUCIO"), Normalize(kSucio));
}

}  // namespace
}  // namespace guestvoice::analysis
