#include "analysis/internal/vader_word_table.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "analysis/internal/lexicons.h"
#include "analysis/internal/vader_rules.h"
#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

TEST(VaderWordTableTest, KnowsLexiconBoosterAndNegationWords) {
  const absl::StatusOr<ValenceLexicon> lexicon =
      ValenceLexicon::ParseVader("good\t1.9\t0.9\t[]\n");
  ASSERT_TRUE(lexicon.ok());
  const VaderWordTable table(*lexicon);
  ASSERT_NE(table.Find("good"), nullptr);
  EXPECT_TRUE(table.Find("good")->in_lexicon);
  EXPECT_EQ(table.Find("good")->valence, 1.9);
  ASSERT_NE(table.Find("very"), nullptr);
  EXPECT_TRUE(table.Find("very")->is_booster);
  EXPECT_EQ(table.Find("very")->booster, vader::kBoosterIncrement);
  EXPECT_FALSE(table.Find("very")->in_lexicon);
  ASSERT_NE(table.Find("never"), nullptr);
  EXPECT_TRUE(table.Find("never")->is_negation_word);
  EXPECT_EQ(table.Find("room"), nullptr);
}

// A supplement over a base lexicon: new words join, known words take the
// supplement's valence and keep their booster and negation facts.
TEST(VaderWordTableTest, AddLexiconAddsWordsAndRevaluesKnownOnes) {
  const absl::StatusOr<ValenceLexicon> base = ValenceLexicon::ParseVader(
      "good\t1.9\t0.9\t[]\nnoisy\t-0.7\t1\t[]\nvery\t0.5\t1\t[]\n");
  const absl::StatusOr<ValenceLexicon> supplement =
      ValenceLexicon::ParseSupplement(
          "version\t1\nnoisy\t-1.5\nfilthy\t-2\nvery\t0.2\n");
  ASSERT_TRUE(base.ok() && supplement.ok());
  VaderWordTable table(*base);
  table.AddLexicon(*supplement);
  EXPECT_EQ(table.Find("good")->valence, 1.9);
  EXPECT_EQ(table.Find("noisy")->valence, -1.5);
  ASSERT_NE(table.Find("filthy"), nullptr);
  EXPECT_TRUE(table.Find("filthy")->in_lexicon);
  EXPECT_EQ(table.Find("filthy")->valence, -2);
  EXPECT_FALSE(table.Find("filthy")->is_booster);
  EXPECT_EQ(table.Find("very")->valence, 0.2);
  EXPECT_TRUE(table.Find("very")->is_booster);
  EXPECT_EQ(table.Find("very")->booster, vader::kBoosterIncrement);
}

// A phrase's first word is marked, so that only its tokens look for phrases,
// keeps its other facts, and is a word of the language (Words() feeds the
// language identifier); the phrase's later words are not.
TEST(VaderWordTableTest, MarksTheWordsPhrasesStartWith) {
  const absl::StatusOr<ValenceLexicon> base =
      ValenceLexicon::ParseVader("good\t1.9\t0.9\t[]\n");
  const absl::StatusOr<ValenceLexicon> supplement =
      ValenceLexicon::ParseSupplement(
          "version\t1\nout of order\t-1.5\nnever again\t-2\n"
          "good value\t2\n");
  ASSERT_TRUE(base.ok() && supplement.ok());
  VaderWordTable table(*base);
  table.AddLexicon(*supplement);
  for (std::string_view first : {"out", "never", "good"}) {
    ASSERT_NE(table.Find(first), nullptr) << first;
    EXPECT_TRUE(table.Find(first)->starts_phrase) << first;
    ASSERT_NE(table.PhrasesStartingWith(first), nullptr) << first;
  }
  EXPECT_FALSE(table.Find("out")->in_lexicon);
  EXPECT_TRUE(table.Find("never")->is_negation_word);
  EXPECT_EQ(table.Find("good")->valence, 1.9);
  EXPECT_EQ(table.Find("order"), nullptr);
  EXPECT_EQ(table.Find("again"), nullptr);
  EXPECT_FALSE(table.Find("very")->starts_phrase);

  const std::vector<std::string_view> words = table.Words();
  EXPECT_EQ(std::count(words.begin(), words.end(), "out"), 1);
  EXPECT_EQ(std::count(words.begin(), words.end(), "order"), 0);
  EXPECT_EQ(std::count(words.begin(), words.end(), "never"), 1);
  EXPECT_EQ(std::count(words.begin(), words.end(), "good"), 1);
}

}  // namespace
}  // namespace guestvoice::analysis
