#include "storage/keys.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/key_codec.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::storage {
namespace {

using ::guestvoice::testing::StatusIs;

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

TEST(KeysTest, OrganizationIdComesBackFromItsIndexKey) {
  EXPECT_EQ(OrganizationIdFromIndexKey(OrganizationIndexKey("acme")).value(),
            "acme");
  EXPECT_THAT(OrganizationIdFromIndexKey(HotelKey("acme", "x")),
              StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(OrganizationIdFromIndexKey(OrganizationIndexKey("acme") + "x"),
              StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(OrganizationIdFromIndexKey(OrganizationIndexPrefix() + "\x01"),
              StatusIs(absl::StatusCode::kDataLoss));
}

TEST(KeysTest, SchemaStampKeyIsFixed) {
  // Persisted in every store: changing it orphans existing stamps.
  EXPECT_EQ(SchemaStampKey(), "schema");
}

}  // namespace
}  // namespace guestvoice::storage
