// ServerInfoReader on a store of its own: versions as given, uptime from the
// injected clock, the store's size and id.

#include "service/tenancy/server_info.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/proto_time.h"
#include "tests/service/tenancy/tenancy_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

class ServerInfoTest : public TenancyFixture {
 protected:
  static v1::SoftwareVersions Versions() {
    v1::SoftwareVersions versions;
    versions.set_guestvoice("9.9.9");
    versions.set_git_revision("0123456789ab");
    versions.set_grpc("1.51.1");
    return versions;
  }
};

TEST_F(ServerInfoTest, ReportsVersionsUptimeAndTheStore) {
  const absl::Time started = clock_.Now();
  const ServerInfoReader reader(domain(), Versions(), started);
  clock_.Advance(absl::Hours(2) + absl::Milliseconds(5));

  v1::ServerInfo info;
  ASSERT_OK(reader.Get(acme_, {}, info));
  EXPECT_EQ(info.versions().guestvoice(), "9.9.9");
  EXPECT_EQ(info.versions().git_revision(), "0123456789ab");
  EXPECT_EQ(FromProtoTimestamp(info.start_time()), started);
  EXPECT_EQ(info.uptime().seconds(), 2 * 3600);
  EXPECT_EQ(info.uptime().nanos(), 5'000'000);
  EXPECT_GT(info.store_size_bytes(), 0);
  EXPECT_EQ(info.store_id(), store().schema_stamp().store_id);
}

}  // namespace
}  // namespace guestvoice::service
