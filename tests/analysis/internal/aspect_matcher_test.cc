#include "analysis/internal/aspect_matcher.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

// "aspect:first-last" for each match, "ignore:..." for ignore phrases.
std::vector<std::string> Matches(const AspectTaxonomy& taxonomy,
                                 std::string_view text,
                                 std::string_view language = "en") {
  const AspectMatcher matcher(taxonomy, language);
  TextWords words;
  SplitTextWords(text, PythonUnicode::Default(), &words);
  std::vector<AspectMatcher::TermMatch> matches;
  matcher.FindTerms(words.words, &matches, text);
  std::vector<std::string> out;
  for (const AspectMatcher::TermMatch& match : matches) {
    std::string name = match.aspects->empty()
                           ? "ignore"
                           : taxonomy.aspects()[(*match.aspects)[0].index];
    out.push_back(name + ":" + std::to_string(match.begin) + "-" +
                  std::to_string(match.end));
  }
  return out;
}

AspectTaxonomy Taxonomy() {
  absl::StatusOr<AspectTaxonomy> taxonomy = AspectTaxonomy::Parse(
      "version\t1\n"
      "room\troom\n"
      "room\tbalcony\n"
      "room\ttowel\n"
      "food_beverage\troom service\n"
      "food_beverage\tbar\n"
      "noise_sleep\tbark*\n"
      "cleanliness\tclean*\n"
      "checkin_checkout\tcheck-in\n"
      "checkin_checkout\tkey card*\n"
      "ignore\troom for improvement\n");
  EXPECT_TRUE(taxonomy.ok()) << taxonomy.status();
  return *std::move(taxonomy);
}

TEST(AspectMatcherTest, LongestTermWinsAndConsumesItsWords) {
  const AspectTaxonomy taxonomy = Taxonomy();
  EXPECT_EQ(Matches(taxonomy, "Room service was slow, the room was fine"),
            (std::vector<std::string>{"food_beverage:0-2", "room:5-6"}));
  EXPECT_EQ(Matches(taxonomy, "lots of room for improvement"),
            (std::vector<std::string>{"ignore:2-5"}));
  EXPECT_EQ(Matches(taxonomy, "Check-in took ages; check in again"),
            (std::vector<std::string>{"checkin_checkout:0-2",
                                      "checkin_checkout:4-6"}));
}

TEST(AspectMatcherTest, MatchesSimpleInflectionsAndPrefixes) {
  const AspectTaxonomy taxonomy = Taxonomy();
  EXPECT_EQ(Matches(taxonomy, "towels balconies room's rooms"),
            (std::vector<std::string>{"room:0-1", "room:1-2", "room:2-3",
                                      "room:3-4"}));
  EXPECT_EQ(Matches(taxonomy, "cleaning cleanliness key cards"),
            (std::vector<std::string>{"cleanliness:0-1", "cleanliness:1-2",
                                      "checkin_checkout:2-4"}));
  // "bar" is a whole-word term and also a prefix of "bark*": "bar" matches
  // only the former, "barking" only the latter.
  EXPECT_EQ(Matches(taxonomy, "bar barking bars"),
            (std::vector<std::string>{"food_beverage:0-1", "noise_sleep:1-2",
                                      "food_beverage:2-3"}));
  // Inflections need a stem of three letters: "is" is not "i" + s.
  EXPECT_EQ(Matches(taxonomy, "roomy unclean"), std::vector<std::string>{});
}

AspectTaxonomy EuropeanTaxonomy() {
  absl::StatusOr<AspectTaxonomy> taxonomy = AspectTaxonomy::Parse(
      "version\t1\n"
      "language\tfr\n"
      "facilities\tascenseur*\n"
      "location\templacement\n"
      "language\tde\n"
      "room\tzimmer\n"
      "location\tgelegen\n"
      "food_beverage\tbar\n"
      "language\tnl\n"
      "food_beverage\tbuffet\n");
  EXPECT_TRUE(taxonomy.ok()) << taxonomy.status();
  return *std::move(taxonomy);
}

TEST(AspectMatcherTest, FrenchElisionsAreSplitOff) {
  const AspectTaxonomy taxonomy = EuropeanTaxonomy();
  EXPECT_EQ(Matches(taxonomy, "L'ascenseur et l’emplacement", "fr"),
            (std::vector<std::string>{"facilities:0-1", "location:2-3"}));
  // Only an elision with its apostrophe is split off.
  EXPECT_EQ(Matches(taxonomy, "lascenseur", "fr"), std::vector<std::string>{});
}

TEST(AspectMatcherTest, CompoundNounsByTheirHead) {
  const AspectTaxonomy taxonomy = EuropeanTaxonomy();
  EXPECT_EQ(Matches(taxonomy, "Das Nichtraucherzimmer", "de"),
            (std::vector<std::string>{"room:1-2"}));
  // Only capitalised words are German nouns; short heads are not looked for
  // ("Hotelbar"), lest adjectives in -bar be bars.
  EXPECT_EQ(Matches(taxonomy, "durchgelegen unbezahlbar Hotelbar", "de"),
            std::vector<std::string>{});
  EXPECT_EQ(Matches(taxonomy, "het ontbijtbuffet", "nl"),
            (std::vector<std::string>{"food_beverage:1-2"}));
  // English keeps whole words.
  EXPECT_EQ(Matches(taxonomy, "Nichtraucherzimmer"),
            std::vector<std::string>{});
}

// Guests on keyboards without the language's letters write "habitacion",
// "Fruehstueck": in a text typed without any diacritics, terms are found as
// typed so too; a text written with them means what it writes.
TEST(AspectMatcherTest, TermsTypedWithoutDiacritics) {
  absl::StatusOr<AspectTaxonomy> taxonomy = AspectTaxonomy::Parse(
      "version\t1\n"
      "language\tes\n"
      "room\thabitación\n"
      "language\tfr\n"
      "food_beverage\tpetit déjeuner\n"
      "value\tfacturé*\n"
      "language\tde\n"
      "food_beverage\tfrühstück*\n"
      "value\tgünstig\n"
      "value\tgunstig\n");
  ASSERT_TRUE(taxonomy.ok()) << taxonomy.status();
  EXPECT_EQ(Matches(*taxonomy, "La habitacion era pequena", "es"),
            (std::vector<std::string>{"room:1-2"}));
  EXPECT_EQ(Matches(*taxonomy, "petit dejeuner facture en plus", "fr"),
            (std::vector<std::string>{"food_beverage:0-2", "value:2-3"}));
  // German writes umlauts as digraphs or drops them; both are found, in
  // compounds too.
  EXPECT_EQ(Matches(*taxonomy, "Fruehstueck Fruhstuck Kaffeefruehstueck", "de"),
            (std::vector<std::string>{"food_beverage:0-1", "food_beverage:1-2",
                                      "food_beverage:2-3"}));
  // A term listed as typed keeps its place: no twin is made of "günstig".
  EXPECT_EQ(Matches(*taxonomy, "gunstig", "de"),
            (std::vector<std::string>{"value:0-1"}));
  // With diacritics in the text, "facture" is an invoice, nothing charged.
  EXPECT_EQ(Matches(*taxonomy, "le petit déjeuner et la facture", "fr"),
            (std::vector<std::string>{"food_beverage:1-3"}));
  EXPECT_EQ(Matches(*taxonomy, "La habitación, la habitacion", "es"),
            (std::vector<std::string>{"room:1-2"}));
}

}  // namespace
}  // namespace guestvoice::analysis
