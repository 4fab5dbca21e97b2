#include "analysis/internal/text_words.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "common/utf8.h"
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

// (lower, begin, end) of each word, for comparing whole splits.
std::vector<std::tuple<std::string, std::size_t, std::size_t>> Described(
    const TextWords& words) {
  std::vector<std::tuple<std::string, std::size_t, std::size_t>> described;
  for (const TextWord& word : words.words) {
    described.emplace_back(std::string(word.lower), word.begin, word.end);
  }
  return described;
}

TEST(TextWordsTest, APartOfASplitTextHasTheWordsOfItsOwnSplit) {
  const std::string text = "The BED didn't squeak. Caf\u00e9's ok'";
  const PythonUnicode& unicode = PythonUnicode::Default();
  TextWords text_words;
  SplitTextWords(text, unicode, &text_words);
  // Every part, those that cut a word ("did|n't", "Caf\u00e9'|s") included.
  for (std::size_t begin = 0; begin <= text.size(); ++begin) {
    for (std::size_t end = begin; end <= text.size(); ++end) {
      const std::string_view part =
          std::string_view(text).substr(begin, end - begin);
      if (!utf8::IsValid(part)) continue;  // not at code point boundaries
      TextWords from_text;
      TextWords alone;
      SplitPartWords(text, text_words, part, unicode, &from_text);
      SplitTextWords(part, unicode, &alone);
      EXPECT_EQ(Described(from_text), Described(alone))
          << "[" << begin << ", " << end << ")";
    }
  }
}

}  // namespace
}  // namespace guestvoice::analysis
