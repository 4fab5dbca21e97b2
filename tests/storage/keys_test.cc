#include "storage/keys.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/key_codec.h"
#include "tests/storage/malformed_keys.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::storage {
namespace {

using ::guestvoice::testing::StatusIs;
using ::testing::HasSubstr;

bool StartsWith(const std::string& key, const std::string& prefix) {
  return key.compare(0, prefix.size(), prefix) == 0;
}

TEST(KeysTest, OrgScopedKeysStartWithTheOrgThenTheKind) {
  const std::vector<std::pair<std::string, KeyKind>> keys = {
      {OrganizationKey("acme"), KeyKind::kOrganization},
      {HotelKey("acme", "paris"), KeyKind::kHotel},
      {ApiKeyKey("acme", "k1"), KeyKind::kApiKey},
      {RequestIdKey("acme", "CreateHotel", "r1"), KeyKind::kRequest},
  };
  for (const auto& [key, kind] : keys) {
    KeyReader reader(key);
    EXPECT_EQ(reader.ReadString().value(), "acme");
    EXPECT_EQ(reader.ReadKind().value(), kind);
  }
}

TEST(KeysTest, HotelKeysDecodeToTheirIds) {
  const std::string key = HotelKey("acme", std::string("pa\0ris", 6));
  KeyReader reader(key);
  EXPECT_EQ(reader.ReadString().value(), "acme");
  EXPECT_EQ(reader.ReadKind().value(), KeyKind::kHotel);
  EXPECT_EQ(reader.ReadString().value(), std::string("pa\0ris", 6));
  EXPECT_TRUE(reader.done());
}

TEST(KeysTest, PrefixesCoverExactlyTheirOrgsRecords) {
  EXPECT_TRUE(StartsWith(HotelKey("acme", "paris"), HotelPrefix("acme")));
  EXPECT_TRUE(StartsWith(ApiKeyKey("acme", "k"), ApiKeyPrefix("acme")));
  // Org ids that are prefixes of each other never share a range.
  for (const char* other : {"acm", "acmee", "acme2", ""}) {
    EXPECT_FALSE(StartsWith(HotelKey(other, "paris"), HotelPrefix("acme")))
        << other;
    EXPECT_FALSE(StartsWith(HotelKey("acme", "paris"), HotelPrefix(other)))
        << other;
  }
  EXPECT_FALSE(StartsWith(ApiKeyKey("acme", "k"), HotelPrefix("acme")));
  EXPECT_FALSE(StartsWith(OrganizationKey("acme"), HotelPrefix("acme")));
}

TEST(KeysTest, ComponentsCannotBleedIntoEachOther) {
  EXPECT_NE(RequestIdKey("o", "ab", "c"), RequestIdKey("o", "a", "bc"));
  EXPECT_NE(HotelKey("ab", "c"), HotelKey("a", "bc"));
}

TEST(KeysTest, GlobalIndexesUseTheEmptyScope) {
  const std::string global_scope = KeyBuilder().AppendString("").Release();
  EXPECT_TRUE(
      StartsWith(ApiKeyHashIndexKey(std::string(32, '\xab')), global_scope));
  EXPECT_TRUE(
      StartsWith(OrganizationIndexKey("acme"), OrganizationIndexPrefix()));
  EXPECT_FALSE(
      StartsWith(ApiKeyHashIndexKey("digest"), OrganizationIndexPrefix()));
}

TEST(KeysTest, OrganizationIndexKeysRoundTrip) {
  const std::string key = OrganizationIndexKey("acme");
  ASSERT_OK_AND_ASSIGN(OrganizationIndexKeyParts parts,
                       ParseOrganizationIndexKey(key));
  EXPECT_EQ(parts.org_id, "acme");
}

TEST(KeysTest, OrganizationIndexKeysRejectMalformedOnes) {
  ExpectRejectsMalformed(ParseOrganizationIndexKey,
                         OrganizationIndexKey("acme"), "",
                         "organization index");
  // The index is global: the same kind under an organization's scope is not
  // one of its keys.
  const std::string scoped = KeyBuilder()
                                 .AppendString("acme")
                                 .AppendKind(KeyKind::kOrganizationIndex)
                                 .AppendString("acme")
                                 .Release();
  EXPECT_THAT(ParseOrganizationIndexKey(scoped),
              StatusIs(absl::StatusCode::kDataLoss,
                       HasSubstr("undecodable organization index key: ")));
}

TEST(KeysTest, ParsedPartsAreViewsIntoTheKey) {
  const std::string key = GuestKey("acme", "ana");
  ASSERT_OK_AND_ASSIGN(GuestKeyParts parts, ParseGuestKey(key));
  const std::string_view whole = key;
  for (std::string_view part : {parts.org_id, parts.guest_id}) {
    EXPECT_GE(part.data(), whole.data());
    EXPECT_LE(part.data() + part.size(), whole.data() + whole.size());
  }
}

TEST(KeysTest, GuestKeysRoundTrip) {
  const std::string guest_id("an\0a", 4);
  const std::string key = GuestKey("acme", guest_id);
  ASSERT_OK_AND_ASSIGN(GuestKeyParts parts, ParseGuestKey(key));
  EXPECT_EQ(parts.org_id, "acme");
  EXPECT_EQ(parts.guest_id, guest_id);
}

TEST(KeysTest, GuestKeysRejectMalformedOnes) {
  ExpectRejectsMalformed(ParseGuestKey, GuestKey("acme", "ana"), "acme",
                         "guest");
}

TEST(KeysTest, RequestIdKeysRoundTrip) {
  const std::string key = RequestIdKey("acme", "CreateHotel", "retry-1");
  ASSERT_OK_AND_ASSIGN(RequestIdKeyParts parts, ParseRequestIdKey(key));
  EXPECT_EQ(parts.org_id, "acme");
  EXPECT_EQ(parts.method, "CreateHotel");
  EXPECT_EQ(parts.request_id, "retry-1");
}

TEST(KeysTest, RequestIdKeysRejectMalformedOnes) {
  ExpectRejectsMalformed(ParseRequestIdKey,
                         RequestIdKey("acme", "CreateHotel", "retry-1"), "acme",
                         "request id");
}

TEST(KeysTest, CheckInKeysRoundTrip) {
  const std::string key = CheckInKey("acme", "ana", -12, "ci-1");
  ASSERT_OK_AND_ASSIGN(CheckInKeyParts parts, ParseCheckInKey(key));
  EXPECT_EQ(parts.org_id, "acme");
  EXPECT_EQ(parts.guest_id, "ana");
  EXPECT_EQ(parts.local_day, -12);
  EXPECT_EQ(parts.check_in_id, "ci-1");
}

TEST(KeysTest, CheckInKeysRejectMalformedOnes) {
  ExpectRejectsMalformed(ParseCheckInKey, CheckInKey("acme", "ana", 20000, "c"),
                         "acme", "check-in");
}

TEST(KeysTest, IdentityIndexKeysRoundTrip) {
  const std::string key = IdentityIndexKey("acme", 4, 2, "ana travels");
  EXPECT_TRUE(StartsWith(key, IdentityIndexPrefix("acme", 4)));
  EXPECT_FALSE(StartsWith(key, IdentityIndexPrefix("acme", 1)));
  ASSERT_OK_AND_ASSIGN(IdentityIndexKeyParts parts, ParseIdentityIndexKey(key));
  EXPECT_EQ(parts.org_id, "acme");
  EXPECT_EQ(parts.kind, 4u);
  EXPECT_EQ(parts.source, 2u);
  EXPECT_EQ(parts.value, "ana travels");
}

TEST(KeysTest, IdentityIndexKeysRejectMalformedOnes) {
  ExpectRejectsMalformed(ParseIdentityIndexKey,
                         IdentityIndexKey("acme", 4, 2, "ana"), "acme",
                         "identity index");
}

TEST(KeysTest, FeedbackAuthorKeysRoundTrip) {
  const std::string key = FeedbackAuthorKey("acme", 7, "jos\u00E9");
  EXPECT_TRUE(StartsWith(key, FeedbackAuthorPrefix("acme")));
  EXPECT_FALSE(StartsWith(key, FeedbackAuthorPrefix("acm")));
  ASSERT_OK_AND_ASSIGN(FeedbackAuthorKeyParts parts,
                       ParseFeedbackAuthorKey(key));
  EXPECT_EQ(parts.org_id, "acme");
  EXPECT_EQ(parts.source, 7u);
  EXPECT_EQ(parts.handle, "jos\u00E9");
}

TEST(KeysTest, FeedbackAuthorKeysRejectMalformedOnes) {
  ExpectRejectsMalformed(ParseFeedbackAuthorKey,
                         FeedbackAuthorKey("acme", 7, "ana"), "acme",
                         "feedback author");
}

TEST(KeysTest, HotelGuestIndexKeysRoundTrip) {
  const std::string key = HotelGuestIndexKey("acme", "lisbon", "ana");
  ASSERT_OK_AND_ASSIGN(HotelGuestIndexKeyParts parts,
                       ParseHotelGuestIndexKey(key));
  EXPECT_EQ(parts.org_id, "acme");
  EXPECT_EQ(parts.hotel_id, "lisbon");
  EXPECT_EQ(parts.guest_id, "ana");
}

TEST(KeysTest, HotelGuestIndexKeysRejectMalformedOnes) {
  ExpectRejectsMalformed(ParseHotelGuestIndexKey,
                         HotelGuestIndexKey("acme", "lisbon", "ana"), "acme",
                         "hotel guest index");
}

TEST(KeysTest, LoyaltyLedgerKeysRoundTrip) {
  // A record id past the two-byte length takes the long-string escape.
  const std::string record_id(70000, 'r');
  const std::string key = LoyaltyLedgerKey("acme", "ana", 19000, 2, record_id);
  ASSERT_OK_AND_ASSIGN(LoyaltyLedgerKeyParts parts, ParseLoyaltyLedgerKey(key));
  EXPECT_EQ(parts.org_id, "acme");
  EXPECT_EQ(parts.guest_id, "ana");
  EXPECT_EQ(parts.credit_day, 19000);
  EXPECT_EQ(parts.entry_kind, 2u);
  EXPECT_EQ(parts.record_id, record_id);
}

TEST(KeysTest, LoyaltyLedgerKeysRejectMalformedOnes) {
  ExpectRejectsMalformed(ParseLoyaltyLedgerKey,
                         LoyaltyLedgerKey("acme", "ana", 19000, 1, "stay-1"),
                         "acme", "loyalty ledger");
}

TEST(KeysTest, SchemaStampKeyIsFixed) {
  // Persisted in every store: changing it orphans existing stamps.
  EXPECT_EQ(SchemaStampKey(), "schema");
}

}  // namespace
}  // namespace guestvoice::storage
