#include "service/core/handle_spelling.h"

#include "gtest/gtest.h"

namespace guestvoice::service {
namespace {

std::string Spelled(std::string_view handle) {
  return HandleSpelling(handle, LeadingAt::kDropped);
}

TEST(HandleSpellingTest, IcuHasTheCaseFoldingData) {
  EXPECT_TRUE(CheckHandleSpelling().ok());
}

TEST(HandleSpellingTest, AsciiIsLowerCasedAndTrimmedWithoutItsLeadingAt) {
  EXPECT_EQ(Spelled("  @AnaTravels "), "anatravels");
  EXPECT_EQ(Spelled("@@ana"), "ana");
  EXPECT_EQ(Spelled("@ ana"), "ana");
  EXPECT_EQ(Spelled("ana@home"), "ana@home");
}

TEST(HandleSpellingTest, WhiteSpaceInsideIsOneSpace) {
  EXPECT_EQ(Spelled("Maria  \t Silva"), "maria silva");
  // No-break, ideographic and thin spaces are spaces too.
  EXPECT_EQ(Spelled("Maria\u00A0Silva"), "maria silva");
  EXPECT_EQ(Spelled("Maria\u3000Silva\u2009"), "maria silva");
}

TEST(HandleSpellingTest, ComposedAndDecomposedLettersAreOneSpelling) {
  EXPECT_EQ(Spelled("Jos\u00E9"), "jos\u00E9");
  EXPECT_EQ(Spelled("Jose\u0301"), "jos\u00E9");
}

TEST(HandleSpellingTest, CaseIsFoldedBeyondAscii) {
  EXPECT_EQ(Spelled("JOS\u00C9"), "jos\u00E9");
  EXPECT_EQ(Spelled("\u00C9LODIE"), Spelled("\u00E9lodie"));
  EXPECT_EQ(Spelled("STRA\u00DFE"), Spelled("strasse"));
  EXPECT_EQ(Spelled("\u041C\u0410\u0428\u0410"), "\u043C\u0430\u0448\u0430");
}

TEST(HandleSpellingTest, CompatibilityFormsAndInvisibleCharactersFold) {
  // Fullwidth letters and at sign, as East Asian keyboards type them.
  EXPECT_EQ(Spelled("\uFF20\uFF21\uFF4E\uFF41"), "ana");
  // Zero-width space and joiner, soft hyphen, byte order mark.
  EXPECT_EQ(Spelled("a\u200Bn\u200Da\u00AD\uFEFF"), "ana");
  EXPECT_EQ(Spelled("\u200B"), "");
}

TEST(HandleSpellingTest, AnEmailAddressKeepsItsAt) {
  EXPECT_EQ(HandleSpelling(" Ana@Example.COM ", LeadingAt::kKept),
            "ana@example.com");
  EXPECT_EQ(HandleSpelling("@ana", LeadingAt::kKept), "@ana");
}

TEST(HandleSpellingTest, SpellingASpellingChangesNothing) {
  for (std::string_view handle :
       {"@@Jose\u0301", " \uFF20Ana  Travels", "a\u200Bb", "STRA\u00DFE"}) {
    EXPECT_EQ(Spelled(Spelled(handle)), Spelled(handle)) << handle;
  }
}

TEST(HandleSpellingTest, EarlierBuildsLowerCasedAsciiOnly) {
  EXPECT_EQ(EarlierHandleSpelling(" @AnaTravels ", LeadingAt::kDropped),
            "anatravels");
  EXPECT_EQ(EarlierHandleSpelling("@@JOS\u00C9", LeadingAt::kDropped),
            "@jos\u00C9");
  EXPECT_EQ(EarlierHandleSpelling("@Ana@X.com", LeadingAt::kKept),
            "@ana@x.com");
  // What they spelled, spelled now, is what the handle is spelled now: a
  // store's author keys can be brought to this spelling from the keys alone.
  for (std::string_view handle :
       {"@@JOS\u00C9", " @ Ana", "Jose\u0301\u00A0 ", "\u200B@ana"}) {
    EXPECT_EQ(Spelled(EarlierHandleSpelling(handle, LeadingAt::kDropped)),
              Spelled(handle))
        << handle;
  }
}

}  // namespace
}  // namespace guestvoice::service
