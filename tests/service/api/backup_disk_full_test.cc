// CreateBackup onto a backup disk that fills up, through the API: the call
// fails at once with RESOURCE_EXHAUSTED (BACKUP_FAILED), the failed backup is
// neither listed nor left on the disk, the server keeps serving, and once
// there is space again the next backup is made. The disk is
// FullDiskFileSystem: real files under a capacity of the test's choosing,
// refused with the error RocksDB makes of ENOSPC.

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.grpc.pb.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "service/api/server.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/full_disk_file_system.h"
#include "tests/testing/grpc_matchers.h"
#include "tests/testing/sample_requests.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/test_server.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::FakeClock;
using ::guestvoice::testing::FullDiskFileSystem;
using ::guestvoice::testing::GrpcErrorIs;
using ::guestvoice::testing::TempDir;
using ::guestvoice::testing::TestServer;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr uint64_t kRoomy = uint64_t{1} << 30;

// Every file and directory under `root`, with the size of each file.
std::map<std::string, uintmax_t> Tree(const std::string& root) {
  std::map<std::string, uintmax_t> tree;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(root)) {
    tree[std::filesystem::relative(entry.path(), root).string()] =
        entry.is_regular_file() ? entry.file_size() : 0;
  }
  return tree;
}

class BackupDiskFullTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(server_,
                         service::Server::Start({.listen = "127.0.0.1:0",
                                                 .data_dir = dir_.Child("data"),
                                                 .sync_writes = false,
                                                 .block_cache_bytes = 8 << 20,
                                                 .backup_dir = backup_dir_,
                                                 .backup_retention = 0,
                                                 .backup_env = disk_.env(),
                                                 .clock = &clock_}));
    std::ifstream key_file(server_->bootstrap().admin_key_file);
    std::ostringstream key;
    key << key_file.rdbuf();
    admin_key_ = std::string(absl::StripAsciiWhitespace(key.str()));
    channel_ = server_->InProcessChannel();
    ASSERT_TRUE(v1::HotelService::NewStub(channel_)
                    ->CreateHotel(TestServer::Context(admin_key_).get(),
                                  ::guestvoice::testing::SampleHotel("lisbon"),
                                  std::make_unique<v1::Hotel>().get())
                    .ok());
  }

  grpc::Status Ingest(const std::string& external_id) {
    v1::IngestFeedbackRequest request;
    request.set_parent(::guestvoice::testing::kDefaultOrganization);
    *request.mutable_feedback() = ::guestvoice::testing::SampleFeedback(
        "organizations/default/hotels/lisbon", external_id, 0, clock_.Now());
    v1::Feedback stored;
    return v1::FeedbackService::NewStub(channel_)->IngestFeedback(
        TestServer::Context(admin_key_).get(), request, &stored);
  }

  grpc::Status CreateBackup(v1::Backup* made) {
    return v1::AdminService::NewStub(channel_)->CreateBackup(
        TestServer::Context(admin_key_).get(), {}, made);
  }

  std::vector<std::string> ListedBackups() {
    v1::ListBackupsResponse listed;
    EXPECT_TRUE(
        v1::AdminService::NewStub(channel_)
            ->ListBackups(TestServer::Context(admin_key_).get(), {}, &listed)
            .ok());
    std::vector<std::string> names;
    for (const v1::Backup& backup : listed.backups()) {
      names.push_back(backup.name());
    }
    return names;
  }

  TempDir dir_;
  const std::string backup_dir_ = dir_.Child("backups");
  FullDiskFileSystem disk_{backup_dir_, kRoomy};
  FakeClock clock_;
  std::unique_ptr<service::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::string admin_key_;
};

TEST_F(BackupDiskFullTest, AFullDiskFailsTheBackupCleanlyAndTheNextOneWorks) {
  ASSERT_TRUE(Ingest("before-1").ok());
  v1::Backup first;
  ASSERT_TRUE(CreateBackup(&first).ok());
  ASSERT_TRUE(Ingest("before-2").ok());

  // Room for a kilobyte more: the next backup's own files (its manifest,
  // options and write-ahead log) need several.
  disk_.set_capacity(disk_.UsedBytes() + 1024);
  const std::map<std::string, uintmax_t> before = Tree(backup_dir_);
  v1::Backup refused;
  const grpc::Status full = CreateBackup(&refused);
  EXPECT_THAT(
      full, GrpcErrorIs(grpc::StatusCode::RESOURCE_EXHAUSTED, "BACKUP_FAILED"));
  EXPECT_THAT(full.error_message(), HasSubstr(backup_dir_));
  EXPECT_GT(disk_.refused_writes(), 0);
  // Not listed, and nothing of it left behind to keep the disk full.
  EXPECT_THAT(ListedBackups(), ElementsAre(first.name()));
  EXPECT_EQ(Tree(backup_dir_), before);

  // The server keeps serving, writes included (the store's disk is not the
  // backup disk).
  ASSERT_TRUE(Ingest("while-full").ok());

  // Space again: the next backup is made and listed after the first.
  disk_.set_capacity(kRoomy);
  v1::Backup next;
  ASSERT_TRUE(CreateBackup(&next).ok());
  EXPECT_THAT(ListedBackups(), ElementsAre(first.name(), next.name()));
}

}  // namespace
}  // namespace guestvoice
