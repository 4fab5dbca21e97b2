#include "analysis/internal/text_words.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

std::vector<std::string> Words(std::string_view text) {
  TextWords words;
  SplitTextWords(text, PythonUnicode::Default(), &words);
  std::vector<std::string> out;
  for (const TextWord& word : words.words) out.emplace_back(word.lower);
  return out;
}

TEST(TextWordsTest, SplitsOnEverythingButLettersDigitsAndInnerApostrophes) {
  EXPECT_EQ(Words("Check-in was SLOW!!! (the wi-fi too)"),
            (std::vector<std::string>{"check", "in", "was", "slow", "the", "wi",
                                      "fi", "too"}));
  EXPECT_EQ(
      Words("didn't, didn\u2019t, 'quoted', kids' club"),
      (std::vector<std::string>{"didn't", "didn't", "quoted", "kids", "club"}));
  EXPECT_EQ(Words(""), std::vector<std::string>{});
  EXPECT_EQ(Words(" ... "), std::vector<std::string>{});
}

TEST(TextWordsTest, KeepsCurrencyWithAmountsAndLowercasesUnicode) {
  EXPECT_EQ(Words("\u00a328 or $40 or \u20ac9 or 300\u20ac"),
            (std::vector<std::string>{"\u00a328", "or", "$40", "or", "\u20ac9",
                                      "or", "300\u20ac"}));
  EXPECT_EQ(
      Words("D\u00c9COR \u041d\u041e\u041c\u0415\u0420 \u65e5\u672c"),
      (std::vector<std::string>{"d\u00e9cor", "\u043d\u043e\u043c\u0435\u0440",
                                "\u65e5\u672c"}));
  // Emoji and typographic punctuation separate words.
  EXPECT_EQ(Words("pool\U0001F60Dbar \u201cnice\u201d"),
            (std::vector<std::string>{"pool", "bar", "nice"}));
}

TEST(TextWordsTest, RecordsByteOffsets) {
  const std::string text = "Nice  B\u00c9D!";
  TextWords words;
  SplitTextWords(text, PythonUnicode::Default(), &words);
  ASSERT_EQ(words.words.size(), 2u);
  EXPECT_EQ(words.words[0].lower, "nice");
  EXPECT_EQ(text.substr(words.words[1].begin,
                        words.words[1].end - words.words[1].begin),
            "B\u00c9D");
  EXPECT_EQ(words.words[1].lower, "b\u00e9d");
}

}  // namespace
}  // namespace guestvoice::analysis
