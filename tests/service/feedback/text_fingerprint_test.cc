// What repeat detection counts as the same text: case and spacing aside,
// the same characters.

#include "service/feedback/text_fingerprint.h"

#include <string>

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

TEST(RepeatFingerprintTest, IsTheSameForTheSamePost) {
  EXPECT_EQ(RepeatFingerprint("Dirty room!"),
            RepeatFingerprint("  dirty   ROOM! "));
  EXPECT_EQ(RepeatFingerprint("Dirty room!"),
            RepeatFingerprint("DIRTY\nROOM!"));
  EXPECT_EQ(RepeatFingerprint("Dirty room!"), Sha256("dirty room!"));
  EXPECT_THAT(RepeatFingerprint("Dirty room!"), SizeIs(32));
}

TEST(RepeatFingerprintTest, DiffersWhenTheWordsDiffer) {
  const std::string fingerprint = RepeatFingerprint("Dirty room!");
  for (const char* other :
       {"Dirty room", "Dirty room!!", "Dirtyroom!", "Dirty rooms!",
        "Dirty, room!", "room Dirty!", "Dirty room! Again."}) {
    EXPECT_NE(RepeatFingerprint(other), fingerprint) << other;
  }
  EXPECT_NE(RepeatFingerprint("Été"), RepeatFingerprint("ÉTÉ"));
}

TEST(RepeatFingerprintTest, ATextWithoutWordsHasNone) {
  for (const char* blank : {"", " ", "\t\r\n"}) {
    EXPECT_TRUE(HasNoWords(blank)) << blank;
    EXPECT_EQ(RepeatFingerprint(blank), "") << blank;
  }
  // A no-break space or a lone dot is something a guest wrote.
  for (const char* written : {"\xC2\xA0", ".", "5/5"}) {
    EXPECT_FALSE(HasNoWords(written)) << written;
    EXPECT_THAT(RepeatFingerprint(written), SizeIs(32)) << written;
  }
}

}  // namespace
}  // namespace guestvoice::service
