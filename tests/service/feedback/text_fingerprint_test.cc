// What repeat detection counts as the same post: case and spacing aside,
// the same characters, about the same hotel with the same rating.

#include "service/feedback/text_fingerprint.h"

#include <string>
#include <string_view>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/crypto.h"

namespace guestvoice::service {
namespace {

using ::testing::SizeIs;

TEST(NormalizeForRepeatsTest, LowerCasesAndCollapsesWhitespace) {
  EXPECT_EQ(NormalizeForRepeats("Dirty room!"), "dirty room!");
  EXPECT_EQ(NormalizeForRepeats("  dirty   ROOM! "), "dirty room!");
  EXPECT_EQ(NormalizeForRepeats("dirty\t\r\n\v\froom!\n"), "dirty room!");
}

TEST(NormalizeForRepeatsTest, WhitespaceAloneIsNothing) {
  EXPECT_EQ(NormalizeForRepeats(""), "");
  EXPECT_EQ(NormalizeForRepeats(" \t\n "), "");
}

TEST(NormalizeForRepeatsTest, KeepsEverythingElseAsWritten) {
  EXPECT_EQ(NormalizeForRepeats("Room 101, 5/5 :-)"), "room 101, 5/5 :-)");
  // Only ASCII letters are folded; other bytes pass through untouched, so
  // UTF-8 text stays valid.
  EXPECT_EQ(NormalizeForRepeats("ÉTÉ  Olá"), "ÉtÉ olá");
  // A no-break space (U+00A0) is not ASCII whitespace.
  EXPECT_EQ(NormalizeForRepeats("a\xC2\xA0 b"), "a\xC2\xA0 b");
  EXPECT_EQ(NormalizeForRepeats(std::string("a\0b", 3)),
            std::string("a\0b", 3));
}

v1::Feedback Post(std::string_view text, std::string_view hotel = "lisbon") {
  v1::Feedback feedback;
  feedback.set_hotel("organizations/acme/hotels/" + std::string(hotel));
  feedback.set_text(std::string(text));
  return feedback;
}

v1::Feedback Rated(v1::Feedback feedback, double value, double scale_max) {
  feedback.mutable_rating()->set_value(value);
  feedback.mutable_rating()->set_scale_min(1);
  feedback.mutable_rating()->set_scale_max(scale_max);
  return feedback;
}

TEST(RepeatFingerprintTest, IsTheSameForTheSamePost) {
  EXPECT_EQ(RepeatFingerprint(Post("Dirty room!")),
            RepeatFingerprint(Post("  dirty   ROOM! ")));
  EXPECT_EQ(RepeatFingerprint(Post("Dirty room!")),
            RepeatFingerprint(Post("DIRTY\nROOM!")));
  EXPECT_EQ(RepeatFingerprint(Rated(Post("Dirty room!"), 2, 5)),
            RepeatFingerprint(Rated(Post("dirty room!"), 2, 5)));
  EXPECT_EQ(RepeatFingerprint(Post("Dirty room!")),
            Sha256("organizations/acme/hotels/lisbon\n\ndirty room!"));
  EXPECT_THAT(RepeatFingerprint(Post("Dirty room!")), SizeIs(32));
}

TEST(RepeatFingerprintTest, DiffersWhenTheWordsDiffer) {
  const std::string fingerprint = RepeatFingerprint(Post("Dirty room!"));
  for (const char* other :
       {"Dirty room", "Dirty room!!", "Dirtyroom!", "Dirty rooms!",
        "Dirty, room!", "room Dirty!", "Dirty room! Again."}) {
    EXPECT_NE(RepeatFingerprint(Post(other)), fingerprint) << other;
  }
  EXPECT_NE(RepeatFingerprint(Post("Été")), RepeatFingerprint(Post("ÉTÉ")));
}

TEST(RepeatFingerprintTest, DiffersForAnotherHotelOrRating) {
  const std::string fingerprint = RepeatFingerprint(Post("Excellent!"));
  EXPECT_NE(RepeatFingerprint(Post("Excellent!", "tokyo")), fingerprint);
  EXPECT_NE(RepeatFingerprint(Rated(Post("Excellent!"), 5, 5)), fingerprint);
  EXPECT_NE(RepeatFingerprint(Rated(Post("Excellent!"), 5, 5)),
            RepeatFingerprint(Rated(Post("Excellent!"), 1, 5)));
  EXPECT_NE(RepeatFingerprint(Rated(Post("Excellent!"), 5, 5)),
            RepeatFingerprint(Rated(Post("Excellent!"), 5, 10)));
  EXPECT_EQ(RepeatFingerprint(Rated(Post("Excellent!"), 0.0, 5)),
            RepeatFingerprint(Rated(Post("Excellent!"), -0.0, 5)));
  // Fields are joined by a line feed, which no normalised text holds.
  EXPECT_NE(RepeatFingerprint(Post("a")),
            RepeatFingerprint(Post("\na", "lisbon\n")));
}

TEST(RepeatFingerprintTest, ATextWithoutWordsHasNone) {
  for (const char* blank : {"", " ", "\t\r\n", "\xC2\xA0", "\xE2\x80\x8B",
                            " \xE3\x80\x80\xEF\xBB\xBF\xE2\x80\x83 "}) {
    EXPECT_TRUE(HasNoWords(blank)) << blank;
    EXPECT_EQ(RepeatFingerprint(Rated(Post(blank), 3, 5)), "") << blank;
  }
  // A lone dot, a number or a no-break space among words is something a
  // guest wrote; so is a byte that is not UTF-8 (refused by validation).
  for (const char* written : {".", "5/5", "\xC2\xA0ok", "\xC2", "\xFF"}) {
    EXPECT_FALSE(HasNoWords(written)) << written;
    EXPECT_THAT(RepeatFingerprint(Post(written)), SizeIs(32)) << written;
  }
}

}  // namespace
}  // namespace guestvoice::service
