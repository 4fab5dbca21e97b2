#include "common/utf8.h"

#include <ios>
#include <optional>
#include <string>

#include "gtest/gtest.h"

namespace guestvoice::utf8 {
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

TEST(Utf8Test, CountsCodePointsOfValidText) {
  EXPECT_EQ(CodePointCount(""), 0u);
  EXPECT_EQ(CodePointCount("plain"), 5u);
  EXPECT_EQ(CodePointCount("a\u00e9\u20ac\U0001F600"), 4u);
  EXPECT_EQ(CodePointCount("\u007f\u0080\u07ff\u0800\uffff\U00010000"
                           "\U0010FFFF"),
            7u);
  EXPECT_EQ(CodePointCount(std::string("a\0b", 3)), 3u);
}

TEST(Utf8Test, CountIsNulloptForIllFormedText) {
  // Overlong forms: '/' in two, three and four bytes; the lead bytes C0, C1.
  EXPECT_EQ(CodePointCount("\xC0\xAF"), std::nullopt);
  EXPECT_EQ(CodePointCount("\xC1\xBF"), std::nullopt);
  EXPECT_EQ(CodePointCount("\xE0\x80\xAF"), std::nullopt);
  EXPECT_EQ(CodePointCount("\xE0\x9F\xBF"), std::nullopt);  // U+07FF long
  EXPECT_EQ(CodePointCount("\xF0\x80\x80\xAF"), std::nullopt);
  EXPECT_EQ(CodePointCount("\xF0\x8F\xBF\xBF"), std::nullopt);  // U+FFFF long
  // Surrogates, alone and as a CESU-8 pair.
  EXPECT_EQ(CodePointCount("\xED\xA0\x80"), std::nullopt);  // U+D800
  EXPECT_EQ(CodePointCount("\xED\xBF\xBF"), std::nullopt);  // U+DFFF
  EXPECT_EQ(CodePointCount("\xED\xA0\xBD\xED\xB8\x80"), std::nullopt);
  // Past U+10FFFF, and lead bytes that only such code points would use.
  EXPECT_EQ(CodePointCount("\xF4\x90\x80\x80"), std::nullopt);  // U+110000
  EXPECT_EQ(CodePointCount("\xF5\x80\x80\x80"), std::nullopt);
  EXPECT_EQ(CodePointCount("\xF7\xBF\xBF\xBF"), std::nullopt);
  EXPECT_EQ(CodePointCount("\xF8\x88\x80\x80\x80"), std::nullopt);
  EXPECT_EQ(CodePointCount("\xFF"), std::nullopt);
  // Truncated sequences, at the end and before another character.
  EXPECT_EQ(CodePointCount("caf\xC3"), std::nullopt);
  EXPECT_EQ(CodePointCount("\xE2\x82"), std::nullopt);
  EXPECT_EQ(CodePointCount("\xF0\x9F\x98"), std::nullopt);
  EXPECT_EQ(CodePointCount("\xE2\x82x"), std::nullopt);
  // A continuation byte without a lead.
  EXPECT_EQ(CodePointCount("\x80"), std::nullopt);
  EXPECT_EQ(CodePointCount("a\xBF"
                           "b"),
            std::nullopt);
}

// Every code point encodes to one well-formed sequence that decodes back to
// it, except the surrogates, whose three-byte forms are ill-formed.
TEST(Utf8Test, EncodingAndDecodingAgreeOnEveryCodePoint) {
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    std::string encoded;
    AppendCodePoint(c, &encoded);
    const bool surrogate = c >= 0xD800 && c <= 0xDFFF;
    ASSERT_EQ(IsValid(encoded), !surrogate) << std::hex << c;
    ASSERT_EQ(CodePointCount(encoded),
              surrogate ? std::nullopt : std::optional<std::size_t>(1))
        << std::hex << c;
    if (surrogate) continue;
    const Step step = Decode(encoded, 0);
    ASSERT_EQ(step.code_point, c);
    ASSERT_EQ(step.length, encoded.size());
  }
}

TEST(Utf8Test, FindsAsciiControlCharactersButTabAndLineEnds) {
  EXPECT_FALSE(HasAsciiControlCharacter(""));
  EXPECT_FALSE(HasAsciiControlCharacter("line one\r\n\tline two\n"));
  EXPECT_FALSE(HasAsciiControlCharacter(" ~"));
  // U+0085 (NEL) is a C1 control, outside ASCII; its bytes are not flagged.
  EXPECT_FALSE(HasAsciiControlCharacter("caf\u00e9 \u0085"));
  EXPECT_TRUE(HasAsciiControlCharacter(std::string("a\0b", 3)));
  EXPECT_TRUE(HasAsciiControlCharacter("\x01"));
  EXPECT_TRUE(HasAsciiControlCharacter("bell\a"));
  EXPECT_TRUE(HasAsciiControlCharacter("\x0B"));  // vertical tab
  EXPECT_TRUE(HasAsciiControlCharacter("\x1F"));
  EXPECT_TRUE(HasAsciiControlCharacter("delete\x7F"));
}

TEST(Utf8Test, FindsC1ControlCharacters) {
  EXPECT_FALSE(HasC1ControlCharacter("line one\r\n\tcaf\u00e9 \u00a0\u00c2"));
  EXPECT_FALSE(HasC1ControlCharacter("\xC2"));
  EXPECT_TRUE(HasC1ControlCharacter("\u0080"));
  EXPECT_TRUE(HasC1ControlCharacter("Dirty \u009b31m room"));
  EXPECT_TRUE(HasC1ControlCharacter("caf\u00e9 \u0085"));
}

}  // namespace
}  // namespace guestvoice::utf8
