#include "service/core/resource_names.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ResourceIdTest, AcceptsRfc1034Labels) {
  EXPECT_TRUE(IsValidResourceId("a"));
  EXPECT_TRUE(IsValidResourceId("lisbon-riverside-2"));
  EXPECT_TRUE(IsValidResourceId(std::string(63, 'a')));
}

TEST(ResourceIdTest, RejectsEverythingElse) {
  EXPECT_FALSE(IsValidResourceId(""));
  EXPECT_FALSE(IsValidResourceId(std::string(64, 'a')));
  EXPECT_FALSE(IsValidResourceId("1hotel"));
  EXPECT_FALSE(IsValidResourceId("-hotel"));
  EXPECT_FALSE(IsValidResourceId("hotel-"));
  EXPECT_FALSE(IsValidResourceId("Hotel"));
  EXPECT_FALSE(IsValidResourceId("ho_tel"));
  EXPECT_FALSE(IsValidResourceId("ho tel"));
  EXPECT_FALSE(IsValidResourceId(std::string("ho\0tel", 6)));
  EXPECT_FALSE(IsValidResourceId("hôtel"));
}

TEST(ResourceNamesTest, RoundTripsHotelNames) {
  const std::string name = FormatHotelName("acme", "lisbon");
  EXPECT_EQ(name, "organizations/acme/hotels/lisbon");
  auto parsed = ParseHotelName("name", name);
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->organization, "acme");
  EXPECT_EQ(parsed->hotel, "lisbon");
}

TEST(ResourceNamesTest, RoundTripsApiKeyAndOrganizationNames) {
  auto key = ParseApiKeyName("name", FormatApiKeyName("acme", "k1"));
  ASSERT_TRUE(key.ok()) << key.status();
  EXPECT_EQ(key->organization, "acme");
  EXPECT_EQ(key->api_key, "k1");
  auto organization =
      ParseOrganizationName("parent", FormatOrganizationName("acme"));
  ASSERT_TRUE(organization.ok()) << organization.status();
  EXPECT_EQ(*organization, "acme");
}

TEST(ResourceNamesTest, RejectsMalformedNamesNamingTheField) {
  for (const std::string name :
       {"", "organizations/acme", "organizations/acme/hotels/",
        "organizations//hotels/x", "organisations/acme/hotels/x",
        "organizations/acme/hotels/x/extra", "organizations/ACME/hotels/x",
        "/organizations/acme/hotels/x", "organizations/acme/guests/x"}) {
    EXPECT_THAT(
        ParseHotelName("hotel.name", name),
        StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("hotel.name")))
        << name;
  }
}

TEST(ResourceNamesTest, BackupNamesCarryAPositiveDecimalId) {
  EXPECT_EQ(FormatBackupName(12), "backups/12");
  ASSERT_OK_AND_ASSIGN(const uint32_t id,
                       ParseBackupName("name", FormatBackupName(12)));
  EXPECT_EQ(id, 12u);
  for (const std::string name :
       {"", "backups/", "backups/0", "backups/-1", "backups/+1", "backups/x",
        "backups/1/extra", "backup/1", "backups/4294967296"}) {
    EXPECT_THAT(ParseBackupName("name", name),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("name")))
        << name;
  }
}

TEST(ResourceNamesTest, RejectsOversizedNames) {
  const std::string name = "organizations/" + std::string(600, 'a');
  EXPECT_THAT(
      ParseOrganizationName("parent", name),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("longer than")));
}

}  // namespace
}  // namespace guestvoice::service
