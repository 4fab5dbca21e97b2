// Updates attached to a thread's AttachedUpdates scope land in the first
// Store::Write on that thread, in the same batch, and a second Write in the
// scope is refused with nothing written.

#include "storage/attached_updates.h"

#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::storage {
namespace {

using ::guestvoice::testing::StatusIs;
using ::guestvoice::testing::TempDir;
using ::testing::Eq;
using ::testing::HasSubstr;
using ::testing::Optional;

class AttachedUpdatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(
        store_, Store::Open({.data_dir = dir_.path(), .sync_writes = false}));
  }

  absl::Status Put(const std::string& key, const std::string& value) {
    WriteBatch batch;
    batch.Put(ColumnFamily::kEntities, key, value);
    return store_->Write(std::move(batch));
  }

  std::optional<std::string> Found(ColumnFamily family,
                                   const std::string& key) {
    absl::StatusOr<std::optional<std::string>> value = store_->Get(family, key);
    EXPECT_OK(value.status());
    return value.ok() ? *value : std::nullopt;
  }

  static WriteBatch Offset(const std::string& value) {
    WriteBatch offset;
    offset.Put(ColumnFamily::kDefault, "applied/0", value);
    return offset;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(AttachedUpdatesTest, TheFirstWriteCarriesTheAttachedUpdates) {
  AttachedUpdates scope(Offset("7"));
  EXPECT_FALSE(scope.written());
  ASSERT_OK(Put("a", "1"));
  EXPECT_TRUE(scope.written());
  EXPECT_THAT(Found(ColumnFamily::kEntities, "a"), Optional(Eq("1")));
  EXPECT_THAT(Found(ColumnFamily::kDefault, "applied/0"), Optional(Eq("7")));
}

TEST_F(AttachedUpdatesTest, ASecondWriteInTheScopeIsRefusedAndWritesNothing) {
  AttachedUpdates scope(Offset("7"));
  ASSERT_OK(Put("a", "1"));
  EXPECT_THAT(Put("b", "2"), StatusIs(absl::StatusCode::kInternal,
                                      HasSubstr("a second WriteBatch")));
  EXPECT_EQ(Found(ColumnFamily::kEntities, "b"), std::nullopt);
}

TEST_F(AttachedUpdatesTest, AnEmptyBatchStillCarriesThem) {
  AttachedUpdates scope(Offset("3"));
  ASSERT_OK(store_->Write(WriteBatch()));
  EXPECT_TRUE(scope.written());
  EXPECT_THAT(Found(ColumnFamily::kDefault, "applied/0"), Optional(Eq("3")));
}

TEST_F(AttachedUpdatesTest, OtherThreadsAndLaterWritesAreUntouched) {
  {
    AttachedUpdates scope(Offset("7"));
    std::thread other([&] { ASSERT_OK(Put("other", "x")); });
    other.join();
    EXPECT_FALSE(scope.written());
    EXPECT_EQ(Found(ColumnFamily::kDefault, "applied/0"), std::nullopt);
  }
  ASSERT_OK(Put("after", "y"));
  EXPECT_EQ(Found(ColumnFamily::kDefault, "applied/0"), std::nullopt);
}

}  // namespace
}  // namespace guestvoice::storage
