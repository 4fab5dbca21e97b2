#include "analysis/internal/language_identifier.h"

#include <string>
#include <string_view>

#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

// Two analysed languages with tiny vocabularies, so each case shows which
// step of the rule decided. "great" and "bueno" carry sentiment; "stay"
// and "muy" do not.
const LanguageIdentifier& Identifier() {
  static const LanguageIdentifier* const kIdentifier = new LanguageIdentifier(
      {{"en", {"great", "stay", "super", "room"}, false, {"great", "super"}},
       {"es", {"muy", "bueno", "super"}, false, {"bueno", "super"}}});
  return *kIdentifier;
}

std::string Describe(std::string_view text, std::string_view declared = {}) {
  const IdentifiedLanguage identified = Identifier().Identify(text, declared);
  return identified.language + "/" +
         std::string(LanguageSourceName(identified.source));
}

TEST(LanguageIdentifierTest, ReliableDetectionDecides) {
  EXPECT_EQ(Describe("La habitación estaba sucia y el personal fue muy "
                     "grosero."),
            "es/detected");
  EXPECT_EQ(Describe("Das Zimmer war nicht sauber und das Personal war "
                     "unfreundlich."),
            "de/detected");
  EXPECT_EQ(Describe("房间很脏，服务员很粗鲁。"), "zh/detected");
}

TEST(LanguageIdentifierTest, ReliableDetectionOverridesTheDeclaredCode) {
  EXPECT_EQ(Describe("La habitación estaba sucia y el personal fue muy "
                     "grosero.",
                     "en"),
            "es/detected");
}

// CLD2 reads only the start of a long text (kDetectionSampleBytes), so the
// language a review opens with names it even when more of it follows in
// another (its sentences are still analysed each in its own language:
// FeedbackAnalyzerLanguageTest.MixedLanguagesAreScoredSentenceBySentence).
TEST(LanguageIdentifierTest, ALongTextIsToldByItsStart) {
  std::string spanish;
  while (spanish.size() < LanguageIdentifier::kDetectionSampleBytes) {
    spanish += "La habitación estaba sucia y el personal fue muy grosero. ";
  }
  std::string german;
  while (german.size() < 3 * spanish.size()) {
    german += "Das Zimmer war nicht sauber und das Personal war unfreundlich. ";
  }
  EXPECT_EQ(Describe(spanish + german), "es/detected");
  EXPECT_EQ(Describe(german + spanish), "de/detected");
}

TEST(LanguageIdentifierTest, ShortTextTakesTheDeclaredCode) {
  EXPECT_EQ(Describe("Hotel Lisboa", "pt-BR"), "pt/declared");
  EXPECT_EQ(Describe("Muy bueno", "ES"), "es/declared");
  // Words both languages know do not contradict either.
  EXPECT_EQ(Describe("Super!", "en"), "en/declared");
}

TEST(LanguageIdentifierTest, ShortTextFallsBackOnKnownWords) {
  EXPECT_EQ(Describe("Great stay!"), "en/detected");
  EXPECT_EQ(Describe("Muy bueno"), "es/detected");
  // Words known to both: no single answer.
  EXPECT_EQ(Describe("Super!"), "und/undetermined");
  EXPECT_EQ(Describe("Hotel Lisboa"), "und/undetermined");
}

TEST(LanguageIdentifierTest, KnownWordsContradictingTheDeclaredCodeWin) {
  EXPECT_EQ(Describe("Great stay!", "es"), "en/detected");
  EXPECT_EQ(Describe("Great stay!", "fr"), "en/detected");
  // One sentiment word is enough to contradict.
  EXPECT_EQ(Describe("Great!", "es"), "en/detected");
}

TEST(LanguageIdentifierTest, ASingleNeutralKnownWordDoesNotContradict) {
  EXPECT_EQ(Describe("Stay", "es"), "es/declared");
  EXPECT_EQ(Describe("Stay Lisboa", "fr"), "fr/declared");
  // Two neutral known words do.
  EXPECT_EQ(Describe("Room stay", "es"), "en/detected");
  // Nothing declared: the known word decides, as before.
  EXPECT_EQ(Describe("Stay"), "en/detected");
}

TEST(LanguageIdentifierTest, DeclaredCodeMustFitTheScript) {
  // Too short for CLD2: a declared Latin-script language cannot be right, one
  // analysed elsewhere may be.
  EXPECT_EQ(Describe("الغرفة كانت متسخة", "es"), "und/undetermined");
  EXPECT_EQ(Describe("الغرفة كانت متسخة", "ar"), "ar/declared");
}

TEST(LanguageIdentifierTest, TextsWithoutLetters) {
  EXPECT_EQ(Describe(""), "und/undetermined");
  EXPECT_EQ(Describe("😀😀😀 !!!"), "und/undetermined");
  EXPECT_EQ(Describe("12/10 :)"), "und/undetermined");
  EXPECT_EQ(Describe("😀😀😀", "en"), "en/declared");
}

TEST(LanguageIdentifierTest, MalformedDeclaredCodesAreIgnored) {
  EXPECT_EQ(Describe("Hotel", "x"), "und/undetermined");
  EXPECT_EQ(Describe("Hotel", "english"), "und/undetermined");
  EXPECT_EQ(Describe("Hotel", "e1"), "und/undetermined");
  EXPECT_EQ(Describe("Hotel", "es_MX"), "es/declared");
}

}  // namespace
}  // namespace guestvoice::analysis
