#include "analysis/internal/python_unicode.h"

#include <string>

#include "absl/status/status.h"
#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

using Case = PythonUnicode::Case;

std::string Lower(const PythonUnicode& unicode, char32_t c) {
  std::string out;
  unicode.AppendLowercase(c, &out);
  return out;
}

TEST(PythonUnicodeTest, EmbeddedTableIsCPython311s) {
  EXPECT_EQ(PythonUnicode::Default().unicode_version(), "14.0.0");
}

// The tokenizers' ASCII fast paths assume plain A-Z / a-z case rules and
// this whitespace set; the generated table must agree.
TEST(PythonUnicodeTest, AsciiFactsAreThePlainOnes) {
  const PythonUnicode& unicode = PythonUnicode::Default();
  for (char32_t c = 0; c < 128; ++c) {
    const bool upper = c >= 'A' && c <= 'Z';
    const bool lower = c >= 'a' && c <= 'z';
    EXPECT_EQ(unicode.CaseOf(c), upper   ? Case::kUpper
                                 : lower ? Case::kLowerOrTitle
                                         : Case::kUncased)
        << static_cast<int>(c);
    EXPECT_EQ(Lower(unicode, c),
              std::string(1, static_cast<char>(upper ? c + 32 : c)));
    const bool space = (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20);
    EXPECT_EQ(unicode.IsSpace(c), space) << static_cast<int>(c);
  }
}

TEST(PythonUnicodeTest, NonAsciiWhitespaceIsPythons) {
  const PythonUnicode& unicode = PythonUnicode::Default();
  for (char32_t c : {0x85, 0xA0, 0x1680, 0x2000, 0x200A, 0x2028, 0x2029, 0x202F,
                     0x205F, 0x3000}) {
    EXPECT_TRUE(unicode.IsSpace(c)) << std::hex << c;
  }
  // Zero-width space, joiner and BOM are not whitespace to str.split().
  for (char32_t c : {0x200B, 0x200D, 0x2060, 0xFEFF, 0x180E}) {
    EXPECT_FALSE(unicode.IsSpace(c)) << std::hex << c;
  }
}

TEST(PythonUnicodeTest, CaseClassesFollowStrIsupper) {
  const PythonUnicode& unicode = PythonUnicode::Default();
  EXPECT_EQ(unicode.CaseOf(U'\u00c9'), Case::kUpper);         // É
  EXPECT_EQ(unicode.CaseOf(U'\u00e9'), Case::kLowerOrTitle);  // é
  EXPECT_EQ(unicode.CaseOf(U'\u041c'), Case::kUpper);         // Cyrillic М
  EXPECT_EQ(unicode.CaseOf(U'\u01c5'), Case::kLowerOrTitle);  // titlecase ǅ
  EXPECT_EQ(unicode.CaseOf(U'\u24b6'), Case::kUpper);         // Ⓐ
  EXPECT_EQ(unicode.CaseOf(U'\u00aa'), Case::kLowerOrTitle);  // ª
  EXPECT_EQ(unicode.CaseOf(U'\u65e5'), Case::kUncased);       // 日
  EXPECT_EQ(unicode.CaseOf(U'\U0001F600'), Case::kUncased);
}

TEST(PythonUnicodeTest, LowercaseIsStrLower) {
  const PythonUnicode& unicode = PythonUnicode::Default();
  EXPECT_EQ(Lower(unicode, U'\u212a'), "k");        // Kelvin sign
  EXPECT_EQ(Lower(unicode, U'\u0130'), "i\u0307");  // İ: two code points
  EXPECT_EQ(Lower(unicode, U'\u00de'), "\u00fe");   // Þ -> þ
  EXPECT_EQ(Lower(unicode, U'\u03a3'), "\u03c3");   // Σ, no final sigma
  EXPECT_EQ(Lower(unicode, U'\u00e9'), "\u00e9");
  EXPECT_EQ(Lower(unicode, U'\U0001F600'), "\U0001F600");
}

TEST(PythonUnicodeTest, RejectsMalformedTables) {
  EXPECT_FALSE(PythonUnicode::Parse("space\t0009\t000D\n").ok());  // version
  EXPECT_FALSE(
      PythonUnicode::Parse("unicode_version\t14.0.0\nspace\t000D\t0009\n")
          .ok());
  EXPECT_FALSE(
      PythonUnicode::Parse("unicode_version\t14.0.0\nbogus\t0041\t0041\n")
          .ok());
  EXPECT_FALSE(PythonUnicode::Parse(
                   "unicode_version\t14.0.0\nupper\t0041\t005A\nlower\t0050"
                   "\t0060\n")
                   .ok());  // overlap
  EXPECT_TRUE(
      PythonUnicode::Parse("unicode_version\t1\nupper\t0041\t005A\n").ok());
}

}  // namespace
}  // namespace guestvoice::analysis
