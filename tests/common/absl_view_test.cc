#include "common/absl_view.h"

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/string_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace guestvoice {
namespace {

using ::testing::ElementsAre;

TEST(AbslViewTest, ConversionsViewTheSameBytes) {
  const std::string text("with\0nul", 8);
  const absl::string_view absl_view = AbslView(text);
  EXPECT_EQ(absl_view.data(), text.data());
  EXPECT_EQ(absl_view.size(), text.size());
  const std::string_view back = FromAbsl(absl_view);
  EXPECT_EQ(back.data(), text.data());
  EXPECT_EQ(back.size(), text.size());
  EXPECT_TRUE(AbslView(std::string_view()).empty());
  EXPECT_TRUE(FromAbsl(absl::string_view()).empty());
}

TEST(AbslViewTest, SplitOnKeepsEmptyParts) {
  EXPECT_THAT(SplitOn("a\tb\tc", '\t'), ElementsAre("a", "b", "c"));
  EXPECT_THAT(SplitOn("a\t\tc\t", '\t'), ElementsAre("a", "", "c", ""));
  EXPECT_THAT(SplitOn("no separator", '\t'), ElementsAre("no separator"));
  EXPECT_THAT(SplitOn("", '\n'), ElementsAre(""));
}

TEST(AbslViewTest, SplitOnPartsPointIntoTheText) {
  const std::string text = "key=value";
  const std::vector<std::string_view> parts = SplitOn(text, '=');
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].data(), text.data());
  EXPECT_EQ(parts[1].data(), text.data() + 4);
}

TEST(AbslViewTest, StripAsciiWhitespaceTrimsBothEndsOnly) {
  EXPECT_EQ(StripAsciiWhitespace(" \t\r\n\v\fword  word\n"), "word  word");
  EXPECT_EQ(StripAsciiWhitespace("  \n"), "");
  EXPECT_EQ(StripAsciiWhitespace(""), "");
  // U+00A0 (no-break space) is not ASCII whitespace.
  EXPECT_EQ(StripAsciiWhitespace("\u00a0word "), "\u00a0word");
}

}  // namespace
}  // namespace guestvoice
