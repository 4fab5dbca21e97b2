#include "service/api/server_metrics.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "common/prometheus_text.h"

namespace guestvoice::service {
namespace {

void WriteCounter(PrometheusText& out, std::string_view name,
                  std::string_view help, uint64_t value) {
  out.Family(name, "counter", help);
  out.Sample(name, {}, value);
}

void WriteGauge(PrometheusText& out, std::string_view name,
                std::string_view help, uint64_t value) {
  out.Family(name, "gauge", help);
  out.Sample(name, {}, value);
}

void WriteStoreStats(PrometheusText& out, const storage::StoreStats& stats) {
  WriteGauge(out, "guestvoice_rocksdb_live_data_bytes",
             "Estimated bytes of live data in the store.",
             stats.live_data_bytes);
  out.Family("guestvoice_rocksdb_sst_files", "gauge",
             "SST files per LSM level.");
  for (int level = 0; level < storage::StoreStats::kLevels; ++level) {
    const std::string label = absl::StrCat(level);
    out.Sample("guestvoice_rocksdb_sst_files", {{"level", label}},
               stats.sst_files_per_level[level]);
  }
  WriteGauge(out, "guestvoice_rocksdb_pending_compaction_bytes",
             "Estimated bytes compaction has yet to rewrite.",
             stats.pending_compaction_bytes);
  WriteGauge(out, "guestvoice_rocksdb_writes_stopped",
             "1 while RocksDB stops writes (too many L0 files, memtables or "
             "pending compaction bytes), else 0.",
             stats.writes_stopped ? 1 : 0);
  out.Family("guestvoice_rocksdb_write_stall_seconds_total", "counter",
             "Time writes were delayed or stopped by RocksDB.");
  out.Sample("guestvoice_rocksdb_write_stall_seconds_total", {},
             stats.write_stall_micros / 1e6);
  WriteCounter(out, "guestvoice_rocksdb_block_cache_hits_total",
               "Block cache lookups that found their block.",
               stats.block_cache_hits);
  WriteCounter(out, "guestvoice_rocksdb_block_cache_misses_total",
               "Block cache lookups that read their block from disk.",
               stats.block_cache_misses);
  WriteCounter(out, "guestvoice_rocksdb_wal_syncs_total",
               "fsyncs of the write-ahead log.", stats.wal_syncs);
  WriteCounter(out, "guestvoice_rocksdb_write_batches_total",
               "Write batches applied to the store.", stats.write_batches);
  WriteCounter(out, "guestvoice_rocksdb_write_groups_total",
               "Write groups: batches written to the log (and synced) "
               "together by one leader.",
               stats.write_groups);
  WriteCounter(out, "guestvoice_rocksdb_keys_written_total",
               "Puts, merges and deletes written to the store.",
               stats.keys_written);
  WriteCounter(out, "guestvoice_rocksdb_bytes_written_total",
               "Bytes of the write batches written to the store.",
               stats.bytes_written);
}

}  // namespace

std::string MetricsText(const MetricSources& sources) {
  PrometheusText out;
  sources.calls.WriteTo(out);
  WriteCounter(out, "guestvoice_ingested_items_total",
               "Feedback items stored (duplicates are not).",
               sources.ingested.items());
  WriteCounter(out, "guestvoice_ingested_repeats_total",
               "Stored items whose author had posted the same text before.",
               sources.ingested.repeats());
  WriteCounter(out, "guestvoice_edited_items_total",
               "Stored items that took a later edit at their source "
               "(Feedback.edit_time).",
               sources.ingested.edits());
  out.Family("guestvoice_analysis_duration_seconds", "histogram",
             "Time the analyser took per ingested item (IngestFeedback and "
             "ImportFeedback; duplicates are analysed too).");
  sources.analysis_times.WriteTo(out, "guestvoice_analysis_duration_seconds",
                                 {});
  WriteGauge(out, "guestvoice_watchers", "Open WatchFeedback streams.",
             sources.watchers.watcher_count());
  WriteCounter(out, "guestvoice_watch_missed_items_total",
               "Items watchers were told they missed (the shared watch log "
               "dropped them before they read them).",
               sources.watchers.log_stats().missed);
  WriteCounter(out, "guestvoice_rate_limit_rejections_total",
               "Calls refused because their API key was over its rate limit.",
               sources.rate_limiter.rejections());
  // A store that cannot answer (closing) leaves its figures out of this
  // scrape rather than failing it.
  if (const absl::StatusOr<storage::StoreStats> stats = sources.store.Stats();
      stats.ok()) {
    WriteStoreStats(out, *stats);
  }
  const storage::ReadCache::Stats cache = sources.store.read_cache_stats();
  WriteCounter(out, "guestvoice_read_cache_hits_total",
               "Insight reads of a block or interval sum served from the "
               "aggregate cache.",
               cache.hits);
  WriteCounter(out, "guestvoice_read_cache_misses_total",
               "Insight reads of a block or interval sum the aggregate cache "
               "did not hold (or held for other data).",
               cache.misses);
  WriteGauge(out, "guestvoice_read_cache_bytes",
             "Memory the aggregate cache holds (--read_cache_mb bounds "
             "it).",
             cache.bytes);
  return out.text();
}

}  // namespace guestvoice::service
