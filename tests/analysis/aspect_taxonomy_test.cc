#include "analysis/aspect_taxonomy.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

const AspectTaxonomy::Term* FindTerm(const AspectTaxonomy& taxonomy,
                                     const std::vector<std::string>& words,
                                     bool prefix = false) {
  for (const AspectTaxonomy::Term& term : taxonomy.terms()) {
    if (term.words == words && term.last_word_is_prefix == prefix) {
      return &term;
    }
  }
  return nullptr;
}

TEST(AspectTaxonomyTest, DefaultHasTheTenHotelAspects) {
  const AspectTaxonomy& taxonomy = AspectTaxonomy::Default();
  EXPECT_FALSE(taxonomy.version().empty());
  EXPECT_EQ(taxonomy.aspects(),
            (std::vector<std::string>{"cleanliness", "room", "staff_service",
                                      "location", "value", "food_beverage",
                                      "wifi_internet", "noise_sleep",
                                      "checkin_checkout", "facilities"}));
  EXPECT_TRUE(taxonomy.Contains("wifi_internet"));
  EXPECT_FALSE(taxonomy.Contains("ignore"));
  EXPECT_FALSE(taxonomy.Contains("spa"));
}

TEST(AspectTaxonomyTest, ParsesTermsPhrasesPrefixesAndMarkers) {
  const absl::StatusOr<AspectTaxonomy> taxonomy = AspectTaxonomy::Parse(
      "# comment\n"
      "version\t7\n"
      "\n"
      "room\tBed\n"
      "room\tair-conditioning\n"
      "cleanliness\tclean*\n"
      "room\tbathroom\tweak\n"
      "staff_service\tchef\n"
      "food_beverage\tchef\n"
      "checkin_checkout\tcheck-in\n"
      "checkin_checkout\tcheck in\n"
      "ignore\troom for improvement\n");
  ASSERT_TRUE(taxonomy.ok()) << taxonomy.status();
  EXPECT_EQ(taxonomy->version(), "7");
  EXPECT_EQ(taxonomy->aspects(),
            (std::vector<std::string>{"room", "cleanliness", "staff_service",
                                      "food_beverage", "checkin_checkout"}));
  EXPECT_NE(FindTerm(*taxonomy, {"bed"}), nullptr);  // lowercased
  EXPECT_NE(FindTerm(*taxonomy, {"air", "conditioning"}), nullptr);
  EXPECT_NE(FindTerm(*taxonomy, {"clean"}, /*prefix=*/true), nullptr);
  const AspectTaxonomy::Term* bathroom = FindTerm(*taxonomy, {"bathroom"});
  ASSERT_NE(bathroom, nullptr);
  ASSERT_EQ(bathroom->aspects.size(), 1u);
  EXPECT_TRUE(bathroom->aspects[0].weak);
  const AspectTaxonomy::Term* chef = FindTerm(*taxonomy, {"chef"});
  ASSERT_NE(chef, nullptr);
  EXPECT_EQ(chef->aspects.size(), 2u);  // listed under two aspects
  // "check-in" and "check in" are one term.
  const AspectTaxonomy::Term* check_in = FindTerm(*taxonomy, {"check", "in"});
  ASSERT_NE(check_in, nullptr);
  EXPECT_EQ(check_in->aspects.size(), 1u);
  const AspectTaxonomy::Term* idiom =
      FindTerm(*taxonomy, {"room", "for", "improvement"});
  ASSERT_NE(idiom, nullptr);
  EXPECT_TRUE(idiom->aspects.empty());
  EXPECT_EQ(taxonomy->terms().size(), 7u);
}

TEST(AspectTaxonomyTest, LanguageLinesSwitchTheLanguageOfTerms) {
  const absl::StatusOr<AspectTaxonomy> taxonomy = AspectTaxonomy::Parse(
      "version\t1\n"
      "room\tbed\n"
      "language\tfr\n"
      "room\tlit\n"
      "room\tbed\n"  // the same word in another language: another term
      "ignore\tnuit blanche\n"
      "language\tit\n"
      "cleanliness\tsporc*\n");
  ASSERT_TRUE(taxonomy.ok()) << taxonomy.status();
  ASSERT_EQ(taxonomy->terms().size(), 5u);
  EXPECT_EQ(taxonomy->terms()[0].language, "en");
  EXPECT_EQ(taxonomy->terms()[1].language, "fr");
  EXPECT_EQ(taxonomy->terms()[2].language, "fr");
  EXPECT_EQ(taxonomy->terms()[2].words, std::vector<std::string>{"bed"});
  EXPECT_TRUE(taxonomy->terms()[3].aspects.empty());
  EXPECT_EQ(taxonomy->terms()[4].language, "it");
  EXPECT_TRUE(taxonomy->terms()[4].last_word_is_prefix);
  EXPECT_EQ(taxonomy->aspects(),
            (std::vector<std::string>{"room", "cleanliness"}));
}

TEST(AspectTaxonomyTest, DefaultHasEveryAspectInEveryScoredLanguage) {
  for (const char* language : {"en", "fr", "nl", "it"}) {
    for (const std::string& aspect : AspectTaxonomy::Default().aspects()) {
      bool found = false;
      for (const AspectTaxonomy::Term& term :
           AspectTaxonomy::Default().terms()) {
        for (const AspectTaxonomy::AspectRef& ref : term.aspects) {
          found = found ||
                  (term.language == language &&
                   AspectTaxonomy::Default().aspects()[ref.index] == aspect);
        }
      }
      EXPECT_TRUE(found) << language << " has no term for " << aspect;
    }
  }
}

TEST(AspectTaxonomyTest, RejectsMistakesWithTheLineNumber) {
  const struct {
    const char* contents;
    const char* message;
  } cases[] = {
      {"room\tbed\n", "no version line"},
      {"version\t1\nversion\t2\nroom\tbed\n", "line 2"},
      {"version\t1\n", "defines no aspect"},
      {"version\t1\nRoom\tbed\n", "line 2"},
      {"version\t1\nroom bed\n", "line 2"},
      {"version\t1\nroom\tb*d\n", "line 2"},
      {"version\t1\nroom\t!!\n", "line 2"},
      {"version\t1\nroom\tbed-*\n", "line 2"},
      {"version\t1\nroom\tbed\tstrong\n", "line 2"},
      {"version\t1\nroom\tbed\nroom\tbed\tweak\n", "line 3"},
      {"version\t1\nroom\tbed\nignore\tbed\n", "line 3"},
      {"version\t1\nignore\tbed\tweak\n", "line 2"},
      {"version\t1\nroom\t\xFF\n", "UTF-8"},
      {"version\t1\nlanguage\tFrench\nroom\tlit\n", "line 2"},
      {"version\t1\nlanguage\tfr\tweak\nroom\tlit\n", "line 2"},
  };
  for (const auto& c : cases) {
    const absl::StatusOr<AspectTaxonomy> taxonomy =
        AspectTaxonomy::Parse(c.contents);
    ASSERT_FALSE(taxonomy.ok()) << c.contents;
    EXPECT_EQ(taxonomy.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(std::string(taxonomy.status().message()).find(c.message),
              std::string::npos)
        << taxonomy.status();
  }
}

}  // namespace
}  // namespace guestvoice::analysis
