#include "analysis/internal/clause_aspects.h"

#include <string>
#include <vector>

#include "analysis/internal/hotel_sentiment.h"
#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

class ClauseAspectsTest : public ::testing::Test {
 protected:
  ClauseAspectsTest() : taxonomy_(Parse()), matcher_(taxonomy_) {}

  static AspectTaxonomy Parse() {
    absl::StatusOr<AspectTaxonomy> taxonomy = AspectTaxonomy::Parse(
        "version\t1\n"
        "room\tbathroom\tweak\n"
        "room\tshower\tweak\n"
        "room\twindow\tweak\n"
        "room\tcramped\n"
        "cleanliness\tcockroach*\n"
        "cleanliness\tclean*\n"
        "wifi_internet\twifi\n");
    EXPECT_TRUE(taxonomy.ok()) << taxonomy.status();
    return *std::move(taxonomy);
  }

  // The aspects ResolveClauseAspects finds in `clause`, by name.
  std::vector<std::string> Aspects(std::string_view clause) {
    TextWords words;
    SplitTextWords(clause, PythonUnicode::Default(), &words);
    std::vector<AspectMatcher::TermMatch> matches;
    matcher_.FindTerms(words.words, &matches);
    const SentimentAnalyzer& hotel = HotelSentimentAnalyzer();
    std::vector<std::string> names;
    for (int index : ResolveClauseAspects(clause, words.words, matches,
                                          hotel.PolarityScores(clause).compound,
                                          VaderVocabulary(hotel.words()))) {
      names.push_back(taxonomy_.aspects()[index]);
    }
    return names;
  }

  AspectTaxonomy taxonomy_;
  AspectMatcher matcher_;
};

using Names = std::vector<std::string>;

TEST_F(ClauseAspectsTest, StrongTermsAlwaysCount) {
  EXPECT_EQ(Aspects("the wifi"), Names{"wifi_internet"});
  EXPECT_EQ(Aspects("cramped"), Names{"room"});
}

TEST_F(ClauseAspectsTest, WeakTermCountsWithAJudgementNextToIt) {
  EXPECT_EQ(Aspects("a broken shower"), Names{"room"});
  EXPECT_EQ(Aspects("the shower was broken and the wifi slow"),
            (Names{"room", "wifi_internet"}));
  EXPECT_EQ(Aspects("no window and no wifi"), (Names{"room", "wifi_internet"}));
}

TEST_F(ClauseAspectsTest, WeakTermAloneNeedsSentiment) {
  EXPECT_EQ(Aspects("we had a shower at six"), Names{});
  EXPECT_EQ(Aspects("the bathroom we got on the top floor was amazing"),
            Names{"room"});
}

TEST_F(ClauseAspectsTest, JudgementsOfAnotherAspectDoNotCount) {
  // The room is only where the cockroach was.
  EXPECT_EQ(Aspects("a cockroach in the bathroom, disgusting"),
            Names{"cleanliness"});
  // "not" belongs to "clean", nearer to it than to "bathroom".
  EXPECT_EQ(Aspects("the bathroom was not clean"), Names{"cleanliness"});
  // Judgements do not reach across a comma.
  EXPECT_EQ(Aspects("great wifi in the bathroom, lovely"),
            Names{"wifi_internet"});
}

}  // namespace
}  // namespace guestvoice::analysis
