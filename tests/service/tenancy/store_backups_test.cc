// StoreBackups on a store of its own: backups made, listed and deleted
// through the AdminService messages, and the errors a caller sees.

#include "service/tenancy/store_backups.h"

#include <memory>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service/tenancy/tenancy_fixture.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::HasErrorReason;
using ::guestvoice::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::Property;

class StoreBackupsTest : public TenancyFixture {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(TenancyFixture::SetUp());
    ASSERT_OK_AND_ASSIGN(backups_,
                         storage::Backups::Open(backup_dir_.path(), store()));
  }

  // Outside the store's directory, as Backups::Open requires.
  ::guestvoice::testing::TempDir backup_dir_;
  std::unique_ptr<storage::Backups> backups_;
  const Principal operator_ = Caller("default");
};

TEST_F(StoreBackupsTest, CreateListDelete) {
  const StoreBackups backups(backups_.get(), /*retention=*/2);
  v1::Backup made;
  for (int i = 0; i < 3; ++i) ASSERT_OK(backups.Create(operator_, {}, made));
  EXPECT_EQ(made.name(), "backups/3");
  EXPECT_EQ(made.schema_version(), storage::Store::kSchemaVersion);
  EXPECT_EQ(made.store_id(), store().schema_stamp().store_id);
  EXPECT_GT(made.size_bytes(), 0);
  EXPECT_GT(made.create_time().seconds(), 0);

  v1::ListBackupsResponse listed;
  ASSERT_OK(backups.List(operator_, {}, listed));
  EXPECT_THAT(listed.backups(),
              ElementsAre(Property(&v1::Backup::name, "backups/2"),
                          Property(&v1::Backup::name, "backups/3")));

  v1::DeleteBackupRequest request;
  request.set_name("backups/2");
  ASSERT_OK(backups.Delete(operator_, request));
  EXPECT_THAT(backups.Delete(operator_, request),
              HasErrorReason(v1::ERROR_REASON_RESOURCE_NOT_FOUND));
  request.set_name("backups/two");
  EXPECT_THAT(backups.Delete(operator_, request),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       ::testing::HasSubstr("name")));
}

TEST_F(StoreBackupsTest, WithoutABackupDirEveryCallSaysSo) {
  const StoreBackups backups(nullptr, /*retention=*/7);
  v1::Backup made;
  EXPECT_THAT(backups.Create(operator_, {}, made),
              HasErrorReason(v1::ERROR_REASON_BACKUPS_NOT_CONFIGURED));
  v1::ListBackupsResponse listed;
  EXPECT_THAT(backups.List(operator_, {}, listed),
              HasErrorReason(v1::ERROR_REASON_BACKUPS_NOT_CONFIGURED));
  v1::DeleteBackupRequest request;
  request.set_name("backups/1");
  EXPECT_THAT(backups.Delete(operator_, request),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       ::testing::HasSubstr("--backup_dir")));
}

}  // namespace
}  // namespace guestvoice::service
