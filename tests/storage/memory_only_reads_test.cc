// Reads inside a MemoryOnlyReads scope answer from memory, refuse what needs
// a file, and the scope remembers the refusal.

#include "storage/memory_only_reads.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/store.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::storage {
namespace {

using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::StatusIs;
using ::guestvoice::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::Optional;

class MemoryOnlyReadsTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }

  void Open() {
    ASSERT_OK_AND_ASSIGN(store_, Store::Open({.data_dir = dir_.path(),
                                              .block_cache_bytes = 8 << 20}));
  }

  // Close flushes the memtables: after this the entries are only in files,
  // none of whose blocks is cached yet.
  void Reopen() {
    ASSERT_OK(store_->Close());
    store_.reset();
    Open();
  }

  void Put(const std::string& key, const std::string& value) {
    WriteBatch batch;
    batch.Put(ColumnFamily::kEntities, key, value);
    ASSERT_OK(store_->Write(std::move(batch)));
  }

  absl::StatusOr<std::optional<std::string>> Get(const std::string& key) {
    return store_->Get(ColumnFamily::kEntities, key);
  }

  // The value of a read that must succeed.
  std::optional<std::string> Found(const std::string& key) {
    absl::StatusOr<std::optional<std::string>> value = Get(key);
    EXPECT_THAT(value, IsOk());
    return value.ok() ? *value : std::nullopt;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(MemoryOnlyReadsTest, EntriesInTheMemtableAreRead) {
  Put("guest/ada", "record");
  MemoryOnlyReads memory_only;
  EXPECT_THAT(Found("guest/ada"), Optional(std::string("record")));
  EXPECT_EQ(Found("guest/bea"), std::nullopt);
  EXPECT_FALSE(memory_only.refused());
}

TEST_F(MemoryOnlyReadsTest, AReadThatNeedsAFileIsRefusedAndNoted) {
  Put("guest/ada", "record");
  Reopen();
  {
    MemoryOnlyReads memory_only;
    EXPECT_THAT(Get("guest/ada"), StatusIs(absl::StatusCode::kAborted));
    EXPECT_TRUE(memory_only.refused());
  }
  // Outside the scope the same read goes to the file, which caches its block.
  EXPECT_THAT(Found("guest/ada"), Optional(std::string("record")));
  MemoryOnlyReads memory_only;
  EXPECT_THAT(Found("guest/ada"), Optional(std::string("record")));
  EXPECT_FALSE(memory_only.refused());
}

TEST_F(MemoryOnlyReadsTest, ScansThatNeedAFileAreRefusedToo) {
  Put("guest/ada", "record");
  Reopen();
  {
    MemoryOnlyReads memory_only;
    EXPECT_THAT(store_->Scan(ColumnFamily::kEntities, "guest/", "", 0,
                             [](std::string_view, std::string_view) {
                               return ScanStep::kContinue;
                             }),
                StatusIs(absl::StatusCode::kAborted));
    EXPECT_TRUE(memory_only.refused());
  }
}

TEST_F(MemoryOnlyReadsTest, MultiGetsThatNeedAFileAreRefusedToo) {
  Put("guest/ada", "record");
  Reopen();
  {
    MemoryOnlyReads memory_only;
    EXPECT_THAT(
        store_->MultiGet(ColumnFamily::kEntities, {std::string("guest/ada")}),
        StatusIs(absl::StatusCode::kAborted));
    EXPECT_TRUE(memory_only.refused());
  }
  ASSERT_OK_AND_ASSIGN(
      std::vector<std::optional<std::string>> values,
      store_->MultiGet(ColumnFamily::kEntities, {std::string("guest/ada")}));
  EXPECT_THAT(values, ElementsAre(Optional(std::string("record"))));
}

// A value computed from `block`, counting how often it was computed.
class CachedAnswer {
 public:
  explicit CachedAnswer(const Store& store) : store_(store) {}

  absl::StatusOr<int64_t> Read() {
    const std::unique_ptr<Snapshot> snapshot = store_.GetSnapshot();
    absl::StatusOr<ReadCache::Value> value = store_.ReadDerivedFromBlocks(
        "answer", {"block"}, *snapshot,
        [&]() -> absl::StatusOr<Store::CachedValue> {
          ++computations_;
          return Store::CachedValue{std::make_shared<const int64_t>(42), 8};
        });
    if (!value.ok()) return value.status();
    return *static_cast<const int64_t*>(value->get());
  }

  int computations() const { return computations_; }

 private:
  const Store& store_;
  int computations_ = 0;
};

TEST_F(MemoryOnlyReadsTest, CachedAnswersReachServesPointReadsAndCachedValues) {
  Put("guest/ada", "record");
  CachedAnswer answer(*store_);
  {
    MemoryOnlyReads cached_only(MemoryOnlyReads::Reach::kCachedAnswers);
    EXPECT_THAT(Found("guest/ada"), Optional(std::string("record")));
    EXPECT_FALSE(cached_only.refused());
    EXPECT_THAT(answer.Read(), StatusIs(absl::StatusCode::kAborted));
    EXPECT_TRUE(cached_only.refused());
    EXPECT_EQ(answer.computations(), 0) << "refused before computing";
  }
  EXPECT_EQ(answer.Read().value_or(-1), 42);
  MemoryOnlyReads cached_only(MemoryOnlyReads::Reach::kCachedAnswers);
  EXPECT_EQ(answer.Read().value_or(-1), 42);
  EXPECT_EQ(answer.computations(), 1);
  EXPECT_FALSE(cached_only.refused());
}

TEST_F(MemoryOnlyReadsTest, CachedAnswersReachRefusesScansAndBlockReads) {
  // In the memtable: refused for what they are, not for the disk.
  Put("guest/ada", "record");
  auto refused = [&](auto read) {
    MemoryOnlyReads cached_only(MemoryOnlyReads::Reach::kCachedAnswers);
    EXPECT_THAT(read(), StatusIs(absl::StatusCode::kAborted));
    return cached_only.refused();
  };
  EXPECT_TRUE(refused([&] {
    return store_->Scan(
        ColumnFamily::kEntities, "guest/", "", 0,
        [](std::string_view, std::string_view) { return ScanStep::kContinue; });
  }));
  EXPECT_TRUE(refused(
      [&] { return store_->NewScanCursor(ColumnFamily::kEntities).status(); }));
  EXPECT_TRUE(refused([&] {
    return store_->MultiGet(ColumnFamily::kEntities, {std::string("guest/ada")})
        .status();
  }));
  EXPECT_TRUE(refused([&] {
    return store_->ReadCounterTables({std::string("block")}).status();
  }));
}

TEST_F(MemoryOnlyReadsTest, OnlyTheThreadInTheScopeIsCovered) {
  Put("guest/ada", "record");
  Reopen();
  MemoryOnlyReads memory_only;
  std::optional<std::string> elsewhere;
  std::thread([&] { elsewhere = Found("guest/ada"); }).join();
  EXPECT_THAT(elsewhere, Optional(std::string("record")));
  EXPECT_FALSE(memory_only.refused());
  EXPECT_EQ(MemoryOnlyReads::Current(), &memory_only);
}

}  // namespace
}  // namespace guestvoice::storage
