#include "analysis/internal/invisible_characters.h"

#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

TEST(InvisibleCharactersTest, FormatCharactersGoAndControlsSeparate) {
  EXPECT_FALSE(HasInvisibleCharacters("Dirty room"));
  EXPECT_FALSE(HasInvisibleCharacters("Habitaci\u00F3n sucia \u00A0"));
  EXPECT_TRUE(HasInvisibleCharacters("\uFEFFDirty"));
  EXPECT_EQ(WithoutInvisibleCharacters("\uFEFFDir\u00ADty\u200B ro\u2060om"),
            "Dirty room");
  EXPECT_EQ(WithoutInvisibleCharacters("\u202EDirty\u202C\u200E room\u200F"),
            "Dirty room");
  EXPECT_EQ(WithoutInvisibleCharacters("Dirty\u0085room\u0092s"),
            "Dirty room s");
}

TEST(InvisibleCharactersTest, WhatShapesEmojiStays) {
  // A family (zero-width joiners), a red heart (variation selector 16), the
  // flag of Scotland (tags).
  for (const char* emoji :
       {"\U0001F468\u200D\U0001F469\u200D\U0001F467", "\u2764\uFE0F",
        "\U0001F3F4\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074"
        "\U000E007F"}) {
    EXPECT_FALSE(HasInvisibleCharacters(emoji)) << emoji;
  }
}

}  // namespace
}  // namespace guestvoice::analysis
