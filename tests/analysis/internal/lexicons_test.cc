#include "analysis/internal/lexicons.h"

#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "analysis/internal/embedded_data.h"
#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

std::string ReadDataFile(const std::string& name) {
  std::ifstream in(std::string(GUESTVOICE_ANALYSIS_DATA_DIR) + "/" + name,
                   std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// The build step must embed every data file byte for byte.
TEST(EmbeddedDataTest, EqualsTheDataFiles) {
  const struct {
    std::string_view embedded;
    const char* file;
  } cases[] = {
      {embedded::VaderLexicon(), "vader_lexicon.txt"},
      {embedded::VaderEmojiLexicon(), "emoji_utf8_lexicon.txt"},
      {embedded::PythonUnicodeTable(), "python_unicode.tsv"},
      {embedded::HotelSupplement(), "hotel_supplement.tsv"},
      {embedded::HotelEmojiSupplement(), "emoji_supplement.tsv"},
      {embedded::AspectTaxonomy(), "aspects.tsv"},
  };
  for (const auto& c : cases) {
    const std::string file = ReadDataFile(c.file);
    EXPECT_FALSE(file.empty()) << c.file;
    // Not EXPECT_EQ: a failure would print both files.
    EXPECT_TRUE(c.embedded == file)
        << c.file << ": embedded " << c.embedded.size() << " bytes, file "
        << file.size();
  }
}

TEST(ValenceLexiconTest, ReadsTheReferenceLexiconAsPythonDoes) {
  const absl::StatusOr<ValenceLexicon> lexicon =
      ValenceLexicon::ParseVader(embedded::VaderLexicon());
  ASSERT_TRUE(lexicon.ok()) << lexicon.status();
  // 7,520 lines, 14 words listed twice: the later entry wins, as in a dict.
  EXPECT_EQ(lexicon->size(), 7506u);
  ASSERT_NE(lexicon->Find("ok"), nullptr);
  EXPECT_EQ(*lexicon->Find("ok"), 1.2);   // line 4895, not line 352's 1.6
  EXPECT_EQ(*lexicon->Find("lol"), 1.8);  // line 4406, not line 305's 2.9
  EXPECT_EQ(*lexicon->Find("dirty"), -1.9);
  // Keys keep their case; lookups lowercase tokens, so ":D" and ":-Þ" are
  // never found (VADER_QUIRKS.md).
  EXPECT_NE(lexicon->Find(":D"), nullptr);
  EXPECT_NE(lexicon->Find(":-\u00de"), nullptr);
  EXPECT_EQ(lexicon->Find("filthy"), nullptr);
}

TEST(ValenceLexiconTest, ParsesAndChecksTheSupplement) {
  const absl::StatusOr<ValenceLexicon> supplement =
      ValenceLexicon::ParseSupplement(embedded::HotelSupplement());
  ASSERT_TRUE(supplement.ok()) << supplement.status();
  EXPECT_FALSE(supplement->version().empty());
  for (const char* word : {"filthy", "smelly", "stained", "mouldy", "moldy",
                           "cramped", "overpriced", "unhelpful", "outdated"}) {
    ASSERT_NE(supplement->Find(word), nullptr) << word;
    EXPECT_LT(*supplement->Find(word), 0) << word;
  }
  EXPECT_TRUE(
      ValenceLexicon::ParseSupplement("version\t1\n# c\nnice\t1.5\n").ok());
  EXPECT_FALSE(ValenceLexicon::ParseSupplement("nice\t1.5\n").ok());
  EXPECT_FALSE(ValenceLexicon::ParseSupplement("version\t1\nNice\t1\n").ok());
  EXPECT_FALSE(
      ValenceLexicon::ParseSupplement("version\t1\nnice\t1\nnice\t2\n").ok());
  EXPECT_FALSE(
      ValenceLexicon::ParseSupplement("version\t1\nnice\tgood\n").ok());
  EXPECT_FALSE(ValenceLexicon::ParseSupplement("version\t1\nnice\n").ok());
}

TEST(ValenceLexiconTest, ASupplementWordMayCountOnlyNegated) {
  const absl::StatusOr<ValenceLexicon> supplement =
      ValenceLexicon::ParseSupplement(
          "version\t1\nwork\t1.0\tnegated\nnice\t1.5\n");
  ASSERT_TRUE(supplement.ok()) << supplement.status();
  ASSERT_NE(supplement->Find("work"), nullptr);
  EXPECT_EQ(*supplement->Find("work"), 1.0);
  EXPECT_TRUE(supplement->IsNegatedOnly("work"));
  EXPECT_FALSE(supplement->IsNegatedOnly("nice"));
  // Only "negated" may follow the valence.
  EXPECT_FALSE(
      ValenceLexicon::ParseSupplement("version\t1\nwork\t1\tnot\n").ok());
  EXPECT_FALSE(
      ValenceLexicon::ParseSupplement("version\t1\nwork\t1\tnegated\tx\n")
          .ok());
}

TEST(ValenceLexiconTest, ASupplementEntryMayBeAPhrase) {
  const absl::StatusOr<ValenceLexicon> supplement =
      ValenceLexicon::ParseSupplement(
          "version\t1\nout of order\t-1.5\nhot water\t1.0\tnegated\n"
          "nice\t1.5\n");
  ASSERT_TRUE(supplement.ok()) << supplement.status();
  EXPECT_EQ(supplement->Find("out of order"), nullptr);
  ASSERT_EQ(supplement->phrases().count("out of order"), 1u);
  EXPECT_EQ(supplement->phrases().at("out of order"), -1.5);
  EXPECT_TRUE(supplement->IsNegatedOnly("hot water"));
  EXPECT_EQ(supplement->size(), 1u);
  // Words of a phrase are separated by single spaces.
  for (const char* entry : {"out  of order", "out of order ", "Out of order"}) {
    EXPECT_FALSE(ValenceLexicon::ParseSupplement(
                     absl::StrCat("version\t1\n", entry, "\t-1.5\n"))
                     .ok())
        << entry;
  }
}

// VADER's own lexicon has entries with spaces ("can't stand"), which the
// reference never matches: they are no phrases.
TEST(ValenceLexiconTest, TheReferencesEntriesWithSpacesAreNoPhrases) {
  const absl::StatusOr<ValenceLexicon> vader =
      ValenceLexicon::ParseVader(embedded::VaderLexicon());
  ASSERT_TRUE(vader.ok()) << vader.status();
  EXPECT_NE(vader->Find("can't stand"), nullptr);
  EXPECT_TRUE(vader->phrases().empty());
}

TEST(EmojiLexiconTest, KeepsSingleCodePointEmoji) {
  const absl::StatusOr<EmojiLexicon> emojis =
      EmojiLexicon::Parse(embedded::VaderEmojiLexicon());
  ASSERT_TRUE(emojis.ok()) << emojis.status();
  EXPECT_EQ(emojis->size(), 1212u);
  ASSERT_NE(emojis->Find(U'\U0001F600'), nullptr);
  EXPECT_EQ(*emojis->Find(U'\U0001F600'), "grinning face");
  ASSERT_NE(emojis->Find(U'\U0001F51B'), nullptr);  // the '!' in a description
  EXPECT_EQ(*emojis->Find(U'\U0001F51B'), "ON! arrow");
  EXPECT_EQ(emojis->Find(U'a'), nullptr);
  EXPECT_FALSE(EmojiLexicon::Parse("\xFF\tbad\n").ok());
  EXPECT_FALSE(EmojiLexicon::Parse("no description\n").ok());
}

TEST(EmojiSupplementTest, ParsesAndChecksTheSupplement) {
  const absl::StatusOr<EmojiSupplement> hotel =
      EmojiSupplement::Parse(embedded::HotelEmojiSupplement());
  ASSERT_TRUE(hotel.ok()) << hotel.status();
  ASSERT_TRUE(hotel->valences().contains(U'\U0001F44D'));  // thumbs up
  EXPECT_GT(hotel->valences().at(U'\U0001F44D'), 0);

  const absl::StatusOr<EmojiSupplement> small =
      EmojiSupplement::Parse("version\t1\n# c\n\U0001F621\t-2.3\n");
  ASSERT_TRUE(small.ok()) << small.status();
  EXPECT_EQ(small->valences().size(), 1u);
  EXPECT_DOUBLE_EQ(small->valences().at(U'\U0001F621'), -2.3);
  // No version or two; a word; two code points; a duplicate; no valence.
  EXPECT_FALSE(EmojiSupplement::Parse("\U0001F621\t-2.3\n").ok());
  EXPECT_FALSE(
      EmojiSupplement::Parse("version\t1\nversion\t2\n\U0001F621\t-2\n").ok());
  EXPECT_FALSE(EmojiSupplement::Parse("version\t1\nbad\t-2.3\n").ok());
  EXPECT_FALSE(EmojiSupplement::Parse("version\t1\n\u2764\uFE0F\t2\n").ok());
  EXPECT_FALSE(
      EmojiSupplement::Parse("version\t1\n\U0001F621\t-2\n\U0001F621\t-1\n")
          .ok());
  EXPECT_FALSE(EmojiSupplement::Parse("version\t1\n\U0001F621\tx\n").ok());
}

}  // namespace
}  // namespace guestvoice::analysis
