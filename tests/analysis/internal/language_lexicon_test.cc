#include "analysis/internal/language_lexicon.h"

#include <string>
#include <string_view>

#include "absl/container/flat_hash_set.h"
#include "analysis/internal/embedded_data.h"
#include "analysis/internal/lexicons.h"
#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

TEST(ParsePatternLexiconTest, ReadsPatternXmlAndAveragesSenses) {
  const absl::StatusOr<WordValences> lexicon = ParsePatternLexicon(
      "<sentiment>\n"
      "<word form=\"Schoon\" pos=\"JJ\" polarity=\"0.5\" />\n"
      "<word form=\"schoon\" pos=\"JJ\" polarity=\"1.0\" />\n"
      "<word form=\"vies\" cornetto_id=\"x\" polarity=\"-0.7\" />\n"
      "</sentiment>\n");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status();
  EXPECT_DOUBLE_EQ(lexicon->at(std::string_view("schoon")),
                   0.75 * kPatternToVader);
  EXPECT_DOUBLE_EQ(lexicon->at(std::string_view("vies")),
                   -0.7 * kPatternToVader);
}

TEST(ParsePatternLexiconTest, LowersBeyondAsciiAndSkipsComments) {
  const absl::StatusOr<WordValences> lexicon = ParsePatternLexicon(
      "<!-- an example:\n"
      "<word form=\"Ärger\" polarity=\"1.0\"/>\n"
      "-->\n"
      "<sentiment>\n"
      "<word form=\"Ärger\" pos=\"NN\" polarity=\"-0.7\"/>\n"
      "</sentiment>\n");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status();
  EXPECT_DOUBLE_EQ(lexicon->at(std::string_view("ärger")),
                   -0.7 * kPatternToVader);
  EXPECT_EQ(lexicon->size(), 1u);
}

TEST(EmbeddedLexiconsTest, GermanParses) {
  const absl::StatusOr<WordValences> lexicon =
      ParsePatternLexicon(embedded::GermanLexicon());
  ASSERT_TRUE(lexicon.ok()) << lexicon.status();
  EXPECT_GT(lexicon->size(), 7000u);
  EXPECT_DOUBLE_EQ(lexicon->at(std::string_view("schön")), kPatternToVader);
  ASSERT_TRUE(ParseLanguageSupplement(embedded::HotelSupplementGerman()).ok());
}

TEST(ParsePatternLexiconTest, ReadsNaturalsJson) {
  const absl::StatusOr<WordValences> lexicon = ParsePatternLexicon(
      "{\n  \"pulito\": {\n    \"form\": \"pulito\",\n    \"pos\": \"JJ\",\n"
      "    \"polarity\": \"0.50\",\n    \"subjectivity\": \"0.5\"\n  }\n}\n");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status();
  EXPECT_DOUBLE_EQ(lexicon->at(std::string_view("pulito")), 2.0);
}

TEST(ParsePatternLexiconTest, RejectsBadPolarities) {
  EXPECT_FALSE(ParsePatternLexicon("<word form=\"a\" polarity=\"x\" />").ok());
  EXPECT_FALSE(ParsePatternLexicon("<word form=\"a\" polarity=\"2\" />").ok());
  EXPECT_FALSE(ParsePatternLexicon("<word polarity=\"0.5\" />").ok());
  EXPECT_FALSE(ParsePatternLexicon("").ok());
}

TEST(ParseVaderFormatLexiconTest, ReadsVadersFormatLaterDuplicatesWinning) {
  const absl::StatusOr<WordValences> lexicon = ParseVaderFormatLexicon(
      "limpo\t0.4\t0.4899\t[0, 1]\n"
      "sujo\t-1.9\t0.83\t[-2, -1]\n"
      "limpo\t1.7\t0.78\t[3, 1]\n");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status();
  EXPECT_EQ(lexicon->size(), 2u);
  EXPECT_DOUBLE_EQ(lexicon->at(std::string_view("limpo")), 1.7);
  EXPECT_DOUBLE_EQ(lexicon->at(std::string_view("sujo")), -1.9);
  EXPECT_FALSE(ParseVaderFormatLexicon("limpo\n").ok());
  EXPECT_FALSE(ParseVaderFormatLexicon("").ok());
}

TEST(ParseVaderFormatLexiconTest, ReadsTheEmbeddedPortugueseLexicon) {
  const absl::StatusOr<WordValences> lexicon =
      ParseVaderFormatLexicon(embedded::PortugueseLexicon());
  ASSERT_TRUE(lexicon.ok()) << lexicon.status();
  EXPECT_GT(lexicon->size(), 5000u);
  EXPECT_LT(lexicon->at(std::string_view("horrivel")), 0);
}

TEST(ParseLanguageSupplementTest, ReadsWordsAndValences) {
  const absl::StatusOr<LanguageSupplement> supplement = ParseLanguageSupplement(
      "# comment\nversion\t1\n\ndéçu\t-1.9\nsale\t-1.9\n");
  ASSERT_TRUE(supplement.ok()) << supplement.status();
  EXPECT_DOUBLE_EQ(supplement->valences.at(std::string_view("déçu")), -1.9);
  EXPECT_EQ(supplement->valences.size(), 2u);
  EXPECT_TRUE(supplement->negated_only.empty());
}

TEST(ParseLanguageSupplementTest, ReadsIdiomsOfSeveralWords) {
  const absl::StatusOr<LanguageSupplement> supplement = ParseLanguageSupplement(
      "version\t1\npas terrible\t-1.5\nattendais à mieux\t-1.5\n");
  ASSERT_TRUE(supplement.ok()) << supplement.status();
  EXPECT_DOUBLE_EQ(supplement->valences.at(std::string_view("pas terrible")),
                   -1.5);
  // One space between words, none around them.
  EXPECT_FALSE(ParseLanguageSupplement("version\t1\npas  terrible\t-1\n").ok());
  EXPECT_FALSE(ParseLanguageSupplement("version\t1\nterrible \t-1\n").ok());
  EXPECT_FALSE(ParseLanguageSupplement("version\t1\nPas terrible\t-1\n").ok());
}

TEST(ParseLanguageSupplementTest, ReadsWordsThatCountOnlyNegated) {
  const absl::StatusOr<LanguageSupplement> supplement = ParseLanguageSupplement(
      "version\t1\ncambiaron\t0.8\tnegated\nsucio\t-1.9\n");
  ASSERT_TRUE(supplement.ok()) << supplement.status();
  EXPECT_DOUBLE_EQ(supplement->valences.at(std::string_view("cambiaron")), 0.8);
  EXPECT_TRUE(supplement->negated_only.contains("cambiaron"));
  EXPECT_FALSE(supplement->negated_only.contains("sucio"));
  // Only that marker, and only on single words.
  EXPECT_FALSE(
      ParseLanguageSupplement("version\t1\ncambiaron\t0.8\tnegado\n").ok());
  EXPECT_FALSE(
      ParseLanguageSupplement("version\t1\nagua caliente\t1\tnegated\n").ok());
}

TEST(ParseLanguageSupplementTest, RejectsMalformedFiles) {
  EXPECT_FALSE(ParseLanguageSupplement("sale\t-1.9\n").ok());  // no version
  EXPECT_FALSE(ParseLanguageSupplement("version\t1\nSale\t-1.9\n").ok());
  EXPECT_FALSE(ParseLanguageSupplement("version\t1\nsale\t-5\n").ok());
  EXPECT_FALSE(ParseLanguageSupplement("version\t1\nsale\n").ok());
  EXPECT_FALSE(
      ParseLanguageSupplement("version\t1\nsale\t-1\nsale\t-2\n").ok());
  EXPECT_FALSE(
      ParseLanguageSupplement("version\t1\nsale\t-1\nversion\t2\n").ok());
}

TEST(EmbeddedLexiconsTest, AllParse) {
  for (auto file : {embedded::FrenchLexicon(), embedded::DutchLexicon(),
                    embedded::ItalianLexicon()}) {
    const absl::StatusOr<WordValences> lexicon = ParsePatternLexicon(file);
    ASSERT_TRUE(lexicon.ok()) << lexicon.status();
    EXPECT_GT(lexicon->size(), 2500u);
  }
  for (auto file :
       {embedded::HotelSupplementFrench(), embedded::HotelSupplementDutch(),
        embedded::HotelSupplementItalian()}) {
    const absl::StatusOr<LanguageSupplement> supplement =
        ParseLanguageSupplement(file);
    ASSERT_TRUE(supplement.ok()) << supplement.status();
  }
}

const ValenceLexicon& Vader() {
  static const auto* const kVader =
      new ValenceLexicon(*ValenceLexicon::ParseVader(embedded::VaderLexicon()));
  return *kVader;
}

TEST(ParseVaderTranslationsTest, WordsTakeTheirEnglishSourcesValence) {
  const absl::StatusOr<VaderTranslations> translations = ParseVaderTranslations(
      "# a comment\nversion\t1\nasqueroso\tdisgusting\n"
      "horrible\thorrible\n",
      Vader());
  ASSERT_TRUE(translations.ok()) << translations.status();
  EXPECT_DOUBLE_EQ(translations->valences.at(std::string_view("asqueroso")),
                   *Vader().Find("disgusting"));
  EXPECT_DOUBLE_EQ(translations->valences.at(std::string_view("horrible")),
                   *Vader().Find("horrible"));
  // Spelled as its source: scored, but no evidence of the language.
  EXPECT_EQ(translations->same_as_english,
            absl::flat_hash_set<std::string>{"horrible"});
}

TEST(ParseVaderTranslationsTest, RejectsWhatVaderDoesNotRateAndMalformedLines) {
  EXPECT_FALSE(ParseVaderTranslations("asqueroso\tdisgusting\n", Vader())
                   .ok());  // no version
  EXPECT_FALSE(
      ParseVaderTranslations("version\t1\nhabitación\troom\n", Vader()).ok());
  EXPECT_FALSE(
      ParseVaderTranslations("version\t1\nAsqueroso\tdisgusting\n", Vader())
          .ok());
  EXPECT_FALSE(
      ParseVaderTranslations("version\t1\nmuy sucio\tfilthy\n", Vader()).ok());
  EXPECT_FALSE(ParseVaderTranslations("version\t1\nsucio\n", Vader()).ok());
  EXPECT_FALSE(ParseVaderTranslations(
                   "version\t1\nsucio\tdirty\nsucio\tfilthy\n", Vader())
                   .ok());
}

TEST(EmbeddedLexiconsTest, TranslationsOfVaderParse) {
  for (auto file :
       {embedded::VaderTranslationsFrench(), embedded::VaderTranslationsDutch(),
        embedded::VaderTranslationsItalian(),
        embedded::VaderTranslationsPortuguese(),
        embedded::VaderTranslationsGerman(),
        embedded::VaderTranslationsSpanish()}) {
    const absl::StatusOr<VaderTranslations> translations =
        ParseVaderTranslations(file, Vader());
    ASSERT_TRUE(translations.ok()) << translations.status();
    EXPECT_GE(translations->valences.size(), 3u);
  }
}

}  // namespace
}  // namespace guestvoice::analysis
