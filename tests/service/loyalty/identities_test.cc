// Identity normalisation: one spelling per email, phone, loyalty number and
// handle, and clear violations for malformed ones.

#include "service/loyalty/identities.h"

#include <optional>
#include <string>
#include <string_view>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/feedback/records.h"
#include "service/loyalty/phone_numbers.h"

namespace guestvoice::service {
namespace {

v1::Identity Make(v1::IdentityKind kind, std::string value,
                  v1::Source source = v1::SOURCE_UNSPECIFIED) {
  v1::Identity identity;
  identity.set_kind(kind);
  identity.set_value(std::move(value));
  identity.set_source(source);
  return identity;
}

// The normalised value, or "invalid: <field>" naming the first violation.
std::string Normal(const v1::Identity& identity,
                   std::string_view phone_region = "") {
  FieldViolations violations;
  std::optional<v1::Identity> normal =
      NormalizeIdentity(violations, "identity", identity, phone_region);
  if (normal.has_value()) {
    EXPECT_TRUE(violations.empty());
    return normal->value();
  }
  EXPECT_FALSE(violations.empty());
  return "invalid: " + std::string(violations.ToStatus().message());
}

bool Valid(const v1::Identity& identity, std::string_view phone_region = "") {
  return Normal(identity, phone_region).rfind("invalid", 0) != 0;
}

TEST(LoyaltyIdentityTest, EmailsAreLowerCasedAndValidated) {
  EXPECT_EQ(Normal(Make(v1::IDENTITY_KIND_EMAIL, " Ana.Silva@Example.COM ")),
            "ana.silva@example.com");
  EXPECT_EQ(Normal(Make(v1::IDENTITY_KIND_EMAIL, "a+tag@mail.example.pt")),
            "a+tag@mail.example.pt");
  for (const char* bad :
       {"", "ana", "ana@", "@example.com", "ana@example", "ana@@example.com",
        "a..b@example.com", ".a@example.com", "ana@-example.com",
        "ana@example.c", "ana silva@example.com", "ana@exa_mple.com"}) {
    EXPECT_FALSE(Valid(Make(v1::IDENTITY_KIND_EMAIL, bad))) << bad;
  }
}

TEST(LoyaltyIdentityTest, PhonesAreE164) {
  EXPECT_EQ(Normal(Make(v1::IDENTITY_KIND_PHONE, "+351 912-345-678")),
            "+351912345678");
  EXPECT_EQ(Normal(Make(v1::IDENTITY_KIND_PHONE, "+1 (415) 555.0100")),
            "+14155550100");
  for (const char* bad :
       {"912345678", "+0351912345678", "+12345", "+1234567890123456",
        "+351 91234567x", "00351912345678", ""}) {
    EXPECT_FALSE(Valid(Make(v1::IDENTITY_KIND_PHONE, bad))) << bad;
  }
}

// Parsing a phone number costs time quadratic in its length, so one longer
// than any number is written is refused before it is read.
TEST(LoyaltyIdentityTest, PhoneNumbersAreReadUpToTheirLengthBound) {
  std::string written = "+351 912 345 678";
  written.resize(kMaxWrittenPhoneBytes, ' ');
  EXPECT_EQ(Normal(Make(v1::IDENTITY_KIND_PHONE, written)), "+351912345678");
  EXPECT_FALSE(Valid(Make(v1::IDENTITY_KIND_PHONE, written + " ")));
  EXPECT_FALSE(
      Valid(Make(v1::IDENTITY_KIND_PHONE, "+1" + std::string(200000, '1'))));
}

TEST(LoyaltyIdentityTest, NationalPhoneNumbersAreReadInTheGivenCountry) {
  EXPECT_EQ(Normal(Make(v1::IDENTITY_KIND_PHONE, "912 345 678"), "PT"),
            "+351912345678");
  EXPECT_EQ(Normal(Make(v1::IDENTITY_KIND_PHONE, "(212) 555-1234"), "US"),
            "+12125551234");
  EXPECT_EQ(Normal(Make(v1::IDENTITY_KIND_PHONE, "0612 345 678"), "NL"),
            "+31612345678");
  // The trunk prefix 0 is dialled in the Netherlands, never in Portugal.
  EXPECT_FALSE(Valid(Make(v1::IDENTITY_KIND_PHONE, "0912 345 678"), "PT"));
  // A country code wins over the region; international prefixes are read.
  EXPECT_EQ(Normal(Make(v1::IDENTITY_KIND_PHONE, "+1 212 555 1234"), "PT"),
            "+12125551234");
  EXPECT_EQ(Normal(Make(v1::IDENTITY_KIND_PHONE, "00351 912 345 678"), "PT"),
            "+351912345678");
  // A number the plan does not allow: too short for Portugal.
  EXPECT_FALSE(Valid(Make(v1::IDENTITY_KIND_PHONE, "91234"), "PT"));
  EXPECT_THAT(Normal(Make(v1::IDENTITY_KIND_PHONE, "91234"), "PT"),
              ::testing::HasSubstr("not a phone number of PT"));
}

TEST(LoyaltyIdentityTest, HandlesAreNormalisedPerSource) {
  EXPECT_EQ(
      Normal(Make(v1::IDENTITY_KIND_HANDLE, "@AnaTravels", v1::SOURCE_TWITTER)),
      "anatravels");
  EXPECT_EQ(Normal(Make(v1::IDENTITY_KIND_HANDLE, "ana.silva_",
                        v1::SOURCE_INSTAGRAM)),
            "ana.silva_");
  EXPECT_EQ(Normal(Make(v1::IDENTITY_KIND_HANDLE, "  Ana S. ",
                        v1::SOURCE_TRIPADVISOR)),
            "ana s.");
  // Spelled as feedback authors are (service/core/handle_spelling.h).
  EXPECT_EQ(Normal(Make(v1::IDENTITY_KIND_HANDLE, "E\u0301LODIE\u00A0 M",
                        v1::SOURCE_TRIPADVISOR)),
            "\u00E9lodie m");
  EXPECT_EQ(Normal(Make(v1::IDENTITY_KIND_HANDLE, "\uFF20\uFF21na\u200BTravels",
                        v1::SOURCE_TWITTER)),
            "anatravels");
  EXPECT_FALSE(
      Valid(Make(v1::IDENTITY_KIND_HANDLE, "@has space", v1::SOURCE_TWITTER)));
  EXPECT_FALSE(Valid(
      Make(v1::IDENTITY_KIND_HANDLE, "sixteen_chars_xx", v1::SOURCE_TWITTER)));
  EXPECT_FALSE(
      Valid(Make(v1::IDENTITY_KIND_HANDLE, "@", v1::SOURCE_INSTAGRAM)));
  EXPECT_FALSE(Valid(Make(v1::IDENTITY_KIND_HANDLE, "ana")))
      << "a handle needs its source";
  EXPECT_FALSE(Valid(
      Make(v1::IDENTITY_KIND_HANDLE, "ana@example.com", v1::SOURCE_EMAIL)))
      << "an email author is an EMAIL identity";
  EXPECT_FALSE(
      Valid(Make(v1::IDENTITY_KIND_HANDLE, "line\nbreak", v1::SOURCE_GOOGLE)));
}

TEST(LoyaltyIdentityTest, LoyaltyNumbersAreUpperCasedWithoutSeparators) {
  EXPECT_EQ(Normal(Make(v1::IDENTITY_KIND_LOYALTY_NUMBER, "gv-1234 5678")),
            "GV12345678");
  EXPECT_FALSE(Valid(Make(v1::IDENTITY_KIND_LOYALTY_NUMBER, "12")));
  EXPECT_FALSE(Valid(Make(v1::IDENTITY_KIND_LOYALTY_NUMBER, "12#45")));
}

TEST(LoyaltyIdentityTest, KindIsRequiredAndOnlyHandlesHaveASource) {
  EXPECT_FALSE(Valid(Make(v1::IDENTITY_KIND_UNSPECIFIED, "x")));
  EXPECT_FALSE(Valid(
      Make(v1::IDENTITY_KIND_EMAIL, "ana@example.com", v1::SOURCE_TWITTER)));
  EXPECT_EQ(Normal(Make(v1::IDENTITY_KIND_HANDLE, "ana")),
            "invalid: invalid request: identity.source: required for a handle");
  EXPECT_EQ(Normal(Make(v1::IDENTITY_KIND_HANDLE, "ana",
                        static_cast<v1::Source>(99))),
            "invalid: invalid request: identity.source: unknown source 99");
}

TEST(LoyaltyIdentityTest, AuthorHandlesAreSpelledAsTheirIdentities) {
  EXPECT_EQ(NormalizeAuthorHandle(v1::SOURCE_TWITTER, " @AnaTravels"),
            Normal(Make(v1::IDENTITY_KIND_HANDLE, "@AnaTravels",
                        v1::SOURCE_TWITTER)));
  EXPECT_EQ(
      NormalizeAuthorHandle(v1::SOURCE_TRIPADVISOR, "Ana S."),
      Normal(Make(v1::IDENTITY_KIND_HANDLE, "Ana S.", v1::SOURCE_TRIPADVISOR)));
  EXPECT_EQ(NormalizeAuthorHandle(v1::SOURCE_EMAIL, "Ana@Example.com"),
            Normal(Make(v1::IDENTITY_KIND_EMAIL, "Ana@Example.com")));
}

TEST(LoyaltyIdentityTest, HandlesAndEmailsAreFeedbackAuthors) {
  const auto handle = AuthorOfIdentity(
      Make(v1::IDENTITY_KIND_HANDLE, "anatravels", v1::SOURCE_TWITTER));
  ASSERT_TRUE(handle.has_value());
  EXPECT_EQ(handle->source, v1::SOURCE_TWITTER);
  EXPECT_EQ(handle->handle, "anatravels");
  const auto email =
      AuthorOfIdentity(Make(v1::IDENTITY_KIND_EMAIL, "ana@example.com"));
  ASSERT_TRUE(email.has_value());
  EXPECT_EQ(email->source, v1::SOURCE_EMAIL);
  EXPECT_FALSE(AuthorOfIdentity(Make(v1::IDENTITY_KIND_PHONE, "+351912345678"))
                   .has_value());
}

}  // namespace
}  // namespace guestvoice::service
