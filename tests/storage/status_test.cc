#include "storage/status.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/io_status.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::storage {
namespace {

using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

TEST(FromRocksDbTest, OkStaysOk) {
  EXPECT_THAT(FromRocksDb(rocksdb::Status::OK(), "anything"), IsOk());
}

TEST(FromRocksDbTest, MessageKeepsContextAndRocksDbText) {
  EXPECT_THAT(FromRocksDb(rocksdb::Status::Corruption("bad block"), "get x"),
              StatusIs(absl::StatusCode::kDataLoss,
                       AllOf(HasSubstr("get x: "), HasSubstr("bad block"))));
}

TEST(FromRocksDbTest, MapsEveryCode) {
  using Code = absl::StatusCode;
  const std::vector<std::pair<rocksdb::Status, Code>> cases = {
      {rocksdb::Status::NotFound(), Code::kNotFound},
      {rocksdb::Status::Corruption(), Code::kDataLoss},
      {rocksdb::Status::NotSupported(), Code::kUnimplemented},
      {rocksdb::Status::InvalidArgument(), Code::kFailedPrecondition},
      {rocksdb::Status::IOError(), Code::kUnavailable},
      {rocksdb::Status::NoSpace(), Code::kResourceExhausted},
      {rocksdb::Status::SpaceLimit(), Code::kResourceExhausted},
      {rocksdb::Status::PathNotFound(), Code::kDataLoss},
      {rocksdb::IOStatus::IOFenced(), Code::kFailedPrecondition},
      {rocksdb::Status::MergeInProgress(), Code::kInternal},
      {rocksdb::Status::Incomplete(), Code::kAborted},
      {rocksdb::Status::ShutdownInProgress(), Code::kUnavailable},
      {rocksdb::Status::TimedOut(), Code::kDeadlineExceeded},
      {rocksdb::Status::Aborted(), Code::kAborted},
      {rocksdb::Status::MemoryLimit(), Code::kResourceExhausted},
      {rocksdb::Status::Busy(), Code::kUnavailable},
      {rocksdb::Status::Expired(), Code::kAborted},
      {rocksdb::Status::TryAgain(), Code::kUnavailable},
      {rocksdb::Status::CompactionTooLarge(), Code::kResourceExhausted},
      {rocksdb::Status::ColumnFamilyDropped(), Code::kFailedPrecondition},
  };
  for (const auto& [status, code] : cases) {
    EXPECT_THAT(FromRocksDb(status, "op"), StatusIs(code)) << status.ToString();
  }
}

}  // namespace
}  // namespace guestvoice::storage
