// Backups of a live store: made while writers keep writing, listed, pruned,
// deleted and restored; and the directories they refuse.

#include "storage/backups.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::storage {
namespace {

using ::guestvoice::testing::StatusIs;
using ::guestvoice::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class BackupsTest : public ::testing::Test {
 protected:
  static StoreOptions OptionsFor(const std::string& data_dir) {
    return {.data_dir = data_dir, .block_cache_bytes = 8 << 20};
  }

  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(store_, Store::Open(OptionsFor(dir_.Child("data"))));
  }

  void Put(Store& store, const std::string& key) {
    WriteBatch batch;
    batch.Put(ColumnFamily::kEntities, key, "value of " + key);
    ASSERT_OK(store.Write(std::move(batch)));
  }

  static std::optional<std::string> Get(const Store& store,
                                        const std::string& key) {
    absl::StatusOr<std::optional<std::string>> value =
        store.Get(ColumnFamily::kEntities, key);
    EXPECT_OK(value.status());
    return value.ok() ? *value : std::nullopt;
  }

  std::vector<uint32_t> ListedIds(const Backups& backups) {
    std::vector<uint32_t> ids;
    absl::StatusOr<std::vector<BackupInfo>> listed = backups.List();
    EXPECT_OK(listed.status());
    if (listed.ok()) {
      for (const BackupInfo& backup : *listed) ids.push_back(backup.id);
    }
    return ids;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(BackupsTest, CreateListsTheBackupWithItsStampThenDeleteRemovesIt) {
  Put(*store_, "guest-1");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Backups> backups,
                       Backups::Open(dir_.Child("backups"), *store_));
  ASSERT_OK_AND_ASSIGN(const BackupInfo made, backups->Create(/*keep=*/0));
  EXPECT_EQ(made.id, 1u);
  EXPECT_GT(made.size_bytes, 0u);
  EXPECT_GT(made.file_count, 0u);
  EXPECT_EQ(made.schema_version, Store::kSchemaVersion);
  EXPECT_EQ(made.store_id, store_->schema_stamp().store_id);
  EXPECT_LE(absl::AbsDuration(made.create_time - absl::Now()),
            absl::Minutes(1));
  EXPECT_THAT(ListedIds(*backups), ElementsAre(1u));

  ASSERT_OK(backups->Delete(1));
  EXPECT_THAT(ListedIds(*backups), IsEmpty());
  EXPECT_THAT(backups->Delete(1),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("backup 1")));
}

TEST_F(BackupsTest, RetentionKeepsTheNewest) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Backups> backups,
                       Backups::Open(dir_.Child("backups"), *store_));
  for (int i = 0; i < 3; ++i) {
    Put(*store_, absl::StrCat("guest-", i));
    ASSERT_OK(backups->Create(/*keep=*/2).status());
  }
  EXPECT_THAT(ListedIds(*backups), ElementsAre(2u, 3u));
}

TEST_F(BackupsTest, ABackupDuringIngestHoldsEveryWriteAcknowledgedBeforeIt) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Backups> backups,
                       Backups::Open(dir_.Child("backups"), *store_));
  constexpr int kWriters = 4;
  // acknowledged[w]: writer w's keys 0..n-1 are written and acknowledged.
  std::vector<std::atomic<int>> acknowledged(kWriters);
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int n = 0; !stop.load(); ++n) {
        WriteBatch batch;
        batch.Put(ColumnFamily::kEntities, absl::StrCat("w", w, "-", n), "v");
        if (!store_->Write(std::move(batch)).ok()) return;
        acknowledged[w].store(n + 1);
      }
    });
  }
  // Let every writer get going, then back up while they write.
  for (int w = 0; w < kWriters; ++w) {
    while (acknowledged[w].load() < 50) std::this_thread::yield();
  }
  std::vector<int> before(kWriters);
  for (int w = 0; w < kWriters; ++w) before[w] = acknowledged[w].load();
  absl::StatusOr<BackupInfo> made = backups->Create(/*keep=*/0);
  stop = true;
  for (std::thread& writer : writers) writer.join();
  ASSERT_OK(made.status());

  const std::string restored_dir = dir_.Child("restored");
  ASSERT_OK(RestoreBackup(backups->backup_dir(), made->id, restored_dir));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> restored,
                       Store::Open(OptionsFor(restored_dir)));
  EXPECT_EQ(restored->schema_stamp().store_id, store_->schema_stamp().store_id);
  for (int w = 0; w < kWriters; ++w) {
    for (int n = 0; n < before[w]; ++n) {
      const std::string key = absl::StrCat("w", w, "-", n);
      ASSERT_EQ(Get(*restored, key), "v")
          << key << " was acknowledged before the backup began";
    }
  }
}

TEST_F(BackupsTest, AnotherStoresBackupsAreRefused) {
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Backups> backups,
                         Backups::Open(dir_.Child("backups"), *store_));
    ASSERT_OK(backups->Create(/*keep=*/0).status());
  }
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> other,
                       Store::Open(OptionsFor(dir_.Child("other"))));
  EXPECT_THAT(Backups::Open(dir_.Child("backups"), *other),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("backups of another store")));
}

// A restored copy is the same store, moved; renewed, it is a store of its
// own (a cluster node seeded from another's backup), whose backups may not
// share the original's directory.
TEST_F(BackupsTest, ARestoredCopyKeepsTheStoreIdUntilRenewed) {
  Put(*store_, "k");
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Backups> backups,
                         Backups::Open(dir_.Child("backups"), *store_));
    ASSERT_OK(backups->Create(/*keep=*/0).status());
  }
  const std::string original = store_->schema_stamp().store_id;
  const std::string copy_dir = dir_.Child("copy");
  ASSERT_OK(RestoreBackup(dir_.Child("backups"), 1, copy_dir));
  const absl::Time renewed_at = absl::FromUnixSeconds(1'900'000'000);
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> copy,
                         Store::Open(OptionsFor(copy_dir)));
    EXPECT_EQ(copy->schema_stamp().store_id, original);
    ASSERT_OK(copy->RenewStoreId(renewed_at));
    EXPECT_NE(copy->schema_stamp().store_id, original);
    ASSERT_OK(copy->Close());
  }
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> copy,
                       Store::Open(OptionsFor(copy_dir)));
  EXPECT_NE(copy->schema_stamp().store_id, original) << "after a restart";
  EXPECT_EQ(copy->schema_stamp().created, renewed_at);
  EXPECT_EQ(copy->schema_stamp().schema_version,
            store_->schema_stamp().schema_version);
  EXPECT_EQ(Get(*copy, "k"), "value of k");
  EXPECT_THAT(Backups::Open(dir_.Child("backups"), *copy),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("backups of another store")));
}

// Two servers writing into one directory (a restored copy keeps its
// origin's store id) would hand out the same backup ids and purge each
// other's files: the directory is one server's at a time.
TEST_F(BackupsTest, ADirectoryIsWrittenByOneServerAtATime) {
  const std::string backup_dir = dir_.Child("backups");
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Backups> first,
                         Backups::Open(backup_dir, *store_));
    ASSERT_OK(first->Create(/*keep=*/0).status());
    EXPECT_THAT(Backups::Open(backup_dir, *store_),
                StatusIs(absl::StatusCode::kFailedPrecondition,
                         HasSubstr("in use by another guestvoiced")));
    EXPECT_THAT(ListedIds(*first), ElementsAre(1u));
  }
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Backups> next,
                       Backups::Open(backup_dir, *store_));
  ASSERT_OK_AND_ASSIGN(const BackupInfo made, next->Create(/*keep=*/0));
  EXPECT_EQ(made.id, 2u);
}

// The lock file alone (a server stopped between taking the lock and making
// its first backup) leaves a directory as good as empty.
TEST_F(BackupsTest, ADirectoryHoldingOnlyTheLockFileIsEmpty) {
  const std::string backup_dir = dir_.Child("backups");
  std::filesystem::create_directory(backup_dir);
  std::ofstream(backup_dir + "/LOCK");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Backups> backups,
                       Backups::Open(backup_dir, *store_));
  EXPECT_THAT(ListedIds(*backups), IsEmpty());
}

TEST_F(BackupsTest, ADirectoryOfOtherFilesIsRefusedAndLeftAlone) {
  const std::string foreign = dir_.Child("foreign");
  std::filesystem::create_directory(foreign);
  std::ofstream(foreign + "/notes.txt") << "someone else's\n";
  EXPECT_THAT(Backups::Open(foreign, *store_),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("holds no guestvoice backups")));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(foreign),
                          std::filesystem::directory_iterator()),
            1);
}

TEST_F(BackupsTest, ADirectoryThatCannotBeCreatedIsRefused) {
  std::ofstream(dir_.Child("file")) << "a regular file\n";
  EXPECT_THAT(Backups::Open(dir_.Child("file") + "/backups", *store_),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("cannot create")));
}

// Runs `check` as user nobody when the test runs as root, for whom every
// directory is writable, so that the kernel's permission check is the one
// refusing; as anyone else, directly.
absl::Status AsAnUnprivilegedUser(const std::function<absl::Status()>& check) {
  if (geteuid() != 0) return check();
  constexpr uid_t kNobody = 65534;
  absl::Status result;
  std::thread([&] {
    // The raw system calls change this thread's credentials only (glibc's
    // wrappers would change every thread's); the thread ends with the check.
    if (syscall(SYS_setgroups, 0, nullptr) != 0 ||
        syscall(SYS_setresgid, kNobody, kNobody, kNobody) != 0 ||
        syscall(SYS_setresuid, kNobody, kNobody, kNobody) != 0) {
      result = absl::InternalError("cannot become user nobody");
      return;
    }
    result = check();
  }).join();
  return result;
}

TEST_F(BackupsTest, AnUnwritableDirectoryIsRefusedAndLeftAlone) {
  namespace fs = std::filesystem;
  // Others may reach the directory, but not write into it.
  fs::permissions(dir_.path(), fs::perms::others_read | fs::perms::others_exec,
                  fs::perm_options::add);
  const std::string read_only = dir_.Child("read-only");
  fs::create_directory(read_only);
  fs::permissions(read_only, fs::perms::owner_read | fs::perms::owner_exec |
                                 fs::perms::others_read |
                                 fs::perms::others_exec);
  EXPECT_THAT(
      AsAnUnprivilegedUser(
          [&] { return Backups::Open(read_only, *store_).status(); }),
      StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("not writable")));
  EXPECT_TRUE(fs::is_empty(read_only));
}

TEST_F(BackupsTest, ADirectoryInsideTheDataDirIsRefused) {
  EXPECT_THAT(Backups::Open(store_->data_dir() + "/backups", *store_),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("inside data dir")));
}

TEST_F(BackupsTest, RestoreRefusesANonEmptyTargetAndTheStoreKeepsServing) {
  Put(*store_, "guest-1");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Backups> backups,
                       Backups::Open(dir_.Child("backups"), *store_));
  ASSERT_OK_AND_ASSIGN(const BackupInfo made, backups->Create(/*keep=*/0));

  EXPECT_THAT(
      RestoreBackup(backups->backup_dir(), made.id, store_->data_dir()),
      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("not empty")));
  Put(*store_, "guest-2");
  EXPECT_EQ(Get(*store_, "guest-1"), "value of guest-1");
}

TEST_F(BackupsTest, RestoreOfAnUnknownBackupIsNotFound) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Backups> backups,
                       Backups::Open(dir_.Child("backups"), *store_));
  ASSERT_OK(backups->Create(/*keep=*/0).status());
  EXPECT_THAT(RestoreBackup(backups->backup_dir(), 7, dir_.Child("restored")),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("backup 7")));
  EXPECT_THAT(RestoreBackup(dir_.Child("nothing"), 1, dir_.Child("restored")),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("no backups")));
}

}  // namespace
}  // namespace guestvoice::storage
