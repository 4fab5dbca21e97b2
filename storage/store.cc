#include "storage/store.h"

#include <algorithm>
#include <optional>
#include <random>
#include <utility>
#include <vector>

#include "absl/memory/memory.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "rocksdb/statistics.h"
#include "rocksdb/version.h"
#include "storage/attached_updates.h"
#include "storage/counter_table.h"
#include "storage/data_dir.h"
#include "storage/data_dir_lock.h"
#include "storage/expiry_compaction_filter.h"
#include "storage/key_codec.h"
#include "storage/keys.h"
#include "storage/memory_only_reads.h"
#include "storage/status.h"
#include "storage/store_inspection.h"

namespace guestvoice::storage {
namespace {

// All families share one WAL, so a rarely written family (default, requests)
// would keep old WAL files alive and make recovery replay them. Past this
// total, RocksDB flushes the families that pin the oldest WAL file. The bound
// is what a restart after a crash replays into memtables, about 20 ms of CPU
// per MiB (skiplist inserts): after 40k durable ingests and a kill -9 on a
// 2-core machine, a 256 MiB bound left 130 MB of WAL and an 8.5 s start,
// 32 MiB 30 MB and 1.1 s. On a 200k-item store under 16 ingest callers,
// 16 MiB left up to 16 MB (0.36 s of CPU to listening), 8 MiB up to 8 MB
// (0.2 s): a few seconds of writes. Halving it doubles the memtable flushes;
// column_family.cc's level-0 trigger keeps the compaction they cause as it
// was (36 MiB written by compactions per 60k items, against 55 MiB with
// RocksDB's default trigger).
constexpr uint64_t kMaxTotalWalBytes = uint64_t{8} << 20;

// The options of every read: at `snapshot` when one is given, and inside a
// MemoryOnlyReads scope never from a file that is not cached.
rocksdb::ReadOptions ReadOptionsAt(const rocksdb::Snapshot* snapshot) {
  rocksdb::ReadOptions options;
  options.snapshot = snapshot;
  if (MemoryOnlyReads::Current() != nullptr) {
    options.read_tier = rocksdb::kBlockCacheTier;
  }
  return options;
}

// Tells the MemoryOnlyReads scope, if any, that a read failed for want of
// the disk (kBlockCacheTier reports that as Incomplete).
void NoteIfNeededDisk(const rocksdb::Status& status) {
  MemoryOnlyReads* scope = MemoryOnlyReads::Current();
  if (scope != nullptr && status.IsIncomplete()) scope->NoteRefused();
}

// ABORTED, noted in the scope, when a MemoryOnlyReads scope of reach
// kCachedAnswers covers this thread: `what` is beyond it. OK otherwise.
absl::Status RefuseBeyondCachedAnswers(const char* what) {
  MemoryOnlyReads* scope = MemoryOnlyReads::Current();
  if (scope == nullptr ||
      scope->reach() != MemoryOnlyReads::Reach::kCachedAnswers) {
    return absl::OkStatus();
  }
  scope->NoteRefused();
  return absl::AbortedError(
      absl::StrCat(what, " is refused where only cached answers are read"));
}
// Write finished SST data back in 1 MiB steps instead of one long fsync at
// the end of each flush or compaction, which would stall synced WAL writes.
constexpr uint64_t kBytesPerSync = uint64_t{1} << 20;
// RocksDB's info logs (LOG and its predecessors) kept in the data dir.
constexpr size_t kInfoLogFilesKept = 10;

rocksdb::DBOptions DbOptions() {
  rocksdb::DBOptions options;
  // PrepareDataDir has already decided whether a store may be created here.
  options.create_if_missing = true;
  // Families added to the registry later appear on the first open.
  options.create_missing_column_families = true;
  // Deployments have two shared cores; the default of 2 background jobs
  // (flushes + compactions) is stated here on purpose.
  options.max_background_jobs = 2;
  options.max_total_wal_size = kMaxTotalWalBytes;
  // Recovery replays the WAL into memtables and serves from them, instead of
  // writing (and syncing) them out as new files before the first call.
  options.avoid_flush_during_recovery = true;
  options.bytes_per_sync = kBytesPerSync;
  // Every open moves RocksDB's info LOG aside as a LOG.old.* file; the
  // default keeps 1000 of them.
  options.keep_log_file_num = kInfoLogFilesKept;
  // Tickers only (cache hits, WAL syncs, stall time) for Store::Stats: their
  // histograms and timers would cost every read and write a clock call.
  options.statistics = rocksdb::CreateDBStatistics();
  options.statistics->set_stats_level(
      rocksdb::StatsLevel::kExceptHistogramOrTimers);
  // A write group's leader inserts every batch of the group (4-5 under 16
  // ingest callers) into the memtables itself, instead of waking each
  // follower to insert its own in parallel: with two cores there is little
  // parallelism to gain, and each wake-up is a futex round trip. Server CPU
  // per IngestFeedback at 16 callers fell from 533-573 us to 415-477 us
  // (four interleaved trials each, load ~17).
  options.allow_concurrent_memtable_write = false;
  // Not set, on purpose: atomic_flush (every write goes through the WAL, so a
  // batch spanning families is recovered whole after a crash anyway),
  // enable_pipelined_write (the default write path already groups concurrent
  // writers into one WAL write and one fsync; pipelining only overlaps
  // memtable inserts with the next group's WAL write, at the price of another
  // thread hand-off per write) and unordered_write (a write becomes visible
  // before earlier-sequenced ones are in the memtable, so a snapshot could
  // miss a write below its sequence number: the read cache serves a value
  // only to reads whose snapshot saw exactly what it was built from, which
  // needs writes visible in sequence order).
  return options;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> Store::Open(
    const StoreOptions& options) {
  if (options.data_dir.empty()) {
    return absl::InvalidArgumentError("StoreOptions.data_dir is empty");
  }
  if (!options.shared_secret.empty() &&
      options.shared_secret.size() < kMinSharedSecretBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "StoreOptions.shared_secret has ", options.shared_secret.size(),
        " bytes, needs at least ", kMinSharedSecretBytes));
  }
  absl::StatusOr<PreparedDataDir> prepared =
      PrepareDataDir(options.data_dir, options.create_if_missing);
  if (!prepared.ok()) return prepared.status();
  const std::string& data_dir = prepared->canonical_path;

  std::shared_ptr<rocksdb::Cache> block_cache =
      rocksdb::NewLRUCache(options.block_cache_bytes);
  std::optional<SchemaStamp> stamp;
  if (prepared->contents == DataDirContents::kRocksDb) {
    absl::StatusOr<std::optional<SchemaStamp>> inspected = InspectExistingStore(
        data_dir, block_cache, kOldestUpgradableSchemaVersion, kSchemaVersion);
    if (!inspected.ok()) return inspected.status();
    stamp = *std::move(inspected);
  }

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (ColumnFamily family : kAllColumnFamilies) {
    descriptors.push_back(ColumnFamilyDescriptorFor(family, block_cache));
  }
  for (const ExpiringFamily& expiring : options.expiring_families) {
    descriptors[static_cast<int>(expiring.family)]
        .options.compaction_filter_factory =
        NewExpiryFilterFactory(expiring.is_expired);
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handle_list;
  rocksdb::DB* raw_db = nullptr;
  rocksdb::Status status = rocksdb::DB::Open(DbOptions(), data_dir, descriptors,
                                             &handle_list, &raw_db);
  if (!status.ok()) {
    // Another process may have taken the lock since the inspection.
    if (absl::StatusOr<DataDirLock> lock =
            DataDirLock::AcquireIfPresent(data_dir);
        !lock.ok()) {
      return lock.status();
    }
    return FromRocksDb(status, absl::StrCat("opening data dir ", data_dir));
  }
  Handles handles;
  std::copy(handle_list.begin(), handle_list.end(), handles.begin());
  auto store = absl::WrapUnique(
      new Store(data_dir, options.sync_writes, options.read_cache_bytes,
                std::move(block_cache), std::unique_ptr<rocksdb::DB>(raw_db),
                handles, SchemaStamp()));

  if (!stamp.has_value()) {
    stamp = NewSchemaStamp(kSchemaVersion, absl::Now());
    // Synced whatever sync_writes says: the stamp is what makes this a store.
    rocksdb::WriteOptions synced;
    synced.sync = true;
    status = store->db_->Put(synced, store->handle(ColumnFamily::kDefault),
                             SchemaStampKey(), EncodeSchemaStamp(*stamp));
    if (!status.ok()) {
      return FromRocksDb(status, absl::StrCat("data dir ", data_dir,
                                              ": writing the schema stamp"));
    }
  }
  store->schema_stamp_ = *std::move(stamp);
  if (absl::Status made = store->ReadOrMakeSecret(); !made.ok()) {
    return made;
  }
  if (!options.shared_secret.empty()) store->secret_ = options.shared_secret;
  return store;
}

Store::Store(std::string data_dir, bool sync_writes, size_t read_cache_bytes,
             std::shared_ptr<rocksdb::Cache> block_cache,
             std::unique_ptr<rocksdb::DB> db, Handles handles,
             SchemaStamp schema_stamp)
    : data_dir_(std::move(data_dir)),
      block_cache_(std::move(block_cache)),
      db_(std::move(db)),
      handles_(handles),
      schema_stamp_(std::move(schema_stamp)),
      read_cache_(std::make_unique<ReadCache>(read_cache_bytes)) {
  write_options_.sync = sync_writes;
}

absl::Status Store::ReadOrMakeSecret() {
  rocksdb::Status status =
      db_->Get(rocksdb::ReadOptions(), handle(ColumnFamily::kDefault),
               StoreSecretKey(), &secret_);
  if (status.ok() && secret_.size() == kSecretBytes) return absl::OkStatus();
  if (status.ok()) {
    return absl::DataLossError(
        absl::StrCat("data dir ", data_dir_, ": the store's secret has ",
                     secret_.size(), " bytes, not ", kSecretBytes));
  }
  if (!status.IsNotFound()) {
    return FromRocksDb(status, "reading the store's secret");
  }
  // The kernel's CSPRNG (libstdc++ reads /dev/urandom or getrandom).
  std::random_device random("/dev/urandom");
  secret_.resize(kSecretBytes);
  for (char& byte : secret_) byte = static_cast<char>(random());
  rocksdb::WriteOptions synced;
  synced.sync = true;
  status = db_->Put(synced, handle(ColumnFamily::kDefault), StoreSecretKey(),
                    secret_);
  return status.ok() ? absl::OkStatus()
                     : FromRocksDb(status, "writing the store's secret");
}

Store::~Store() { Close().IgnoreError(); }

absl::Status Store::Close() {
  if (db_ == nullptr) return absl::OkStatus();
  absl::Status result;
  std::vector<rocksdb::ColumnFamilyHandle*> all(handles_.begin(),
                                                handles_.end());
  result.Update(FromRocksDb(db_->Flush(rocksdb::FlushOptions(), all),
                            absl::StrCat("flushing data dir ", data_dir_)));
  for (rocksdb::ColumnFamilyHandle*& handle : handles_) {
    result.Update(FromRocksDb(db_->DestroyColumnFamilyHandle(handle),
                              "releasing a column family"));
    handle = nullptr;
  }
  result.Update(
      FromRocksDb(db_->Close(), absl::StrCat("closing data dir ", data_dir_)));
  db_.reset();
  return result;
}

absl::Status Store::CheckOpen() const {
  if (db_ == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("store in ", data_dir_, " is closed"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<std::string>> Store::Get(
    ColumnFamily family, std::string_view key, const Snapshot* snapshot) const {
  if (absl::Status open = CheckOpen(); !open.ok()) return open;
  std::string value;
  rocksdb::Status status = db_->Get(
      ReadOptionsAt(snapshot != nullptr ? snapshot->snapshot_ : nullptr),
      handle(family), key, &value);
  if (status.IsNotFound()) return std::nullopt;
  if (!status.ok()) {
    NoteIfNeededDisk(status);
    return FromRocksDb(
        status,
        absl::StrCat("get from ", std::string(ColumnFamilyName(family))));
  }
  return value;
}

// Only Write and ClearFamily change what the cache holds, so a family with
// an expiry filter (StoreOptions::expiring_families), whose records
// compactions drop, is not one to read through here.
absl::StatusOr<std::optional<std::string>> Store::GetCached(
    ColumnFamily family, std::string_view key) const {
  if (absl::Status open = CheckOpen(); !open.ok()) return open;
  if (std::optional<std::string> cached = record_cache_.Find(family, key)) {
    return cached;
  }
  const RecordCache::FillTicket ticket = record_cache_.BeginFill(family, key);
  absl::StatusOr<std::optional<std::string>> value = Get(family, key);
  record_cache_.FinishFill(family, key, ticket,
                           value.ok() ? *value : std::nullopt);
  return value;
}

absl::StatusOr<std::vector<std::optional<std::string>>> Store::MultiGet(
    ColumnFamily family, absl::Span<const std::string> keys,
    const Snapshot* snapshot) const {
  if (absl::Status open = CheckOpen(); !open.ok()) return open;
  RETURN_IF_ERROR(RefuseBeyondCachedAnswers("a MultiGet"));
  if (MemoryOnlyReads::Current() != nullptr) {
    // RocksDB 7.8's MultiGet reads files even at kBlockCacheTier (Get does
    // not), so a memory-only scope reads key by key.
    std::vector<std::optional<std::string>> found;
    found.reserve(keys.size());
    for (const std::string& key : keys) {
      absl::StatusOr<std::optional<std::string>> value =
          Get(family, key, snapshot);
      if (!value.ok()) return value.status();
      found.push_back(*std::move(value));
    }
    return found;
  }
  const rocksdb::ReadOptions options =
      ReadOptionsAt(snapshot != nullptr ? snapshot->snapshot_ : nullptr);
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<rocksdb::PinnableSlice> values(keys.size());
  std::vector<rocksdb::Status> statuses(keys.size());
  db_->MultiGet(options, handle(family), keys.size(), slices.data(),
                values.data(), statuses.data());
  std::vector<std::optional<std::string>> found(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    if (statuses[i].IsNotFound()) continue;
    if (!statuses[i].ok()) {
      NoteIfNeededDisk(statuses[i]);
      return FromRocksDb(statuses[i],
                         absl::StrCat("multi-get from ",
                                      std::string(ColumnFamilyName(family))));
    }
    found[i].emplace(values[i].data(), values[i].size());
  }
  return found;
}

absl::Status Store::Write(WriteBatch&& batch) {
  if (absl::Status open = CheckOpen(); !open.ok()) return open;
  AttachedUpdates* const attached = AttachedUpdates::Current();
  if (attached != nullptr) {
    if (attached->written()) {
      return absl::InternalError(
          "a second WriteBatch where one was expected: the updates attached "
          "to the first (a command's applied offset) must not be split from "
          "the rest");
    }
    const std::vector<WriteBatch::Update>& extra = attached->updates().updates_;
    batch.updates_.insert(batch.updates_.end(), extra.begin(), extra.end());
  }
  if (batch.empty()) return absl::OkStatus();
  rocksdb::WriteBatch updates;
  // What the batch changes of what the read cache holds: aggregates blocks
  // and the negative-quote ranges of a hotel and aspect.
  std::vector<std::string> cached_sources;
  for (const WriteBatch::Update& update : batch.updates_) {
    // RocksDB accepts such a Merge into the WAL and fails only while applying
    // it, after earlier updates of the batch took effect (and again on every
    // recovery). Refuse the batch while nothing is written.
    if (update.operation == WriteBatch::Operation::kMerge &&
        !HasMergeOperator(update.family)) {
      return absl::InternalError(
          absl::StrCat("Merge into column family '",
                       std::string(ColumnFamilyName(update.family)),
                       "', which has no merge operator"));
    }
    // A malformed counter table would fail every later merge of its key, in
    // reads and in compactions (which would stop the store's writes).
    if (update.family == ColumnFamily::kAggregates &&
        update.operation != WriteBatch::Operation::kDelete) {
      if (absl::Status table = CheckCounterTable(update.value); !table.ok()) {
        return absl::InternalError(absl::StrCat(
            "a value for the aggregates family is not a counter table: ",
            table.message()));
      }
    }
    if (update.family == ColumnFamily::kAggregates) {
      cached_sources.push_back(update.key);
    } else if (update.family == ColumnFamily::kFeedback &&
               IsNegativeQuoteKey(update.key)) {
      if (absl::StatusOr<NegativeQuoteKeyParts> quote =
              ParseNegativeQuoteKey(update.key);
          quote.ok()) {
        cached_sources.push_back(
            NegativeQuotePrefix(quote->org_id, quote->hotel_id, quote->aspect));
      }
    }
    rocksdb::ColumnFamilyHandle* family = handle(update.family);
    rocksdb::Status status;
    switch (update.operation) {
      case WriteBatch::Operation::kPut:
        status = updates.Put(family, update.key, update.value);
        break;
      case WriteBatch::Operation::kDelete:
        status = updates.Delete(family, update.key);
        break;
      case WriteBatch::Operation::kMerge:
        status = updates.Merge(family, update.key, update.value);
        break;
    }
    if (!status.ok()) return FromRocksDb(status, "building a write batch");
  }
  // What the read cache derived from these sources stops serving reads before
  // the write can be seen, and nothing read before it is cached after.
  if (!cached_sources.empty()) read_cache_->BeginWrite(cached_sources);
  const rocksdb::Status written = db_->Write(write_options_, &updates);
  if (!cached_sources.empty()) {
    read_cache_->EndWrite(cached_sources, db_->GetLatestSequenceNumber());
  }
  // Even after a failed write: RocksDB may have applied it to the memtables.
  record_cache_.Invalidate(batch);
  if (attached != nullptr) {
    if (written.ok()) {
      attached->NoteWritten();
    } else {
      attached->NoteWriteFailed();
    }
  }
  return FromRocksDb(written,
                     absl::StrCat("writing ", batch.count(), " updates"));
}

namespace {

// The read cache's keys: one prefix per kind of value, so that each key's
// value has one type whatever the callers' keys are.
constexpr char kBlockPrefix = 'b';
constexpr char kDerivedTablePrefix = 'd';
constexpr char kBlockValuePrefix = 'v';
constexpr char kQuoteValuePrefix = 'q';

std::string CacheKey(char kind, std::string_view key) {
  std::string cache_key(1, kind);
  cache_key.append(key);
  return cache_key;
}

CounterTable TableOf(const ReadCache::Value& value) {
  return std::static_pointer_cast<const DecodedCounterTable>(value);
}

}  // namespace

absl::StatusOr<std::vector<CounterTable>> Store::ReadCounterTables(
    absl::Span<const std::string> keys, const Snapshot* snapshot) const {
  if (absl::Status open = CheckOpen(); !open.ok()) return open;
  RETURN_IF_ERROR(RefuseBeyondCachedAnswers("reading aggregate blocks"));
  std::unique_ptr<Snapshot> latest;
  if (snapshot == nullptr) {
    latest = GetSnapshot();
    snapshot = latest.get();
  }
  const uint64_t sequence = snapshot->sequence();
  std::vector<CounterTable> tables(keys.size());
  // The keys the cache does not hold, and where their tables go.
  std::vector<std::string> missed;
  std::vector<size_t> missed_at;
  for (size_t i = 0; i < keys.size(); ++i) {
    std::optional<ReadCache::Value> cached =
        read_cache_->Find(CacheKey(kBlockPrefix, keys[i]), sequence);
    if (cached.has_value()) {
      tables[i] = TableOf(*cached);
    } else {
      missed.push_back(keys[i]);
      missed_at.push_back(i);
    }
  }
  if (missed.empty()) return tables;
  absl::StatusOr<std::vector<std::optional<std::string>>> values =
      MultiGet(ColumnFamily::kAggregates, missed, snapshot);
  if (!values.ok()) return values.status();
  for (size_t j = 0; j < missed.size(); ++j) {
    CounterTable table;
    if ((*values)[j].has_value()) {
      absl::StatusOr<DecodedCounterTable> decoded =
          DecodedCounterTable::Decode(*(*values)[j]);
      if (!decoded.ok()) return decoded.status();
      table = std::make_shared<const DecodedCounterTable>(*std::move(decoded));
    }
    read_cache_->Insert(CacheKey(kBlockPrefix, missed[j]),
                        absl::MakeConstSpan(&missed[j], 1), sequence, table,
                        table == nullptr ? 0 : table->memory_bytes(),
                        ReadCache::Priority::kLow);
    tables[missed_at[j]] = std::move(table);
  }
  return tables;
}

absl::StatusOr<ReadCache::Value> Store::ReadDerived(
    char kind, std::string_view key, absl::Span<const std::string> sources,
    const Snapshot& snapshot, ComputeCachedValue compute) const {
  if (absl::Status open = CheckOpen(); !open.ok()) return open;
  const uint64_t sequence = snapshot.sequence();
  const std::string cache_key = CacheKey(kind, key);
  std::optional<ReadCache::Value> cached =
      read_cache_->Find(cache_key, sequence);
  if (cached.has_value()) return *std::move(cached);
  RETURN_IF_ERROR(RefuseBeyondCachedAnswers("computing a value not cached"));
  absl::StatusOr<CachedValue> computed = compute();
  if (!computed.ok()) return computed.status();
  // Sums of blocks are as large as the blocks; what is computed from them
  // is what queries answer from.
  const ReadCache::Priority priority = kind == kDerivedTablePrefix
                                           ? ReadCache::Priority::kLow
                                           : ReadCache::Priority::kHigh;
  read_cache_->Insert(cache_key, sources, sequence, computed->value,
                      computed->bytes, priority);
  return std::move(computed->value);
}

absl::StatusOr<CounterTable> Store::ReadDerivedCounterTable(
    std::string_view key, absl::Span<const std::string> sources,
    const Snapshot& snapshot, DeriveCounterTable derive) const {
  absl::StatusOr<ReadCache::Value> value =
      ReadDerived(kDerivedTablePrefix, key, sources, snapshot,
                  [&]() -> absl::StatusOr<CachedValue> {
                    absl::StatusOr<std::vector<CounterTable>> tables =
                        ReadCounterTables(sources, &snapshot);
                    if (!tables.ok()) return tables.status();
                    absl::StatusOr<CounterTable> derived = derive(*tables);
                    if (!derived.ok()) return derived.status();
                    const size_t bytes =
                        *derived == nullptr ? 0 : (*derived)->memory_bytes();
                    return CachedValue{*std::move(derived), bytes};
                  });
  if (!value.ok()) return value.status();
  return TableOf(*value);
}

absl::StatusOr<ReadCache::Value> Store::ReadDerivedFromBlocks(
    std::string_view key, absl::Span<const std::string> sources,
    const Snapshot& snapshot, ComputeCachedValue compute) const {
  return ReadDerived(kBlockValuePrefix, key, sources, snapshot, compute);
}

absl::StatusOr<ReadCache::Value> Store::ReadDerivedFromQuotes(
    std::string_view key, std::string_view quote_prefix,
    const Snapshot& snapshot, ComputeCachedValue compute) const {
  const std::string source(quote_prefix);
  return ReadDerived(kQuoteValuePrefix, key, absl::MakeConstSpan(&source, 1),
                     snapshot, compute);
}

namespace {

// Store::Scan's walk over `prefix`, on an iterator of `family` that may have
// been used before.
absl::Status ScanPrefix(rocksdb::Iterator& it, ColumnFamily family,
                        std::string_view prefix, std::string_view start_after,
                        size_t limit, ScanVisitor visit) {
  if (start_after > prefix) {
    it.Seek(start_after);
    if (it.Valid() && it.key().ToStringView() == start_after) it.Next();
  } else {
    it.Seek(prefix);
  }
  for (size_t visited = 0; it.Valid() && (limit == 0 || visited < limit);
       it.Next(), ++visited) {
    const std::string_view key = it.key().ToStringView();
    if (key.substr(0, prefix.size()) != prefix) break;
    absl::StatusOr<ScanStep> step = visit(key, it.value().ToStringView());
    if (!step.ok()) return step.status();
    if (*step == ScanStep::kStop) break;
  }
  NoteIfNeededDisk(it.status());
  return FromRocksDb(
      it.status(),
      absl::StrCat("scanning ", std::string(ColumnFamilyName(family))));
}

}  // namespace

absl::Status Store::Scan(ColumnFamily family, std::string_view prefix,
                         std::string_view start_after, size_t limit,
                         ScanVisitor visit, const Snapshot* snapshot) const {
  if (absl::Status open = CheckOpen(); !open.ok()) return open;
  RETURN_IF_ERROR(RefuseBeyondCachedAnswers("a scan"));
  // The upper bound lets RocksDB stop at the end of the prefix without reading
  // (and skipping tombstones in) the next key range.
  const std::string upper_bound = PrefixSuccessor(prefix);
  const rocksdb::Slice upper_bound_slice(upper_bound);
  rocksdb::ReadOptions options =
      ReadOptionsAt(snapshot != nullptr ? snapshot->snapshot_ : nullptr);
  if (!upper_bound.empty()) options.iterate_upper_bound = &upper_bound_slice;
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(options, handle(family)));
  return ScanPrefix(*it, family, prefix, start_after, limit, visit);
}

absl::StatusOr<std::unique_ptr<ScanCursor>> Store::NewScanCursor(
    ColumnFamily family, const Snapshot* snapshot) const {
  if (absl::Status open = CheckOpen(); !open.ok()) return open;
  RETURN_IF_ERROR(RefuseBeyondCachedAnswers("a scan"));
  // No upper bound: the ranges differ from scan to scan, and each scan stops
  // at its prefix's end by itself.
  const rocksdb::ReadOptions options =
      ReadOptionsAt(snapshot != nullptr ? snapshot->snapshot_ : nullptr);
  return absl::WrapUnique(new ScanCursor(
      absl::WrapUnique(db_->NewIterator(options, handle(family))), family));
}

absl::Status ScanCursor::Scan(std::string_view prefix,
                              std::string_view start_after, size_t limit,
                              ScanVisitor visit) {
  return ScanPrefix(*iterator_, family_, prefix, start_after, limit, visit);
}

std::unique_ptr<Snapshot> Store::GetSnapshot() const {
  return absl::WrapUnique(new Snapshot(db_.get(), db_->GetSnapshot()));
}

absl::Status Store::ClearFamily(ColumnFamily family) {
  if (absl::Status open = CheckOpen(); !open.ok()) return open;
  const std::string what =
      absl::StrCat("clearing ", std::string(ColumnFamilyName(family)));
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), handle(family)));
  it->SeekToLast();
  if (!it->Valid()) return FromRocksDb(it->status(), what);
  // DeleteRange's end is exclusive: the last key gets a point deletion. The
  // range begins at "", outside every memtable insert hint's domain (RocksDB
  // would otherwise start it at a point entry's position,
  // insert_hint_prefix.h).
  const std::string last = it->key().ToString();
  rocksdb::WriteBatch batch;
  rocksdb::Status status = batch.DeleteRange(handle(family), "", last);
  if (status.ok()) status = batch.Delete(handle(family), last);
  if (status.ok()) {
    // Clearing the feedback family (no caller does) would drop quotes too.
    const bool cached = family == ColumnFamily::kAggregates ||
                        family == ColumnFamily::kFeedback;
    if (cached) read_cache_->BeginWriteAll();
    status = db_->Write(write_options_, &batch);
    if (cached) read_cache_->EndWriteAll(db_->GetLatestSequenceNumber());
  }
  record_cache_.InvalidateFamily(family);
  return FromRocksDb(status, what);
}

absl::Status Store::FinishUpgrade() {
  if (absl::Status open = CheckOpen(); !open.ok()) return open;
  std::vector<rocksdb::ColumnFamilyHandle*> all(handles_.begin(),
                                                handles_.end());
  rocksdb::Status status = db_->Flush(rocksdb::FlushOptions(), all);
  if (!status.ok()) {
    return FromRocksDb(status, absl::StrCat("flushing data dir ", data_dir_));
  }
  SchemaStamp upgraded = schema_stamp_;
  upgraded.schema_version = kSchemaVersion;
  return WriteSchemaStamp(std::move(upgraded));
}

absl::Status Store::RenewStoreId(absl::Time now) {
  if (absl::Status open = CheckOpen(); !open.ok()) return open;
  return WriteSchemaStamp(NewSchemaStamp(schema_stamp_.schema_version, now));
}

absl::Status Store::WriteSchemaStamp(SchemaStamp stamp) {
  rocksdb::WriteOptions synced;
  synced.sync = true;
  const rocksdb::Status status =
      db_->Put(synced, handle(ColumnFamily::kDefault), SchemaStampKey(),
               EncodeSchemaStamp(stamp));
  if (!status.ok()) {
    return FromRocksDb(status, absl::StrCat("data dir ", data_dir_,
                                            ": writing the schema stamp"));
  }
  schema_stamp_ = std::move(stamp);
  return absl::OkStatus();
}

absl::StatusOr<uint64_t> Store::SizeOnDiskBytes() const {
  if (absl::Status open = CheckOpen(); !open.ok()) return open;
  uint64_t bytes = 0;
  for (rocksdb::ColumnFamilyHandle* family : handles_) {
    uint64_t family_bytes = 0;
    if (!db_->GetIntProperty(family,
                             rocksdb::DB::Properties::kTotalSstFilesSize,
                             &family_bytes)) {
      return absl::InternalError(absl::StrCat(
          "RocksDB has no ", rocksdb::DB::Properties::kTotalSstFilesSize));
    }
    bytes += family_bytes;
  }
  rocksdb::VectorLogPtr wal_files;
  rocksdb::Status status = db_->GetSortedWalFiles(wal_files);
  if (!status.ok()) return FromRocksDb(status, "listing the WAL files");
  for (const std::unique_ptr<rocksdb::LogFile>& file : wal_files) {
    bytes += file->SizeFileBytes();
  }
  return bytes;
}

std::string Store::RocksDbVersion() {
  return rocksdb::GetRocksVersionAsString(/*with_patch=*/true);
}

absl::Status Store::CompactAll() {
  if (absl::Status open = CheckOpen(); !open.ok()) return open;
  rocksdb::CompactRangeOptions options;
  // Rewrite the last level too, so every merge operand is folded in.
  options.bottommost_level_compaction =
      rocksdb::BottommostLevelCompaction::kForce;
  for (ColumnFamily family : kAllColumnFamilies) {
    rocksdb::Status status =
        db_->CompactRange(options, handle(family), nullptr, nullptr);
    if (!status.ok()) {
      return FromRocksDb(
          status,
          absl::StrCat("compacting ", std::string(ColumnFamilyName(family))));
    }
  }
  return absl::OkStatus();
}

}  // namespace guestvoice::storage
