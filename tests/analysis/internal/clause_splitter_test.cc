#include "analysis/internal/clause_splitter.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

std::vector<std::string> Clauses(std::string_view text) {
  std::vector<std::string_view> clauses;
  SplitClauses(text, PythonUnicode::Default(), &clauses);
  return std::vector<std::string>(clauses.begin(), clauses.end());
}

TEST(ClauseSplitterTest, SplitsAfterSentencePunctuationKeepingRuns) {
  EXPECT_EQ(Clauses("Great room!!! Rude staff?! Never again... Ok; fine\nbye"),
            (std::vector<std::string>{"Great room!!!", "Rude staff?!",
                                      "Never again...", "Ok;", "fine", "bye"}));
  EXPECT_EQ(Clauses("Booked via booking.com at 3.5 stars. Fine"),
            (std::vector<std::string>{"Booked via booking.com at 3.5 stars.",
                                      "Fine"}));
  EXPECT_EQ(Clauses("Wait\u2026 what"),
            (std::vector<std::string>{"Wait\u2026", "what"}));
}

TEST(ClauseSplitterTest, SplitsBeforeContrastiveConjunctions) {
  EXPECT_EQ(Clauses("Nice room but BUT the wifi, however slow, although ok"),
            (std::vector<std::string>{"Nice room", "but", "BUT the wifi,",
                                      "however slow,", "although ok"}));
  EXPECT_EQ(Clauses("Lovely staff though"),
            (std::vector<std::string>{"Lovely staff", "though"}));
  // Not inside words, nor at the start of a clause.
  EXPECT_EQ(Clauses("But the butter and the button, whereabouts unknown"),
            (std::vector<std::string>{
                "But the butter and the button, whereabouts unknown"}));
}

TEST(ClauseSplitterTest, TrimsPythonWhitespaceAndDropsEmptyClauses) {
  EXPECT_EQ(Clauses("\u3000 good. \u00a0 . !  \n\n  bad \u2028"),
            (std::vector<std::string>{"good.", ".", "!", "bad"}));
  EXPECT_EQ(Clauses(""), std::vector<std::string>{});
  EXPECT_EQ(Clauses("   "), std::vector<std::string>{});
}

}  // namespace
}  // namespace guestvoice::analysis
