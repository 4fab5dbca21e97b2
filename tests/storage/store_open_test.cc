// Store::Open against every kind of data directory: new, existing, foreign,
// newer, corrupt, locked, unwritable. Refusals must leave the directory
// exactly as it was.
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "storage/column_family.h"
#include "storage/keys.h"
#include "storage/schema_stamp.h"
#include "storage/store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::storage {
namespace {

namespace fs = std::filesystem;

using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::StatusIs;
using ::guestvoice::testing::TempDir;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Optional;

struct FileState {
  std::string contents;
  fs::file_time_type modified;
  bool operator==(const FileState& other) const {
    return contents == other.contents && modified == other.modified;
  }
};

// Every entry under `dir` (and `dir` itself) with its bytes and modification
// time; equal snapshots mean nothing was created, removed or written.
std::map<std::string, FileState> SnapshotOf(const std::string& dir) {
  std::map<std::string, FileState> files;
  files["."] = {"", fs::last_write_time(dir)};
  for (const fs::directory_entry& entry :
       fs::recursive_directory_iterator(dir)) {
    if (entry.path().filename() == "LOCK") {
      // Closing any descriptor of LOCK would drop this process's fcntl lock
      // on it, so only its time is compared (RocksDB never writes to it).
      files["LOCK"] = {"", entry.last_write_time()};
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    files[fs::relative(entry.path(), dir).string()] = {
        std::string(std::istreambuf_iterator<char>(in), {}),
        entry.last_write_time()};
  }
  return files;
}

void WriteFile(const std::string& path, const std::string& contents) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << contents;
}

// Opens `dir` with plain RocksDB (creating `families` as needed), applies
// `edit` to the default family and closes: crafts stores Store would not.
void EditWithRocksDb(
    const std::string& dir, const std::vector<std::string>& families,
    const std::function<void(rocksdb::DB*, rocksdb::ColumnFamilyHandle*)>&
        edit) {
  rocksdb::DBOptions options;
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : families) {
    std::optional<ColumnFamily> family = ColumnFamilyNamed(name);
    descriptors.emplace_back(name,
                             family ? ColumnFamilyOptionsFor(*family, nullptr)
                                    : rocksdb::ColumnFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(options, dir, descriptors, &handles, &db).ok());
  edit(db, handles[0]);
  for (rocksdb::ColumnFamilyHandle* handle : handles) {
    ASSERT_TRUE(db->DestroyColumnFamilyHandle(handle).ok());
  }
  ASSERT_TRUE(db->Close().ok());
  delete db;
}

std::vector<std::string> RegistryNames() {
  std::vector<std::string> names;
  for (ColumnFamily family : kAllColumnFamilies) {
    names.emplace_back(ColumnFamilyName(family));
  }
  return names;
}

void PutStamp(const std::string& dir, const SchemaStamp& stamp) {
  EditWithRocksDb(dir, RegistryNames(),
                  [&](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* defaults) {
                    rocksdb::WriteOptions synced;
                    synced.sync = true;
                    ASSERT_TRUE(db->Put(synced, defaults, SchemaStampKey(),
                                        EncodeSchemaStamp(stamp))
                                    .ok());
                  });
}

struct ProbeResult {
  int exit_code;
  std::string output;
};

// Runs Store::Open on `dir` in another process (tests/storage/open_probe.cc),
// started through `launcher` if not empty.
ProbeResult OpenFromAnotherProcess(const std::string& dir,
                                   const std::string& launcher = "") {
  const std::string command =
      absl::StrCat(launcher, " ", GUESTVOICE_OPEN_PROBE, " '", dir, "' 2>&1");
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "popen " << command;
    return {-1, ""};
  }
  std::string output;
  char buffer[256];
  while (fgets(buffer, sizeof(buffer), pipe) != nullptr) output += buffer;
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

class StoreOpenTest : public ::testing::Test {
 protected:
  StoreOptions Options() const {
    StoreOptions options;
    options.data_dir = data_dir_;
    options.block_cache_bytes = 8 << 20;
    return options;
  }

  // A stamped store holding one hotel, closed.
  void CreateStore() {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Store::Open(Options()));
    WriteBatch batch;
    batch.Put(ColumnFamily::kEntities, HotelKey("acme", "paris"), "hotel");
    ASSERT_OK(store->Write(std::move(batch)));
    ASSERT_OK(store->Close());
  }

  // Open must fail with `code` and a message naming the directory and
  // containing `words`, and leave the directory as it was.
  void ExpectRefusedUntouched(absl::StatusCode code, const std::string& words) {
    const auto before = SnapshotOf(data_dir_);
    EXPECT_THAT(Store::Open(Options()),
                StatusIs(code, AllOf(HasSubstr(data_dir_), HasSubstr(words))));
    EXPECT_TRUE(SnapshotOf(data_dir_) == before) << "data dir was modified";
  }

  TempDir dir_;
  const std::string data_dir_ = dir_.Child("data");
};

TEST_F(StoreOpenTest, UsesAnExistingEmptyDirectory) {
  fs::create_directory(data_dir_);
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Store::Open(Options()));
  EXPECT_EQ(store->schema_stamp().schema_version, Store::kSchemaVersion);
}

TEST_F(StoreOpenTest, ReopensItsOwnStore) {
  CreateStore();
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Store::Open(Options()));
  EXPECT_THAT(store->Get(ColumnFamily::kEntities, HotelKey("acme", "paris")),
              IsOk());
}

TEST_F(StoreOpenTest, ReopensAStoreAsAKillLeftIt) {
  // A copy taken while the store is open is what a kill -9 leaves: the
  // stamp and every write only in the synced WAL, no memtable flushed. The
  // inspection before the open reads the stamp from the WAL; the open
  // replays the rest.
  const std::string killed = dir_.Child("killed");
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Store::Open(Options()));
    WriteBatch batch;
    batch.Put(ColumnFamily::kEntities, HotelKey("acme", "paris"), "hotel");
    batch.Put(ColumnFamily::kIndexes, "index entry", "");
    ASSERT_OK(store->Write(std::move(batch)));
    fs::copy(data_dir_, killed, fs::copy_options::recursive);
    ASSERT_OK(store->Close());
  }
  StoreOptions options = Options();
  options.data_dir = killed;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Store::Open(options));
  EXPECT_EQ(store->schema_stamp().schema_version, Store::kSchemaVersion);
  ASSERT_OK_AND_ASSIGN(
      std::optional<std::string> hotel,
      store->Get(ColumnFamily::kEntities, HotelKey("acme", "paris")));
  EXPECT_THAT(hotel, Optional(std::string("hotel")));
  ASSERT_OK_AND_ASSIGN(std::optional<std::string> entry,
                       store->Get(ColumnFamily::kIndexes, "index entry"));
  EXPECT_THAT(entry, Optional(std::string("")));
}

TEST_F(StoreOpenTest, RefusesANewerSchemaVersionUntouched) {
  CreateStore();
  PutStamp(data_dir_, NewSchemaStamp(Store::kSchemaVersion + 1, absl::Now()));
  ExpectRefusedUntouched(absl::StatusCode::kFailedPrecondition,
                         absl::StrCat("newer guestvoice (schema version ",
                                      Store::kSchemaVersion + 1));
}

TEST_F(StoreOpenTest, RefusesASchemaTooOldToUpgradeUntouched) {
  CreateStore();
  PutStamp(data_dir_, NewSchemaStamp(Store::kOldestUpgradableSchemaVersion - 1,
                                     absl::Now()));
  ExpectRefusedUntouched(absl::StatusCode::kFailedPrecondition,
                         "cannot upgrade");
}

TEST_F(StoreOpenTest, OpensAnUpgradableStoreUntilFinishUpgradeStampsIt) {
  CreateStore();
  const SchemaStamp old_stamp =
      NewSchemaStamp(Store::kOldestUpgradableSchemaVersion, absl::Now());
  PutStamp(data_dir_, old_stamp);
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                         Store::Open({.data_dir = data_dir_}));
    EXPECT_TRUE(store->needs_upgrade());
    EXPECT_EQ(store->schema_stamp().schema_version,
              Store::kOldestUpgradableSchemaVersion);
    ASSERT_OK(store->FinishUpgrade());
    EXPECT_FALSE(store->needs_upgrade());
    ASSERT_OK(store->Close());
  }
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store,
                       Store::Open({.data_dir = data_dir_}));
  EXPECT_FALSE(store->needs_upgrade());
  EXPECT_EQ(store->schema_stamp().schema_version, Store::kSchemaVersion);
  // Still the same store.
  EXPECT_EQ(store->schema_stamp().store_id, old_stamp.store_id);
}

TEST_F(StoreOpenTest, RefusesAnotherFormatsStampUntouched) {
  CreateStore();
  SchemaStamp stamp = NewSchemaStamp(Store::kSchemaVersion, absl::Now());
  stamp.format = "hotelvoice";
  PutStamp(data_dir_, stamp);
  ExpectRefusedUntouched(absl::StatusCode::kFailedPrecondition,
                         "not a guestvoice store");
}

TEST_F(StoreOpenTest, RefusesAnUnreadableStampUntouched) {
  CreateStore();
  EditWithRocksDb(data_dir_, RegistryNames(),
                  [](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* defaults) {
                    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), defaults,
                                        SchemaStampKey(), "version 1")
                                    .ok());
                  });
  ExpectRefusedUntouched(absl::StatusCode::kFailedPrecondition,
                         "not a guestvoice store");
}

TEST_F(StoreOpenTest, RefusesAnotherRocksDbDatabaseUntouched) {
  EditWithRocksDb(
      data_dir_, {"default"},
      [](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* defaults) {
        ASSERT_TRUE(
            db->Put(rocksdb::WriteOptions(), defaults, "user:1", "x").ok());
      });
  ExpectRefusedUntouched(absl::StatusCode::kFailedPrecondition,
                         "data but no schema stamp");
}

TEST_F(StoreOpenTest, RefusesUnknownColumnFamiliesUntouched) {
  EditWithRocksDb(data_dir_, {"default", "entities", "blobs"},
                  [](rocksdb::DB*, rocksdb::ColumnFamilyHandle*) {});
  ExpectRefusedUntouched(absl::StatusCode::kFailedPrecondition,
                         "unknown column family 'blobs'");
}

TEST_F(StoreOpenTest, CompletesAStoreLeftUnstampedAndEmpty) {
  // What a crash between creating the database and stamping it leaves.
  EditWithRocksDb(data_dir_, {"default", "entities"},
                  [](rocksdb::DB*, rocksdb::ColumnFamilyHandle*) {});
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Store::Open(Options()));
  EXPECT_EQ(store->schema_stamp().format, SchemaStamp::kFormat);
  EXPECT_THAT(store->Get(ColumnFamily::kDefault, SchemaStampKey()), IsOk());
  ASSERT_OK(store->Close());
  store.reset();
  EXPECT_THAT(Store::Open(Options()), IsOk());
}

TEST_F(StoreOpenTest, RefusesAnotherProgramsDirectoryUntouched) {
  fs::create_directory(data_dir_);
  WriteFile(data_dir_ + "/notes.txt", "not a database");
  ExpectRefusedUntouched(absl::StatusCode::kFailedPrecondition,
                         "no CURRENT file");
}

TEST_F(StoreOpenTest, CorruptCurrentIsDataLossUntouched) {
  CreateStore();
  WriteFile(data_dir_ + "/CURRENT", "garbage");
  ExpectRefusedUntouched(absl::StatusCode::kDataLoss, "CURRENT");
}

TEST_F(StoreOpenTest, MissingManifestIsDataLossUntouched) {
  CreateStore();
  for (const fs::directory_entry& entry : fs::directory_iterator(data_dir_)) {
    if (entry.path().filename().string().rfind("MANIFEST-", 0) == 0) {
      fs::remove(entry.path());
    }
  }
  ExpectRefusedUntouched(absl::StatusCode::kDataLoss, "MANIFEST");
}

TEST_F(StoreOpenTest, CorruptManifestIsDataLossUntouched) {
  CreateStore();
  for (const fs::directory_entry& entry : fs::directory_iterator(data_dir_)) {
    if (entry.path().filename().string().rfind("MANIFEST-", 0) == 0) {
      WriteFile(entry.path().string(), std::string(4096, '\x5a'));
    }
  }
  ExpectRefusedUntouched(absl::StatusCode::kDataLoss, "MANIFEST");
}

TEST_F(StoreOpenTest, SecondOpenInTheSameProcessIsRefused) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> first, Store::Open(Options()));
  ExpectRefusedUntouched(absl::StatusCode::kFailedPrecondition,
                         "is in use by another guestvoiced (lock file");
  // The refused Open must not have released the first one's lock.
  ExpectRefusedUntouched(absl::StatusCode::kFailedPrecondition, "in use");
  ASSERT_OK(first->Close());
  EXPECT_THAT(Store::Open(Options()), IsOk());
}

TEST_F(StoreOpenTest, OtherSpellingsOfAnOpenDirAreRefused) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> first, Store::Open(Options()));
  fs::create_directory_symlink(data_dir_, dir_.Child("link"));
  for (const std::string& spelling :
       {data_dir_ + "/", data_dir_ + "/../data", dir_.Child("link")}) {
    StoreOptions options = Options();
    options.data_dir = spelling;
    EXPECT_THAT(
        Store::Open(options),
        StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("in use")))
        << spelling;
  }
}

TEST_F(StoreOpenTest, SecondProcessIsRefused) {
  CreateStore();
  ProbeResult free = OpenFromAnotherProcess(data_dir_);
  EXPECT_EQ(free.exit_code, 0) << free.output;

  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> first, Store::Open(Options()));
  const auto before = SnapshotOf(data_dir_);
  ProbeResult refused = OpenFromAnotherProcess(data_dir_);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(
      refused.output,
      AllOf(HasSubstr("FAILED_PRECONDITION"),
            HasSubstr(absl::StrCat("data dir ", data_dir_,
                                   " is in use by another guestvoiced"))));
  EXPECT_TRUE(SnapshotOf(data_dir_) == before);
}

TEST_F(StoreOpenTest, DataDirThatIsAFileIsRefused) {
  WriteFile(data_dir_, "a file");
  EXPECT_THAT(
      Store::Open(Options()),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               AllOf(HasSubstr(data_dir_), HasSubstr("not a directory"))));
}

TEST_F(StoreOpenTest, DataDirBelowAFileCannotBeCreated) {
  WriteFile(dir_.Child("file"), "a file");
  StoreOptions options = Options();
  options.data_dir = dir_.Child("file") + "/data";
  EXPECT_THAT(
      Store::Open(options),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               AllOf(HasSubstr(options.data_dir), HasSubstr("cannot create"))));
}

TEST_F(StoreOpenTest, UnwritableDataDirIsPermissionDenied) {
  fs::create_directory(data_dir_);
  if (geteuid() != 0) {
    ASSERT_EQ(chmod(data_dir_.c_str(), 0500), 0);
    EXPECT_THAT(
        Store::Open(Options()),
        StatusIs(absl::StatusCode::kPermissionDenied,
                 AllOf(HasSubstr(data_dir_), HasSubstr("not writable"))));
    ASSERT_EQ(chmod(data_dir_.c_str(), 0700), 0);
    return;
  }
  // Root writes through any mode bits: open as an unprivileged user instead.
  constexpr char kSetpriv[] = "/usr/bin/setpriv";
  if (access(kSetpriv, X_OK) != 0)
    GTEST_SKIP() << "running as root, no setpriv";
  ASSERT_EQ(chmod(dir_.path().c_str(), 0755), 0);
  ASSERT_EQ(chmod(data_dir_.c_str(), 0755), 0);
  ProbeResult result = OpenFromAnotherProcess(
      data_dir_,
      absl::StrCat(kSetpriv, " --reuid=65534 --regid=65534 --clear-groups"));
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_THAT(result.output,
              AllOf(HasSubstr("PERMISSION_DENIED"), HasSubstr(data_dir_),
                    HasSubstr("not writable")));
}

TEST_F(StoreOpenTest, MissingDataDirWithoutCreateIfMissingIsNotFound) {
  StoreOptions options = Options();
  options.create_if_missing = false;
  EXPECT_THAT(Store::Open(options),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(data_dir_)));
  EXPECT_FALSE(fs::exists(data_dir_));
  fs::create_directory(data_dir_);
  EXPECT_THAT(Store::Open(options),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("no store")));
}

TEST_F(StoreOpenTest, EmptyDataDirOptionIsInvalid) {
  StoreOptions options = Options();
  options.data_dir = "";
  EXPECT_THAT(Store::Open(options),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace guestvoice::storage
