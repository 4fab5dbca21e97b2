// guestvoiced: the guestvoice gRPC server on its embedded RocksDB store.

#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/flags/flag.h"
#include "absl/flags/internal/program_name.h"
#include "absl/flags/internal/usage.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/status_macros.h"
#include "service/api/listen_address.h"
#include "service/api/log_format.h"
#include "service/api/server.h"
#include "service/api/versions.h"
#include "service/cluster/cluster_stamp.h"
#include "storage/backups.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "HOST:PORT to listen on; port 0 picks a free port. A non-loopback "
          "host needs TLS or --allow_insecure_non_loopback.");
ABSL_FLAG(std::string, data_dir, "var/guestvoice",
          "Directory of the embedded RocksDB store; created when missing. One "
          "guestvoiced per directory.");
ABSL_FLAG(std::string, page_token_secret_file, "",
          "File holding the secret page tokens are signed with (at least 32 "
          "bytes of text, e.g. from `openssl rand -base64 32`), the same for "
          "every node of a cluster so that a page token from one node is "
          "accepted by the next. Empty: the store's own secret.");
ABSL_FLAG(std::string, tls_cert_file, "",
          "PEM certificate chain for TLS; needs --tls_key_file.");
ABSL_FLAG(std::string, tls_key_file, "",
          "PEM private key for TLS; needs --tls_cert_file.");
ABSL_FLAG(std::string, tls_client_ca_file, "",
          "PEM certificates of the authorities whose client certificates "
          "are accepted: every client must present one (mutual TLS). Needs "
          "--tls_cert_file and --tls_key_file.");
ABSL_FLAG(bool, allow_insecure_non_loopback, false,
          "Serve plaintext on a non-loopback address (only behind a trusted "
          "TLS-terminating proxy).");
ABSL_FLAG(int, max_message_bytes, 4 << 20,
          "Largest request or response message, in bytes.");
ABSL_FLAG(bool, sync_writes, true,
          "fsync the write-ahead log before acknowledging a write; concurrent "
          "writers share one fsync. Off risks losing the last writes on a "
          "machine crash. A cluster node never syncs: the command log holds "
          "every acknowledged write and the node re-applies what its state "
          "lost.");
ABSL_FLAG(int, block_cache_mb, 256, "RocksDB block cache size, in MiB.");
ABSL_FLAG(int, read_cache_mb, 128,
          "Memory for what insight queries read again and again (decoded "
          "aggregates, per-interval sums, recent quotes), in MiB; 0 turns "
          "the cache off.");
ABSL_FLAG(int, read_threads, 4,
          "Workers that run point reads (lookups, gets, short lists).");
ABSL_FLAG(int, scan_threads, 2,
          "Workers that run insight queries and filtered listings, whose "
          "cost grows with the data they cover; one per core.");
ABSL_FLAG(int, write_threads, 32,
          "Workers that run write calls; concurrent writes share WAL fsyncs, "
          "so more writers than cores pays while they wait on the disk.");
ABSL_FLAG(int, call_queue_capacity, 4096,
          "Calls each of the read and write executors queues before it "
          "answers RESOURCE_EXHAUSTED with a RetryInfo; one organization's "
          "calls hold at most half of it.");
ABSL_FLAG(int, scan_queue_capacity, 256,
          "Insight queries and filtered listings queued before the server "
          "answers RESOURCE_EXHAUSTED with a RetryInfo; one organization's "
          "calls hold at most half of them.");
ABSL_FLAG(int, watch_log_items, 1024,
          "Newly stored items the WatchFeedback log shared by every watcher "
          "keeps; a watcher further behind is told how many it missed.");
ABSL_FLAG(int, watch_log_mb, 16,
          "The most memory the WatchFeedback log holds, in MiB, whatever the "
          "number of watchers.");
ABSL_FLAG(int, max_watchers, 1000,
          "Open WatchFeedback streams at most; more are RESOURCE_EXHAUSTED.");
ABSL_FLAG(int, max_watchers_per_key, 50,
          "Open WatchFeedback streams at most per API key.");
ABSL_FLAG(int, max_watchers_per_organization, 500,
          "Open WatchFeedback streams at most per organization, its keys "
          "together.");
ABSL_FLAG(int, max_import_streams, 64,
          "ImportFeedback streams open at once; more are RESOURCE_EXHAUSTED "
          "with a RetryInfo.");
ABSL_FLAG(int, max_import_streams_per_organization, 32,
          "ImportFeedback streams one organization holds open at once, its "
          "keys together.");
ABSL_FLAG(int, max_import_items_per_stream, 10000,
          "Items one ImportFeedback stream carries: the server answers after "
          "this many, and the client sends the rest in a new stream.");
ABSL_FLAG(int, max_streams_per_connection, 100,
          "Calls (HTTP/2 streams) one connection may have open at once.");
ABSL_FLAG(double, rate_limit_calls_per_second, 1000,
          "Calls each API key may start per second on average (a token "
          "bucket per key); more are RESOURCE_EXHAUSTED with a RetryInfo. 0 "
          "turns the limit off.");
ABSL_FLAG(double, rate_limit_burst, 2000,
          "Calls an API key may start at once after a quiet spell: the size "
          "of its token bucket, at least 1.");
ABSL_FLAG(std::string, metrics_listen, "127.0.0.1:9464",
          "HOST:PORT of the Prometheus endpoint (plain HTTP GET /metrics), "
          "loopback by default; keep it on loopback or a private network, "
          "since it tells call counts and API key names to whoever can reach "
          "it. Port 0 picks a free port. Empty (--metrics_listen=): no "
          "metrics endpoint, as tests and tools that start several servers "
          "side by side give.");
ABSL_FLAG(guestvoice::service::LogFormat, log_format,
          guestvoice::service::LogFormat::kText,
          "text: lines for people; json: one JSON object per line (time, "
          "level, msg, and for calls method, organization, request_id, "
          "status, duration_ms), for log collectors.");
ABSL_FLAG(double, log_sample_rate, 0,
          "Share of successful calls that get a log line, 0 to 1; every "
          "failed call gets one.");
ABSL_FLAG(std::string, backup_dir, "",
          "Directory for online backups (AdminService.CreateBackup), outside "
          "the data dir, ideally on another disk; created when missing. "
          "Empty: no backups.");
ABSL_FLAG(int, backup_retention, 7,
          "Backups kept in --backup_dir: each new backup deletes the oldest "
          "beyond this many (0 keeps all, at most 1000).");
ABSL_FLAG(int, restore_from, 0,
          "Restore backup N of --backup_dir into --data_dir, which must be "
          "missing or empty, then exit without serving.");
ABSL_FLAG(std::string, cluster_brokers, "",
          "Run as a node of a cluster (docs/cluster.md): HOST:PORT,... of "
          "Kafka brokers (any reachable ones). Every write then goes through "
          "the cluster's command log. Empty: the embedded single-node "
          "store.");
ABSL_FLAG(std::string, cluster_bootstrap_file, "",
          "As --cluster_brokers, read from the file `tools/cluster up` "
          "writes (var/cluster/bootstrap).");
ABSL_FLAG(std::string, cluster_node_id, "",
          "This node's name in the cluster (its Kafka client id); required "
          "with --cluster_brokers, unique per node.");
ABSL_FLAG(std::string, advertise, "",
          "HOST:PORT other nodes and clients reach this node at, published in "
          "the cluster's node map; required with --cluster_brokers.");
ABSL_FLAG(absl::Duration, cluster_linger, absl::Milliseconds(1),
          "How long a cluster node's producer gathers commands into one "
          "produce request (0 to 1000ms). Longer: less CPU per item in bulk "
          "imports; every write at light load waits about this much longer.");
ABSL_FLAG(absl::Duration, cluster_session_timeout, absl::Seconds(10),
          "How long a cluster node may be silent (killed, hung, cut off) "
          "before the others take over the partitions it owns and the "
          "once-only work on them (6s to 5m; brokers refuse less than "
          "their group.min.session.timeout.ms, 6s by default).");
ABSL_FLAG(absl::Duration, cluster_heartbeat_interval, absl::Seconds(2),
          "How often a cluster node publishes its entry in the node map "
          "(address, owned partitions, applied offsets) when nothing else "
          "prompts it.");
ABSL_FLAG(absl::Duration, cluster_liveness_timeout, absl::Seconds(10),
          "A cluster node whose latest node map heartbeat is older than this "
          "counts as down; several heartbeat intervals. Node clocks must agree "
          "to well within it.");
ABSL_FLAG(absl::Duration, cluster_start_timeout, absl::Seconds(60),
          "How long a cluster node retries reaching its cluster at start "
          "before it gives up.");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(10),
          "On SIGTERM/SIGINT, how long in-flight calls may take to finish "
          "before they are cancelled.");

namespace {

// Signals are taken synchronously by the main thread: blocked here, before
// any gRPC or RocksDB thread exists, so every thread inherits the mask.
sigset_t BlockShutdownSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

// Abseil 20220623 ends --help with exit status 1 (later releases exit 0, as
// scripts expect of --help), so plain --help is answered here, listing this
// file's flags; --helpfull and friends stay Abseil's.
bool PrintedHelp(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-help" || arg == "-h") {
      absl::flags_internal::SetProgramInvocationName(argv[0]);
      absl::flags_internal::FlagsHelp(
          std::cout, "guestvoiced_main",
          absl::flags_internal::HelpFormat::kHumanReadable,
          absl::ProgramUsageMessage());
      return true;
    }
  }
  return false;
}

// ListBackups is not paged: this bounds what it returns.
constexpr int kMaxBackupRetention = 1000;

// --restore_from: restores a backup into a new data dir and exits, so that
// serving the restored store is an ordinary start, with every check of one.
// A cluster node's state is a replica of the command log, not a store that
// moved: restored, it seeds a node (a new one, or one whose disk was lost)
// and is a store of its own, with a store id of its own, so that its backups
// go to a backup dir of their own (Backups::Open refuses another store's).
// True when `data_dir` held a cluster node's state and was renewed.
absl::StatusOr<bool> RenewRestoredClusterState(const std::string& data_dir) {
  ASSIGN_OR_RETURN(std::unique_ptr<guestvoice::storage::Store> store,
                   guestvoice::storage::Store::Open(
                       {.data_dir = data_dir, .create_if_missing = false}));
  ASSIGN_OR_RETURN(const auto cluster,
                   guestvoice::service::cluster::ReadClusterStamp(*store));
  if (cluster.has_value()) {
    RETURN_IF_ERROR(store->RenewStoreId(absl::Now()));
  }
  RETURN_IF_ERROR(store->Close());
  return cluster.has_value();
}

int Restore() {
  const int backup = absl::GetFlag(FLAGS_restore_from);
  const std::string backup_dir = absl::GetFlag(FLAGS_backup_dir);
  const std::string data_dir = absl::GetFlag(FLAGS_data_dir);
  if (backup < 0 || backup_dir.empty()) {
    spdlog::critical(
        "--restore_from needs a positive backup id and --backup_dir");
    return EXIT_FAILURE;
  }
  const absl::Status restored = guestvoice::storage::RestoreBackup(
      backup_dir, static_cast<uint32_t>(backup), data_dir);
  if (!restored.ok()) {
    spdlog::critical("cannot restore: {}", restored.ToString());
    return EXIT_FAILURE;
  }
  const absl::StatusOr<bool> renewed = RenewRestoredClusterState(data_dir);
  if (!renewed.ok()) {
    spdlog::critical("restored backup {} into {}, but cannot open it: {}",
                     backup, data_dir, renewed.status().ToString());
    return EXIT_FAILURE;
  }
  spdlog::info(
      "restored backup {} of {} into {}{}; start guestvoiced on it to serve "
      "it",
      backup, backup_dir, data_dir,
      *renewed ? " as a store of its own (a cluster node's state: it applies "
                 "the command log from where the backup was made)"
               : "");
  return EXIT_SUCCESS;
}

}  // namespace

// The cluster options of the flags: nullopt for the embedded mode; an error
// saying which flag is wrong.
absl::StatusOr<std::optional<guestvoice::service::cluster::ClusterOptions>>
ClusterFlags() {
  namespace cluster = guestvoice::service::cluster;
  const std::string brokers = absl::GetFlag(FLAGS_cluster_brokers);
  const std::string file = absl::GetFlag(FLAGS_cluster_bootstrap_file);
  if (brokers.empty() && file.empty()) {
    if (!absl::GetFlag(FLAGS_cluster_node_id).empty() ||
        !absl::GetFlag(FLAGS_advertise).empty()) {
      return absl::InvalidArgumentError(
          "--cluster_node_id and --advertise need --cluster_brokers or "
          "--cluster_bootstrap_file");
    }
    return std::nullopt;
  }
  if (!brokers.empty() && !file.empty()) {
    return absl::InvalidArgumentError(
        "give --cluster_brokers or --cluster_bootstrap_file, not both");
  }
  cluster::ClusterOptions options;
  absl::StatusOr<std::string> servers =
      brokers.empty() ? cluster::ReadBootstrapFile(file)
                      : cluster::ParseBootstrapServers(brokers);
  if (!servers.ok()) return servers.status();
  options.bootstrap_servers = *std::move(servers);
  options.node_id = absl::GetFlag(FLAGS_cluster_node_id);
  if (options.node_id.empty()) {
    return absl::InvalidArgumentError(
        "a cluster node needs --cluster_node_id, unique in its cluster");
  }
  const std::string advertise = absl::GetFlag(FLAGS_advertise);
  if (absl::StatusOr<guestvoice::service::ListenAddress> address =
          guestvoice::service::ParseListenAddress("advertise", advertise,
                                                  "10.0.0.7:50051");
      advertise.empty() || !address.ok()) {
    return absl::InvalidArgumentError(
        "a cluster node needs --advertise=HOST:PORT, where other nodes and "
        "clients reach it");
  }
  options.linger = absl::GetFlag(FLAGS_cluster_linger);
  if (options.linger < absl::ZeroDuration() ||
      options.linger > absl::Seconds(1)) {
    return absl::InvalidArgumentError(
        "--cluster_linger must be between 0 and 1s");
  }
  options.session_timeout = absl::GetFlag(FLAGS_cluster_session_timeout);
  if (options.session_timeout < absl::Seconds(6) ||
      options.session_timeout > absl::Minutes(5)) {
    return absl::InvalidArgumentError(
        "--cluster_session_timeout must be between 6s and 5m");
  }
  const absl::Duration heartbeat =
      absl::GetFlag(FLAGS_cluster_heartbeat_interval);
  if (heartbeat <= absl::ZeroDuration() ||
      absl::GetFlag(FLAGS_cluster_liveness_timeout) <= heartbeat) {
    return absl::InvalidArgumentError(
        "--cluster_heartbeat_interval must be positive and shorter than "
        "--cluster_liveness_timeout (a few heartbeats long)");
  }
  return options;
}

int main(int argc, char** argv) {
  // With tcmalloc (GUESTVOICE_TCMALLOC) glibc's malloc is not used at all.
  // glibc raises its mmap threshold (up to 32 MiB) each time a large mapped
  // block is freed, so after RocksDB's first memtable flush its arena blocks
  // come from the malloc heaps instead, and fragments of them stay behind
  // when freed: under steady ingest the RSS crept up ~10 MiB/min while the
  // memory in use stayed flat (tests/load/README.md). A fixed threshold, at
  // glibc's initial value, keeps every large block in a mapping of its own
  // that goes back to the system when freed.
#if !GUESTVOICE_TCMALLOC
  mallopt(M_MMAP_THRESHOLD, 128 << 10);
#endif
  absl::SetProgramUsageMessage(
      "guestvoice gRPC server: feedback ingestion, guest loyalty and insights "
      "on an embedded RocksDB store.\n\n"
      "  guestvoiced --listen=127.0.0.1:50051 --data_dir=var/guestvoice\n\n"
      "On the first start on an empty data dir it creates organization "
      "\"default\" and writes an admin API key to <data_dir>/admin-api-key. "
      "SIGTERM or SIGINT shuts down gracefully.");
  absl::FlagsUsageConfig usage_config;
  usage_config.version_string = [] {
    return guestvoice::service::VersionText(
        guestvoice::service::RunningVersions());
  };
  absl::SetFlagsUsageConfig(usage_config);
  if (PrintedHelp(argc, argv)) return EXIT_SUCCESS;
  absl::ParseCommandLine(argc, argv);
  // Debian's Abseil checks every Mutex acquisition for lock-order cycles, a
  // debugging aid that cost ~4% of the server's CPU under ingest (perf). The
  // tests keep it on.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  guestvoice::service::InstallLoggers(absl::GetFlag(FLAGS_log_format));

  if (absl::GetFlag(FLAGS_restore_from) != 0) return Restore();

  const sigset_t shutdown_signals = BlockShutdownSignals();
  if (absl::GetFlag(FLAGS_max_message_bytes) <= 0 ||
      absl::GetFlag(FLAGS_block_cache_mb) <= 0 ||
      absl::GetFlag(FLAGS_read_threads) <= 0 ||
      absl::GetFlag(FLAGS_scan_threads) <= 0 ||
      absl::GetFlag(FLAGS_write_threads) <= 0 ||
      absl::GetFlag(FLAGS_call_queue_capacity) <= 0 ||
      absl::GetFlag(FLAGS_scan_queue_capacity) <= 0 ||
      absl::GetFlag(FLAGS_watch_log_items) <= 0 ||
      absl::GetFlag(FLAGS_watch_log_mb) <= 0 ||
      absl::GetFlag(FLAGS_max_watchers) <= 0 ||
      absl::GetFlag(FLAGS_max_watchers_per_key) <= 0 ||
      absl::GetFlag(FLAGS_max_watchers_per_organization) <= 0 ||
      absl::GetFlag(FLAGS_max_import_streams) <= 0 ||
      absl::GetFlag(FLAGS_max_import_streams_per_organization) <= 0 ||
      absl::GetFlag(FLAGS_max_import_items_per_stream) <= 0 ||
      absl::GetFlag(FLAGS_max_streams_per_connection) <= 0) {
    spdlog::critical(
        "--max_message_bytes, --block_cache_mb, --read_threads, "
        "--scan_threads, --write_threads, --call_queue_capacity, "
        "--scan_queue_capacity, --watch_log_items, "
        "--watch_log_mb, --max_watchers, --max_watchers_per_key, "
        "--max_watchers_per_organization, --max_import_streams, "
        "--max_import_streams_per_organization, "
        "--max_import_items_per_stream and --max_streams_per_connection "
        "must be positive");
    return EXIT_FAILURE;
  }
  if (absl::GetFlag(FLAGS_read_cache_mb) < 0) {
    spdlog::critical("--read_cache_mb must not be negative");
    return EXIT_FAILURE;
  }
  if (absl::GetFlag(FLAGS_rate_limit_calls_per_second) < 0 ||
      (absl::GetFlag(FLAGS_rate_limit_calls_per_second) > 0 &&
       absl::GetFlag(FLAGS_rate_limit_burst) < 1)) {
    spdlog::critical(
        "--rate_limit_calls_per_second must not be negative, and "
        "--rate_limit_burst must be at least 1 when there is a rate limit");
    return EXIT_FAILURE;
  }
  if (!(absl::GetFlag(FLAGS_log_sample_rate) >= 0 &&
        absl::GetFlag(FLAGS_log_sample_rate) <= 1)) {
    spdlog::critical("--log_sample_rate must be between 0 and 1");
    return EXIT_FAILURE;
  }
  if (absl::GetFlag(FLAGS_backup_retention) < 0 ||
      absl::GetFlag(FLAGS_backup_retention) > kMaxBackupRetention) {
    spdlog::critical("--backup_retention must be between 0 and {}",
                     kMaxBackupRetention);
    return EXIT_FAILURE;
  }

  guestvoice::service::ServerOptions options{
      .listen = absl::GetFlag(FLAGS_listen),
      .data_dir = absl::GetFlag(FLAGS_data_dir),
      .page_token_secret_file = absl::GetFlag(FLAGS_page_token_secret_file),
      .tls_cert_file = absl::GetFlag(FLAGS_tls_cert_file),
      .tls_key_file = absl::GetFlag(FLAGS_tls_key_file),
      .tls_client_ca_file = absl::GetFlag(FLAGS_tls_client_ca_file),
      .allow_insecure_non_loopback =
          absl::GetFlag(FLAGS_allow_insecure_non_loopback),
      .max_message_bytes = absl::GetFlag(FLAGS_max_message_bytes),
      .sync_writes = absl::GetFlag(FLAGS_sync_writes),
      .block_cache_bytes =
          static_cast<size_t>(absl::GetFlag(FLAGS_block_cache_mb)) << 20,
      .read_cache_bytes =
          static_cast<size_t>(absl::GetFlag(FLAGS_read_cache_mb)) << 20,
      .backup_dir = absl::GetFlag(FLAGS_backup_dir),
      .backup_retention =
          static_cast<uint32_t>(absl::GetFlag(FLAGS_backup_retention)),
      .metrics_listen = absl::GetFlag(FLAGS_metrics_listen),
      .call_log =
          guestvoice::service::CallLog::Options{
              .format = absl::GetFlag(FLAGS_log_format),
              .sample_rate = absl::GetFlag(FLAGS_log_sample_rate)},
      .watchers = {.log = {.max_items = static_cast<size_t>(
                               absl::GetFlag(FLAGS_watch_log_items)),
                           .max_bytes = static_cast<size_t>(
                                            absl::GetFlag(FLAGS_watch_log_mb))
                                        << 20},
                   .max_watchers =
                       static_cast<size_t>(absl::GetFlag(FLAGS_max_watchers)),
                   .max_watchers_per_key = static_cast<size_t>(
                       absl::GetFlag(FLAGS_max_watchers_per_key)),
                   .max_watchers_per_organization = static_cast<size_t>(
                       absl::GetFlag(FLAGS_max_watchers_per_organization))},
      .imports = {.max_streams = static_cast<size_t>(
                      absl::GetFlag(FLAGS_max_import_streams)),
                  .max_streams_per_organization = static_cast<size_t>(
                      absl::GetFlag(FLAGS_max_import_streams_per_organization)),
                  .max_items_per_stream = static_cast<size_t>(
                      absl::GetFlag(FLAGS_max_import_items_per_stream))},
      .max_streams_per_connection =
          absl::GetFlag(FLAGS_max_streams_per_connection),
      .rate_limit = {.calls_per_second =
                         absl::GetFlag(FLAGS_rate_limit_calls_per_second),
                     .burst = absl::GetFlag(FLAGS_rate_limit_burst)},
      .read_threads = static_cast<size_t>(absl::GetFlag(FLAGS_read_threads)),
      .scan_threads = static_cast<size_t>(absl::GetFlag(FLAGS_scan_threads)),
      .write_threads = static_cast<size_t>(absl::GetFlag(FLAGS_write_threads)),
      .call_queue_capacity =
          static_cast<size_t>(absl::GetFlag(FLAGS_call_queue_capacity)),
      .scan_queue_capacity =
          static_cast<size_t>(absl::GetFlag(FLAGS_scan_queue_capacity)),
  };
  absl::StatusOr<std::optional<guestvoice::service::cluster::ClusterOptions>>
      cluster = ClusterFlags();
  if (!cluster.ok()) {
    spdlog::critical("{}", std::string(cluster.status().message()));
    return EXIT_FAILURE;
  }
  options.cluster = *std::move(cluster);
  options.cluster_start_timeout = absl::GetFlag(FLAGS_cluster_start_timeout);
  options.cluster_node_map = {
      .advertise_address = absl::GetFlag(FLAGS_advertise),
      .heartbeat_interval = absl::GetFlag(FLAGS_cluster_heartbeat_interval),
      .liveness_timeout = absl::GetFlag(FLAGS_cluster_liveness_timeout)};
  if (options.cluster.has_value()) {
    spdlog::info("cluster node {} (advertised at {}) on brokers {}: connecting",
                 options.cluster->node_id, absl::GetFlag(FLAGS_advertise),
                 options.cluster->bootstrap_servers);
  }
  auto server = guestvoice::service::Server::Start(options);
  if (!server.ok()) {
    spdlog::critical("cannot start: {}", server.status().ToString());
    return EXIT_FAILURE;
  }
  if (const guestvoice::service::StoreUpgrade& upgrade = (*server)->upgrade();
      upgrade.from_schema_version != 0) {
    spdlog::info(
        "upgraded the store from schema version {} to {}: rebuilt the "
        "pre-aggregates of {} feedback items, deleted {} case-index entries "
        "of open items, put {} attention-queue entries, recounted {} "
        "repeats; spelled handles anew: moved {} authors, merged {} ({} of "
        "them linked to another guest); respelled {} identities, merged {}, "
        "gave {} to another guest",
        upgrade.from_schema_version, guestvoice::storage::Store::kSchemaVersion,
        upgrade.feedback.items_reaggregated,
        upgrade.feedback.open_case_entries_deleted,
        upgrade.feedback.attention_entries_put,
        upgrade.feedback.repeats_recounted, upgrade.feedback.authors.moved,
        upgrade.feedback.authors.merged,
        upgrade.feedback.authors.to_another_guest, upgrade.identities.respelled,
        upgrade.identities.merged, upgrade.identities.to_another_guest);
  }
  if ((*server)->bootstrap().created) {
    spdlog::info(
        "first start: created organization \"default\" and an admin API key "
        "in {} (mode 0600)",
        (*server)->bootstrap().admin_key_file);
  }
  spdlog::info("guestvoiced listening on port {} (data dir {})",
               (*server)->port(), options.data_dir);
  if ((*server)->metrics_port() != 0) {
    spdlog::info("metrics on port {} (GET /metrics)",
                 (*server)->metrics_port());
  }

  int signal = 0;
  sigwait(&shutdown_signals, &signal);
  spdlog::info("signal {}: shutting down", signal);
  const absl::Status closed =
      (*server)->Shutdown(absl::GetFlag(FLAGS_shutdown_grace));
  if (!closed.ok()) {
    spdlog::error("shutdown: {}", closed.ToString());
    return EXIT_FAILURE;
  }
  spdlog::info("stopped cleanly");
  return EXIT_SUCCESS;
}
