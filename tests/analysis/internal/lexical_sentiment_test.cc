#include "analysis/internal/lexical_sentiment.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/internal/embedded_data.h"
#include "analysis/internal/language_analyzers.h"
#include "analysis/internal/language_lexicon.h"
#include "analysis/internal/language_rules.h"
#include "analysis/internal/vader_rules.h"
#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

// A toy French lexicon, so that each rule's effect can be computed by hand.
class LexicalSentimentTest : public ::testing::Test {
 protected:
  LexicalSentimentTest()
      : analyzer_(*FindLanguageRules("fr"), {{"propre", 2.0}, {"sale", -2.0}},
                  LanguageSupplement{{{"aimable", 2.0}}, {}}) {}

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
  EXPECT_DOUBLE_EQ(Compound("assez propre"), Normalize(2.0 - 0.293));
  EXPECT_DOUBLE_EQ(Compound("un peu sale"), Normalize(-2.0 + 0.293));
  // Without "un", "peu" negates: "peu propre" is unclean.
  EXPECT_DOUBLE_EQ(Compound("peu propre"), Normalize(2.0 * -0.74));
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

// An emoji weighs the VADER valences of its description's words, outside
// the rules for words: "😍" (smiling face with heart-eyes) smiling's 2.0,
// "😢" (crying face) crying's -2.1; or what the hotel emoji supplement says
// of it: "😡" (pouting face, nothing to VADER) -2.3, "🔥" (fire, -1.4 to
// VADER) 1.8.
TEST_F(LexicalSentimentTest, EmojiWeighWhatVaderReadsInThem) {
  EXPECT_DOUBLE_EQ(Compound("Vue 😍"), Normalize(2.0));
  EXPECT_DOUBLE_EQ(Compound("😍😍"), Normalize(4.0));
  EXPECT_DOUBLE_EQ(Compound("chambre propre 😢"), Normalize(2.0 - 2.1));
  EXPECT_DOUBLE_EQ(Compound("pas 😍"), Normalize(2.0));
  EXPECT_DOUBLE_EQ(Compound("Vue 😡"), Normalize(-2.3));
  EXPECT_DOUBLE_EQ(Compound("Vue 🔥"), Normalize(1.8));
  EXPECT_EQ(Compound("Vue 🎂"), 0);  // "birthday cake": nothing
  const SentimentScores scores = analyzer_.PolarityScores("😢");
  EXPECT_DOUBLE_EQ(scores.neg, 1.0);
}

TEST_F(LexicalSentimentTest, ElisionsAreSplitOff) {
  EXPECT_DOUBLE_EQ(Compound("l'aimable"), Normalize(2.0));
  EXPECT_DOUBLE_EQ(Compound("l’aimable"), Normalize(2.0));
  EXPECT_DOUBLE_EQ(Compound("n'aimable"), Normalize(2.0 * -0.74));
  EXPECT_TRUE(analyzer_.Knows("l'"));
  EXPECT_TRUE(analyzer_.Knows("chambre"));  // a function word
  EXPECT_FALSE(analyzer_.Knows("room"));
}

// The same toy lexicon with an idiom, for the rules beyond VADER's.
class FrenchRulesTest : public ::testing::Test {
 protected:
  FrenchRulesTest()
      : analyzer_(*FindLanguageRules("fr"),
                  {{"propre", 2.0}, {"bruit", -1.0}, {"écoute", 1.0}},
                  LanguageSupplement{{{"aimable", 2.0},
                                      {"pas terrible", -1.5},
                                      {"aux petits soins", 2.5}},
                                     {}}) {}

  double Compound(std::string_view text) const {
    return analyzer_.PolarityScores(text).compound;
  }

  LexicalSentimentAnalyzer analyzer_;
};

TEST_F(FrenchRulesTest, NegationReachesPastClosedClassWordsNotPastAnd) {
  // "du", "tout", "à", "l'" do not count towards the three words ("tout"
  // still raises it as a booster three tokens away, as VADER would).
  EXPECT_DOUBLE_EQ(Compound("pas du tout à l'écoute"),
                   Normalize((1.0 + 0.293 * 0.9) * -0.74));
  // Coordination ends the negation's scope: "propre" is not negated.
  EXPECT_DOUBLE_EQ(Compound("pas là et propre"), Normalize(2.0));
}

TEST_F(FrenchRulesTest, TooMakesAWordWithoutSentimentAComplaint) {
  // tôt: -1.5, raised by "trop" as a booster.
  EXPECT_DOUBLE_EQ(Compound("Le bar ferme trop tôt"), Normalize(-1.5 - 0.293));
  // Before a sentiment word "trop" only raises it.
  EXPECT_DOUBLE_EQ(Compound("trop propre"), Normalize(2.0 + 0.293));
}

TEST_F(FrenchRulesTest, AMissingThingIsAMildComplaint) {
  EXPECT_DOUBLE_EQ(Compound("Pas de wifi dans la chambre"), Normalize(-1.0));
  EXPECT_DOUBLE_EQ(Compound("aucune climatisation"), Normalize(-1.0));
  // A sentiment word after it is negated as usual.
  EXPECT_DOUBLE_EQ(Compound("aucun bruit"), Normalize(-1.0 * -0.74));
}

TEST_F(FrenchRulesTest, SuperAloneIsPraise) {
  EXPECT_DOUBLE_EQ(Compound("Super emplacement"), Normalize(2.0));
  EXPECT_DOUBLE_EQ(Compound("super propre"), Normalize(2.0 + 0.293));
}

TEST_F(FrenchRulesTest, FaintPraiseTakesBackItsSentencesPraise) {
  EXPECT_EQ(Compound("Chambre propre, sans plus."), 0);
  // Only in its sentence, and complaints stay.
  EXPECT_DOUBLE_EQ(Compound("Propre, sans plus. Personnel aimable."),
                   Normalize(2.0));
  EXPECT_DOUBLE_EQ(Compound("Propre mais du bruit, rien de plus"),
                   Normalize(-1.0 * 1.5));
}

TEST_F(FrenchRulesTest, IdiomsScoreAsOneWord) {
  // "pas" is part of the idiom and negates nothing.
  EXPECT_DOUBLE_EQ(Compound("Pas terrible."), Normalize(-1.5));
  EXPECT_DOUBLE_EQ(Compound("Pas terrible, propre"), Normalize(-1.5 + 2.0));
}

TEST_F(FrenchRulesTest, AnIdiomWithItsOwnNegationIsNotNegatedAgain) {
  // "ne ... pas terrible": the "ne" belongs to the idiom's "pas".
  EXPECT_DOUBLE_EQ(Compound("Le petit-déjeuner n'était pas terrible."),
                   Normalize(-1.5));
  // An idiom without a negation of its own is negated like a word.
  EXPECT_DOUBLE_EQ(Compound("Ils n'étaient pas aux petits soins."),
                   Normalize(2.5 * -0.74));
}

TEST(LanguageAnalyzersTest, ATranslatedVaderWordScoresAsItsEnglishSource) {
  // "espantoso" is in neither lorca's AFINN nor the supplement; its
  // translation of "dreadful" (VADER -1.9) scores it.
  const LexicalSentimentAnalyzer* spanish = FindLexicalAnalyzer("es");
  ASSERT_NE(spanish, nullptr);
  EXPECT_DOUBLE_EQ(spanish->PolarityScores("Espantoso").compound,
                   Normalize(-1.9));
  EXPECT_TRUE(spanish->Knows("espantoso"));
}

TEST(LanguageAnalyzersTest, NeverAndNobodySayWhatWasMissing) {
  const LexicalSentimentAnalyzer* dutch = FindLexicalAnalyzer("nl");
  const LexicalSentimentAnalyzer* german = FindLexicalAnalyzer("de");
  const LexicalSentimentAnalyzer* portuguese = FindLexicalAnalyzer("pt");
  ASSERT_NE(dutch, nullptr);
  ASSERT_NE(german, nullptr);
  ASSERT_NE(portuguese, nullptr);
  // "Never" or "nobody" before a word without sentiment: what was expected
  // did not happen.
  EXPECT_LT(dutch->PolarityScores("We kregen nooit antwoord.").compound, -0.05);
  EXPECT_LT(german->PolarityScores("Niemand an der Rezeption.").compound,
            -0.05);
  // Before a sentiment word they negate it as before, past "had".
  EXPECT_GT(portuguese->PolarityScores("Nunca tivemos problemas.").compound,
            0.05);
  EXPECT_GT(german->PolarityScores("Wir hatten nie Probleme.").compound, 0.05);
}

// The fifth pass's rules (language_rules.h), each in a language that has it.
TEST(LanguageAnalyzersTest, NeverSoIsTheWorstEverNotANegation) {
  const LexicalSentimentAnalyzer* dutch = FindLexicalAnalyzer("nl");
  const LexicalSentimentAnalyzer* french = FindLexicalAnalyzer("fr");
  ASSERT_NE(dutch, nullptr);
  ASSERT_NE(french, nullptr);
  EXPECT_LT(dutch->PolarityScores("Nog nooit zo slecht gegeten.").compound,
            -0.05);
  EXPECT_GT(french->PolarityScores("Jamais aussi bien mangé.").compound, 0.05);
  // "Not so" still negates.
  EXPECT_LT(dutch->PolarityScores("Het was niet zo schoon.").compound, -0.05);
}

TEST(LanguageAnalyzersTest, NothingClosingAClauseIsAMissingThing) {
  const LexicalSentimentAnalyzer* italian = FindLexicalAnalyzer("it");
  ASSERT_NE(italian, nullptr);
  EXPECT_LT(italian->PolarityScores("Il wifi andava al bar, in camera niente.")
                .compound,
            -0.05);
  // Not in a clause that has a negation of its own.
  EXPECT_EQ(italian->PolarityScores("Non abbiamo chiesto niente.").compound, 0);
}

TEST(LanguageAnalyzersTest, NegationReachesTheQualifierOfAMissingNoun) {
  const LexicalSentimentAnalyzer* portuguese = FindLexicalAnalyzer("pt");
  ASSERT_NE(portuguese, nullptr);
  EXPECT_GT(portuguese->PolarityScores("Nenhuma surpresa ruim.").compound,
            0.05);
}

TEST(LanguageAnalyzersTest, PortugueseIsIsNoConjunction) {
  const LexicalSentimentAnalyzer* portuguese = FindLexicalAnalyzer("pt");
  ASSERT_NE(portuguese, nullptr);
  // "é" (is) folds to "e" (and), which ends a negation's reach.
  EXPECT_LT(portuguese->PolarityScores("O quarto não é limpo.").compound,
            -0.05);
  EXPECT_GT(
      portuguese->PolarityScores("Não tinha ar e a cama era boa.").compound,
      0.05);
}

TEST(LanguageAnalyzersTest, NorNegatesOnlyAfterNeither) {
  const LexicalSentimentAnalyzer* german = FindLexicalAnalyzer("de");
  ASSERT_NE(german, nullptr);
  EXPECT_LT(
      german->PolarityScores("Weder freundlich noch hilfsbereit.").compound,
      -0.05);
  EXPECT_GT(german->PolarityScores("Das Zimmer war noch sauber.").compound,
            0.05);
}

TEST(LanguageAnalyzersTest, PersonneIsNobodyOnlyStartingAClause) {
  const LexicalSentimentAnalyzer* french = FindLexicalAnalyzer("fr");
  ASSERT_NE(french, nullptr);
  EXPECT_LT(french->PolarityScores("Personne à la réception.").compound, -0.05);
  EXPECT_LT(
      french->PolarityScores("Des travaux, et personne ne nous a prévenus.")
          .compound,
      -0.05);
  EXPECT_GT(french->PolarityScores("Une personne très aimable à la réception.")
                .compound,
            0.05);
}

TEST(LanguageAnalyzersTest, PocoBeforeAnAdjectiveNegatesIt) {
  const LexicalSentimentAnalyzer* italian = FindLexicalAnalyzer("it");
  const LexicalSentimentAnalyzer* portuguese = FindLexicalAnalyzer("pt");
  ASSERT_NE(italian, nullptr);
  ASSERT_NE(portuguese, nullptr);
  EXPECT_LT(italian->PolarityScores("Personale poco gentile.").compound, -0.05);
  EXPECT_LT(
      portuguese->PolarityScores("Funcionários pouco simpáticos.").compound,
      -0.05);
  // After an article it only diminishes: "a little noisy" stays a complaint
  // and "a little kind" praise.
  const double a_little_kind =
      italian->PolarityScores("un poco gentile").compound;
  EXPECT_GT(a_little_kind, 0.05);
  EXPECT_LT(a_little_kind, italian->PolarityScores("gentile").compound);
}

TEST(LanguageAnalyzersTest, TooInEachLanguage) {
  const LexicalSentimentAnalyzer* portuguese = FindLexicalAnalyzer("pt");
  const LexicalSentimentAnalyzer* german = FindLexicalAnalyzer("de");
  const LexicalSentimentAnalyzer* dutch = FindLexicalAnalyzer("nl");
  ASSERT_NE(portuguese, nullptr);
  ASSERT_NE(german, nullptr);
  ASSERT_NE(dutch, nullptr);
  // Portuguese "demais" after the word: a complaint, or a raise.
  EXPECT_LT(portuguese->PolarityScores("O bar fecha cedo demais.").compound,
            -0.05);
  EXPECT_GT(portuguese->PolarityScores("O café é bom demais.").compound,
            portuguese->PolarityScores("O café é bom.").compound);
  EXPECT_LT(german->PolarityScores("Die Bar schließt zu früh.").compound,
            -0.05);
  // "zu" before an infinitive or a (capitalised) noun is no excess.
  EXPECT_EQ(german->PolarityScores("Das Hotel ist leicht zu finden").compound,
            german->PolarityScores("Das Hotel ist leicht finden").compound);
  EXPECT_EQ(german->PolarityScores("zu Fuß").compound, 0);
  EXPECT_LT(dutch->PolarityScores("De bar gaat te vroeg dicht.").compound,
            -0.05);
  EXPECT_EQ(dutch->PolarityScores("te eten").compound, 0);
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

TEST(LanguageAnalyzersTest, SeparableVerbsJoinTheirParticle) {
  const LexicalSentimentAnalyzer* german = FindLexicalAnalyzer("de");
  const LexicalSentimentAnalyzer* dutch = FindLexicalAnalyzer("nl");
  ASSERT_NE(german, nullptr);
  ASSERT_NE(dutch, nullptr);
  auto compound = [](const LexicalSentimentAnalyzer* analyzer,
                     std::string_view text) {
    return analyzer->PolarityScores(text).compound;
  };
  // The particle closing the main clause, the verb second: as the joined
  // form ("abbrach", "tegenviel") scores.
  EXPECT_DOUBLE_EQ(compound(german, "Das WLAN brach ständig ab."),
                   compound(german, "abbrach"));
  EXPECT_LT(compound(german, "Das WLAN brach ständig ab."), -0.05);
  EXPECT_LT(compound(dutch, "Het hotel viel ons erg tegen."), -0.05);
  EXPECT_GT(compound(dutch, "Het ontbijt viel reuze mee."), 0.05);
  // Negated as the verb is: "kommen nicht wieder" complains.
  EXPECT_GT(compound(german, "Wir kommen gerne wieder."), 0.05);
  EXPECT_LT(compound(german, "Wir kommen nicht wieder."), -0.05);
  // Only a particle closing its clause is one; nothing is joined across
  // a clause break or into a word without sentiment.
  EXPECT_EQ(compound(german, "Das WLAN brach, ab"), 0);
  EXPECT_EQ(compound(german, "Die Tür ging zu."), 0);
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

TEST(LanguageAnalyzersTest, PortugueseIsLookedUpWithoutDiacritics) {
  const LexicalSentimentAnalyzer* portuguese = FindLexicalAnalyzer("pt");
  ASSERT_NE(portuguese, nullptr);
  // LeIA's lexicon has "horrivel"; guests write both spellings.
  EXPECT_TRUE(portuguese->Knows("horrível"));
  EXPECT_TRUE(portuguese->Knows("horrivel"));
  EXPECT_EQ(portuguese->PolarityScores("Quarto horrível").compound,
            portuguese->PolarityScores("Quarto horrivel").compound);
  EXPECT_LT(portuguese->PolarityScores("O quarto não estava limpo.").compound,
            -0.05);
  EXPECT_LT(portuguese->PolarityScores("O quarto nao estava limpo.").compound,
            -0.05);
}

TEST(LexicalSentimentNegatedOnlyTest, CountsOnlyWhereANegationReachesIt) {
  const LexicalSentimentAnalyzer analyzer(
      *FindLanguageRules("fr"), {{"propre", 2.0}},
      LanguageSupplement{{{"changées", 0.8}}, {"changées"}});
  auto compound = [&](std::string_view text) {
    return analyzer.PolarityScores(text).compound;
  };
  // Being given other towels, or another room, is no praise...
  EXPECT_DOUBLE_EQ(compound("Les serviettes ont été changées."), 0.0);
  // ...towels never changed are a complaint.
  EXPECT_DOUBLE_EQ(compound("Les serviettes n'ont pas été changées."),
                   Normalize(0.8 * vader::kNegationScalar));
  // It lends its stem no valence: "changeons" stays unknown.
  EXPECT_DOUBLE_EQ(compound("Nous ne changeons pas."), 0.0);
  // The other words score as before, and it is no sentiment word for the
  // aspects' clauses.
  EXPECT_DOUBLE_EQ(compound("changées et propre"), Normalize(2.0));
  EXPECT_FALSE(analyzer.IsSentimentWord("changées"));
  EXPECT_TRUE(analyzer.IsSentimentWord("propre"));
}

// Nor does it lend its valence to the stronger forms made of words with
// one ("limpísimo", "superlimpio").
TEST(LexicalSentimentNegatedOnlyTest, HasNoStrongerForms) {
  const LexicalSentimentAnalyzer analyzer(
      *FindLanguageRules("es"), {{"limpio", 2.0}},
      LanguageSupplement{{{"cambiado", 0.8}}, {"cambiado"}});
  EXPECT_GT(analyzer.PolarityScores("limpísimo").compound, 0);
  EXPECT_GT(analyzer.PolarityScores("superlimpio").compound, 0);
  EXPECT_DOUBLE_EQ(analyzer.PolarityScores("cambiadísimo").compound, 0);
  EXPECT_DOUBLE_EQ(analyzer.PolarityScores("supercambiado").compound, 0);
}

TEST(LexicalSentimentUntranslatedTest, ScoreButAreNoEvidence) {
  const LexicalSentimentAnalyzer analyzer(
      *FindLanguageRules("pt"), {{"meh", -0.3}, {"sujo", -1.9}}, {}, {"meh"});
  EXPECT_FALSE(analyzer.Knows("meh"));
  EXPECT_TRUE(analyzer.Knows("sujo"));
  EXPECT_LT(analyzer.PolarityScores("meh").compound, -0.05);
  // LeIA kept "meh" from VADER: short English slang stays English.
  const LexicalSentimentAnalyzer* portuguese = FindLexicalAnalyzer("pt");
  ASSERT_NE(portuguese, nullptr);
  EXPECT_FALSE(portuguese->Knows("meh"));
}

TEST(LexicalSentimentFoldingTest, SpellingsOfOneWordTakeTheirMean) {
  // Portuguese folds diacritics: "difícil" and "dificil" are one word, and
  // whichever a hash map gave last used to win, differently from run to run.
  const LexicalSentimentAnalyzer analyzer(
      *FindLanguageRules("pt"), {{"difícil", -1.0}, {"dificil", -3.0}},
      LanguageSupplement{{{"ótimo", 3.0}, {"otimo", 2.0}}, {}});
  EXPECT_DOUBLE_EQ(analyzer.PolarityScores("difícil").compound,
                   Normalize(-2.0));
  EXPECT_DOUBLE_EQ(analyzer.PolarityScores("dificil").compound,
                   Normalize(-2.0));
  EXPECT_DOUBLE_EQ(analyzer.PolarityScores("ótimo").compound, Normalize(2.5));
}

// Guests on keyboards without the language's letters write "tres decu":
// in a text with no diacritics at all, a word the lexicons lack is looked
// up as the word it is typed for.
TEST(LexicalSentimentTypedWithoutDiacriticsTest, FindsTheWordTypedFor) {
  const LexicalSentimentAnalyzer analyzer(
      *FindLanguageRules("fr"),
      {{"déçu", -2.0}, {"décevant", -2.0}, {"sûr", 1.5}, {"passé", -1.0}},
      LanguageSupplement{{{"propre", 2.0}}, {}});
  auto compound = [&](std::string_view text) {
    return analyzer.PolarityScores(text).compound;
  };
  EXPECT_DOUBLE_EQ(compound("Tres decu"), Normalize(-2.0 - 0.293));
  EXPECT_DOUBLE_EQ(compound("Tres decu"), compound("Très déçu"));
  // Inflected: by the stem of the plain spelling.
  EXPECT_DOUBLE_EQ(compound("decevante"), Normalize(-2.0));
  EXPECT_TRUE(analyzer.IsSentimentWord("decu"));
  // A word of the language spelt so stays that word: "sur" (on) is no
  // "sûr" (sure).
  EXPECT_DOUBLE_EQ(compound("le bus sur la route"), 0.0);
  // In a text written with diacritics, a word without them is what it says
  // (French "passe", passes, is no "passé", dated), so it is not looked up
  // as another.
  EXPECT_DOUBLE_EQ(compound("décevant et decu"), Normalize(-2.0));
  // A part of a text is looked up as the whole text tells: "decu" alone, in
  // a review written with diacritics elsewhere, is not "déçu".
  TextWords words;
  SplitTextWords("decu", PythonUnicode::Default(), &words);
  EXPECT_TRUE(analyzer.IsTypedWithoutDiacritics(words.words));
  EXPECT_DOUBLE_EQ(analyzer.PolarityScores("decu", words.words, false).compound,
                   0.0);
  EXPECT_DOUBLE_EQ(analyzer.PolarityScores("decu", words.words, true).compound,
                   Normalize(-2.0));
  // Not evidence of the language.
  EXPECT_FALSE(analyzer.Knows("decu"));
}

// German writes "schön" as "schoen" without umlauts, and "ß" as "ss": "schon"
// (already) is a word of its own.
TEST(LexicalSentimentTypedWithoutDiacriticsTest, GermanUmlautsAsDigraphs) {
  const LexicalSentimentAnalyzer analyzer(
      *FindLanguageRules("de"), {{"schön", 2.0}, {"ungenießbar", -2.5}}, {});
  EXPECT_DOUBLE_EQ(analyzer.PolarityScores("ein schoenes Hotel").compound,
                   analyzer.PolarityScores("ein schönes Hotel").compound);
  EXPECT_DOUBLE_EQ(analyzer.PolarityScores("ungeniessbar").compound,
                   Normalize(-2.5));
  EXPECT_DOUBLE_EQ(analyzer.PolarityScores("ungenissbar").compound, 0.0);
}

// On the published lexicons: the same complaint typed both ways.
TEST(LanguageAnalyzersTest, TextsTypedWithoutDiacriticsScoreAlike) {
  struct Case {
    const char* language;
    const char* typed;
    const char* written;
  };
  for (const Case& c : std::vector<Case>{
           {"fr", "Tres decu, personnel desagreable.",
            "Très déçu, personnel désagréable."},
           {"es", "El desayuno fue pesimo.", "El desayuno fue pésimo."},
           {"de", "Das Fruehstueck war ungeniessbar.",
            "Das Frühstück war ungenießbar."},
       }) {
    const LexicalSentimentAnalyzer* analyzer = FindLexicalAnalyzer(c.language);
    ASSERT_NE(analyzer, nullptr);
    const double written = analyzer->PolarityScores(c.written).compound;
    EXPECT_LT(written, -0.05) << c.written;
    EXPECT_DOUBLE_EQ(analyzer->PolarityScores(c.typed).compound, written)
        << c.typed;
  }
}

// Clauses for aspects start at a contrast word typed without its accent
// too.
TEST(LanguageAnalyzersTest, ContrastWordsTypedWithoutDiacriticsSplitClauses) {
  for (const auto& [language, typed] :
       std::vector<std::pair<const char*, std::string_view>>{{"it", "pero"},
                                                             {"pt", "porem"}}) {
    const LexicalSentimentAnalyzer* analyzer = FindLexicalAnalyzer(language);
    ASSERT_NE(analyzer, nullptr);
    const std::vector<std::string_view>& words =
        analyzer->clause_conjunctions();
    EXPECT_NE(std::find(words.begin(), words.end(), typed), words.end())
        << language << " " << typed;
  }
}

TEST(LanguageAnalyzersTest, PortugueseTrailingNegationAndContrast) {
  const LexicalSentimentAnalyzer* portuguese = FindLexicalAnalyzer("pt");
  ASSERT_NE(portuguese, nullptr);
  EXPECT_GT(portuguese->PolarityScores("Gostei do café.").compound, 0.05);
  // Brazilian "não" after the verb, at the end of the clause.
  EXPECT_LT(portuguese->PolarityScores("Gostei do café não.").compound, -0.05);
  // After "mas" the complaint weighs more than the praise before it.
  EXPECT_LT(portuguese->PolarityScores("O quarto é bonito mas sujo.").compound,
            -0.05);
}

TEST(LanguageAnalyzersTest, StemsFindInflectionsTheLexiconsLack) {
  const LexicalSentimentAnalyzer* french = FindLexicalAnalyzer("fr");
  ASSERT_NE(french, nullptr);
  // Neither the lexicon nor the supplement lists "impolies".
  EXPECT_FALSE(french->Knows("impolies"));
  EXPECT_LT(french->PolarityScores("serveuses impolies").compound, -0.05);
}

TEST(LanguageAnalyzersTest, OneAnalyzerPerScoredLanguage) {
  for (std::string_view code : {"fr", "nl", "it", "pt"}) {
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
  const absl::StatusOr<LanguageSupplement> supplement =
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
