#include "analysis/internal/clause_segments.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/aspect_taxonomy.h"
#include "analysis/internal/aspect_matcher.h"
#include "analysis/internal/python_unicode.h"
#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

// A clause's segments as "text=sign:aspects", scored by a toy lexicon:
// "good" +0.5, "bad" -0.5 each.
std::vector<std::string> Segments(std::string_view clause) {
  static const AspectTaxonomy* const kTaxonomy = [] {
    absl::StatusOr<AspectTaxonomy> taxonomy = AspectTaxonomy::Parse(
        "version\t1\n"
        "room\troom\n"
        "staff_service\tstaff\n"
        "food_beverage\tbreakfast\n"
        "food_beverage\tbed and breakfast\n"
        "location\tlocation\n");
    EXPECT_TRUE(taxonomy.ok()) << taxonomy.status();
    return new AspectTaxonomy(*std::move(taxonomy));
  }();
  const AspectMatcher matcher(*kTaxonomy);
  TextWords words;
  SplitTextWords(clause, PythonUnicode::Default(), &words);
  std::vector<AspectMatcher::TermMatch> matches;
  matcher.FindTerms(words.words, &matches);
  auto score = [](std::string_view text) {
    double sum = 0;
    for (auto [word, valence] :
         {std::pair<std::string_view, double>{"good", 0.5}, {"bad", -0.5}}) {
      for (std::size_t at = text.find(word); at != std::string_view::npos;
           at = text.find(word, at + 1)) {
        sum += valence;
      }
    }
    return sum;
  };
  std::vector<ClauseSegment> segments;
  SegmentClause(clause, words.words, matches, {"and", "or"}, score, &segments);
  std::vector<std::string> out;
  for (const ClauseSegment& segment : segments) {
    std::string aspects;
    for (int i = 0; i < kMaxSegmentedAspects; ++i) {
      if ((segment.aspects >> i) & 1) {
        aspects += (aspects.empty() ? "" : ",") + kTaxonomy->aspects()[i];
      }
    }
    out.push_back(std::string(segment.text) + "=" +
                  (segment.sentiment > 0   ? "+"
                   : segment.sentiment < 0 ? "-"
                                           : "0") +
                  ":" + aspects);
  }
  return out;
}

TEST(SegmentClauseTest, PartsJudgingDifferentAspectsStandApart) {
  EXPECT_EQ(Segments("good location, bad breakfast!"),
            (std::vector<std::string>{"good location=+:location",
                                      "bad breakfast!=-:food_beverage"}));
  EXPECT_EQ(Segments("the room was good and the staff bad"),
            (std::vector<std::string>{"the room was good=+:room",
                                      "the staff bad=-:staff_service"}));
}

TEST(SegmentClauseTest, PartsWithoutAnAspectJoinTheirNeighbour) {
  // No aspect: with the part before.
  EXPECT_EQ(Segments("good room, very good indeed, bad staff"),
            (std::vector<std::string>{"good room, very good indeed=+:room",
                                      "bad staff=-:staff_service"}));
  // Neighbours naming the same aspects are one part.
  EXPECT_EQ(
      Segments("bad staff, bad bad staff, good room"),
      (std::vector<std::string>{"bad staff, bad bad staff=-:staff_service",
                                "good room=+:room"}));
}

TEST(SegmentClauseTest, AClauseStaysWholeWhenNothingDiffers) {
  // One aspect, the same aspects, one judged part, a term with "and" in it,
  // a decimal comma.
  EXPECT_TRUE(Segments("good staff and bad staff").empty());
  EXPECT_TRUE(Segments("good room").empty());
  EXPECT_TRUE(Segments("the room, the staff, good").empty());
  EXPECT_TRUE(Segments("a good bed and breakfast").empty());
  EXPECT_TRUE(Segments("room 3,5 staff good").empty());
  // A part naming an aspect without judging it: the judgement is elsewhere.
  EXPECT_TRUE(
      Segments("the room and the staff were good, bad breakfast").empty());
  EXPECT_TRUE(Segments("the room, the staff bad, bad breakfast").empty());
  // Parts that agree: the clause judges them together.
  EXPECT_TRUE(Segments("good room and good staff").empty());
  EXPECT_TRUE(Segments("bad room, bad staff and bad breakfast").empty());
  // After "and" a part is about the aspects among its first words, where
  // its subject stands; later ones may be the object of a verb whose
  // subject is the part before's.
  EXPECT_TRUE(
      Segments("the staff were good and refused to give us the room").empty());
  EXPECT_EQ(
      Segments("the staff were good, refused to give us the bad room"),
      (std::vector<std::string>{"the staff were good=+:staff_service",
                                "refused to give us the bad room=-:room"}));
}

}  // namespace
}  // namespace guestvoice::analysis
