#include "analysis/utf8.h"

#include <string>

#include "gtest/gtest.h"

namespace guestvoice::analysis::utf8 {
namespace {

TEST(Utf8Test, DecodesEachSequenceLength) {
  const std::string text = "a\u00e9\u20ac\U0001F600";
  Step step = Decode(text, 0);
  EXPECT_EQ(step.code_point, U'a');
  EXPECT_EQ(step.length, 1u);
  step = Decode(text, 1);
  EXPECT_EQ(step.code_point, U'\u00e9');
  EXPECT_EQ(step.length, 2u);
  step = Decode(text, 3);
  EXPECT_EQ(step.code_point, U'\u20ac');
  EXPECT_EQ(step.length, 3u);
  step = Decode(text, 6);
  EXPECT_EQ(step.code_point, U'\U0001F600');
  EXPECT_EQ(step.length, 4u);
  EXPECT_TRUE(step.well_formed);
}

// Expected strings are what CPython 3.11 gives for
// bytes.decode("utf-8", "replace"): one U+FFFD per maximal subpart.
TEST(Utf8Test, ReplacesMaximalSubpartsLikePython) {
  const std::string r = "\xEF\xBF\xBD";  // U+FFFD
  EXPECT_EQ(ReplaceInvalid("\xFF bad"), r + " bad");
  EXPECT_EQ(ReplaceInvalid("good \xE2\x82"), "good " + r);
  EXPECT_EQ(ReplaceInvalid("\xE2\x82good"), r + "good");
  EXPECT_EQ(ReplaceInvalid("\xF0\x80\x80good"), r + r + r + "good");
  EXPECT_EQ(ReplaceInvalid("\xED\xA0\x80"), r + r + r);  // a surrogate
  EXPECT_EQ(ReplaceInvalid("\xC0\xAF"), r + r);          // overlong '/'
  EXPECT_EQ(ReplaceInvalid("a\xF4\x90\x80\x80"
                           "b"),
            "a" + r + r + r + r + "b");
  EXPECT_EQ(ReplaceInvalid("\xE2\x82\xAC"
                           "ok\x80"),
            "\xE2\x82\xAC"
            "ok" +
                r);
}

TEST(Utf8Test, ValidityAndAscii) {
  EXPECT_TRUE(IsValid(""));
  EXPECT_TRUE(IsValid("plain ascii text, long enough for 8-byte chunks"));
  EXPECT_TRUE(IsValid("caf\xC3\xA9 \xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValid("caf\xC3"));
  EXPECT_FALSE(IsValid("\xED\xA0\x80"));
  EXPECT_TRUE(IsAscii("exactly sixteen!"));
  EXPECT_FALSE(IsAscii("sixteen bytes + \xC3\xA9"));
  EXPECT_FALSE(IsAscii("\xC3\xA9"));
}

TEST(Utf8Test, TruncatesAtCodePointBoundaries) {
  const std::string text =
      "ab\xE2\x82\xAC"
      "cd";  // a b € c d
  EXPECT_EQ(TruncateAtBoundary(text, 100), text);
  EXPECT_EQ(TruncateAtBoundary(text, 2), "ab");
  EXPECT_EQ(TruncateAtBoundary(text, 3), "ab");  // inside the euro sign
  EXPECT_EQ(TruncateAtBoundary(text, 4), "ab");
  EXPECT_EQ(TruncateAtBoundary(text, 5), "ab\xE2\x82\xAC");
  EXPECT_EQ(TruncateAtBoundary(text, 0), "");
}

TEST(Utf8Test, AppendsCodePoints) {
  std::string out;
  for (char32_t c : {U'a', U'\u00e9', U'\u20ac', U'\U0001F600'}) {
    AppendCodePoint(c, &out);
  }
  EXPECT_EQ(out, "a\u00e9\u20ac\U0001F600");
}

}  // namespace
}  // namespace guestvoice::analysis::utf8
