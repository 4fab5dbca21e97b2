#include "storage/column_family.h"

#include <cstdint>

#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"
#include "storage/counter_table_merge_operator.h"
#include "storage/insert_hint_prefix.h"

namespace guestvoice::storage {
namespace {

constexpr double kBloomBitsPerKey = 10;  // ~1% false positives.
// The share of a memtable's write buffer given to a bloom filter of its keys,
// which lets a Get for an absent key skip the skip list's search.
constexpr double kMemtableBloomShare = 0.02;

// Memtables are flushed at storage/store.cc's WAL bound, long before they
// fill, so level 0 gets many small files. Compacting them into the level
// below rewrites the files they overlap, which with keys spread over the
// whole key space (aggregates, indexes) is most of that level: waiting for
// twice RocksDB's default of 4 halves that cost per item. Reads then consult
// up to 8 level-0 files, whose filters and index blocks stay pinned in cache.
constexpr int kLevel0FilesBeforeCompaction = 8;

// Dictionary compression of the feedback family's bottom files: a 64 KiB
// dictionary per file, trained on 4 MiB of samples (ZSTD suggests ~100x the
// dictionary; 4 MiB lost 1% of the saving and bounds training time) taken
// from at most 8 MiB of the file's first blocks.
constexpr uint32_t kDictionaryBytes = 64 << 10;
constexpr uint64_t kDictionaryTrainingBytes = 4 << 20;
constexpr uint64_t kDictionaryBufferBytes = 8 << 20;

struct FamilyTraits {
  std::string_view name;
  // Whole-key bloom filters make a Get for an absent key skip most files
  // (and, with a bloom filter of the memtable's keys, the memtable's skip
  // list too). Worth it where point lookups of absent keys happen; prefix
  // scans gain nothing from whole-key filters (and keys have no fixed-length
  // prefix for a prefix extractor, since they begin with a length-prefixed
  // org id).
  bool bloom_filter;
  // Feedback text is most of the bytes on disk and compresses well.
  bool bulk_text;
};

FamilyTraits TraitsOf(ColumnFamily family) {
  switch (family) {
    case ColumnFamily::kDefault:
      return {"default", false, false};
    case ColumnFamily::kEntities:
      return {"entities", true, false};
    case ColumnFamily::kIndexes:
      return {"indexes", true, false};
    case ColumnFamily::kFeedback:
      // Every ingest looks up its dedupe key and (for a known author) its
      // repeat key here, and both are almost always absent: without filters
      // each such Get searched the index and a data block of every level-0
      // file and level, 8.5 % of guestvoiced's CPU under 16 ingest callers.
      return {"feedback", true, true};
    case ColumnFamily::kAggregates:
      return {"aggregates", true, false};
    case ColumnFamily::kRequests:
      return {"requests", true, false};
  }
  return {"", false, false};
}

}  // namespace

std::string_view ColumnFamilyName(ColumnFamily family) {
  return TraitsOf(family).name;
}

std::optional<ColumnFamily> ColumnFamilyNamed(std::string_view name) {
  for (ColumnFamily family : kAllColumnFamilies) {
    if (ColumnFamilyName(family) == name) return family;
  }
  return std::nullopt;
}

bool HasMergeOperator(ColumnFamily family) {
  return family == ColumnFamily::kAggregates;
}

rocksdb::ColumnFamilyOptions ColumnFamilyOptionsFor(
    ColumnFamily family, const std::shared_ptr<rocksdb::Cache>& block_cache) {
  const FamilyTraits traits = TraitsOf(family);
  rocksdb::ColumnFamilyOptions options;
  // Level compaction (the default style) with dynamic level sizes keeps space
  // amplification near 1.1x however large the store grows.
  options.level_compaction_dynamic_level_bytes = true;
  options.level0_file_num_compaction_trigger = kLevel0FilesBeforeCompaction;
  // LZ4 where data is young (memtable flushes and the upper levels cost the
  // write path little CPU) and ZSTD in the last level, where ~90% of the data
  // ends up: on a 200k-item store ZSTD left the aggregates' bottom files at
  // 2/3 of LZ4's size. Blocks are cached uncompressed, so only reads that
  // miss the block cache pay ZSTD's slower decompression. Debian's librocksdb
  // links LZ4 and ZSTD (an unlinked codec would make Open fail, which the
  // tests would see).
  options.compression = rocksdb::kLZ4Compression;
  options.bottommost_compression = rocksdb::kZSTD;

  rocksdb::BlockBasedTableOptions table;
  table.block_cache = block_cache;
  // Index and filter blocks live in the shared cache too, so the cache size
  // bounds memory as the store grows; pinning L0's keeps the hottest ones from
  // being evicted by bulk scans.
  table.cache_index_and_filter_blocks = true;
  table.pin_l0_filter_and_index_blocks_in_cache = true;
  if (traits.bloom_filter) {
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(kBloomBitsPerKey));
    options.memtable_whole_key_filtering = true;
    options.memtable_prefix_bloom_size_ratio = kMemtableBloomShare;
  }
  if (family == ColumnFamily::kFeedback) {
    options.memtable_insert_with_hint_prefix_extractor.reset(
        NewFeedbackInsertHintPrefix());
  }
  if (traits.bulk_text) {
    // Larger blocks trade a little read CPU for better compression.
    table.block_size = 16 * 1024;
    // Reviews share most of their words and phrasing with each other, far
    // more than one 16 KiB block shows ZSTD: a dictionary trained on each
    // bottom file's blocks halved the bytes of the item records (67 -> 34 MB
    // on a 200k-item store; sst_dump --command=recompress). RocksDB buffers
    // up to max_dict_buffer_bytes of a compaction's output to sample it.
    options.bottommost_compression_opts.enabled = true;
    options.bottommost_compression_opts.max_dict_bytes = kDictionaryBytes;
    options.bottommost_compression_opts.zstd_max_train_bytes =
        kDictionaryTrainingBytes;
    options.bottommost_compression_opts.max_dict_buffer_bytes =
        kDictionaryBufferBytes;
  }
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));

  if (HasMergeOperator(family)) {
    options.merge_operator = std::make_shared<CounterTableMergeOperator>();
    // Every ingest merges into its hotel's day and month blocks, which the
    // items before it merged into already: each merge operand is inserted
    // next to the previous operand of its key, instead of searching the
    // memtable's skip list from the top (insert_hint_prefix.h; memtable
    // inserts are not concurrent, store.cc).
    options.memtable_insert_with_hint_prefix_extractor.reset(
        NewWholeKeyInsertHint());
  }
  return options;
}

rocksdb::ColumnFamilyDescriptor ColumnFamilyDescriptorFor(
    ColumnFamily family, const std::shared_ptr<rocksdb::Cache>& block_cache) {
  return rocksdb::ColumnFamilyDescriptor(
      std::string(ColumnFamilyName(family)),
      ColumnFamilyOptionsFor(family, block_cache));
}

}  // namespace guestvoice::storage
