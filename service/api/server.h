#ifndef GUESTVOICE_SERVICE_API_SERVER_H_
#define GUESTVOICE_SERVICE_API_SERVER_H_

#include <grpcpp/channel.h>
#include <grpcpp/server.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/bounded_executor.h"
#include "common/clock.h"
#include "common/duration_histogram.h"
#include "common/striped_lock.h"
#include "service/api/authenticator.h"
#include "service/api/call_forwarder.h"
#include "service/api/call_log.h"
#include "service/api/call_metrics.h"
#include "service/api/call_recorder.h"
#include "service/api/cluster_node.h"
#include "service/api/counting_publisher.h"
#include "service/api/feedback_watchers.h"
#include "service/api/import_streams.h"
#include "service/api/metrics_endpoint.h"
#include "service/api/server_metrics.h"
#include "service/cluster/applied_times.h"
#include "service/cluster/call_router.h"
#include "service/cluster/kafka_config.h"
#include "service/cluster/mutation_runner.h"
#include "service/cluster/mutation_table.h"
#include "service/core/id_source.h"
#include "service/feedback/reanalysis.h"
#include "service/feedback/reanalysis_runner.h"
#include "service/feedback/schema_upgrade.h"
#include "service/feedback/voices.h"
#include "service/loyalty/identity_respelling.h"
#include "service/tenancy/api_key_verifier.h"
#include "service/tenancy/bootstrap.h"
#include "service/tenancy/store_backups.h"
#include "storage/backups.h"
#include "storage/store.h"

namespace guestvoice::service {

struct ServerOptions {
  // HOST:PORT to listen on; port 0 picks a free port (see Server::port).
  std::string listen = "127.0.0.1:50051";
  // The RocksDB store's directory.
  std::string data_dir;
  // A file holding the secret page tokens are signed with, shared by the
  // nodes of a cluster so that a page token from one node is accepted by the
  // next; "" keeps the store's own secret (storage::StoreOptions::
  // shared_secret). Its text, less trailing whitespace, must be at least 32
  // bytes. Initialized, so that designated initializers may leave it out.
  std::string page_token_secret_file = "";
  // PEM server certificate chain and private key; both or neither.
  std::string tls_cert_file;
  std::string tls_key_file;
  // PEM certificates of the authorities whose client certificates are
  // accepted. When set, every client must present a certificate one of them
  // signed (mutual TLS); it needs tls_cert_file and tls_key_file.
  std::string tls_client_ca_file;
  // Allows plaintext on an address other than loopback. Without it such a
  // listen address needs TLS.
  bool allow_insecure_non_loopback = false;
  // Largest request and response message accepted, in bytes.
  int max_message_bytes = 4 << 20;
  // fsync the WAL before acknowledging a write (group commit). Off on a
  // cluster node whatever this says: there the command log is what makes a
  // write durable.
  bool sync_writes = true;
  // RocksDB block cache size.
  size_t block_cache_bytes = size_t{256} << 20;
  // Decoded aggregates, interval sums and recent quotes kept in memory
  // (storage/read_cache.h).
  size_t read_cache_bytes = size_t{128} << 20;
  // Where AdminService.CreateBackup puts backups; "" makes none. It must not
  // hold another store's backups (storage::Backups::Open).
  std::string backup_dir;
  // Backups kept: each new one deletes the oldest beyond this (0 keeps all).
  uint32_t backup_retention = 7;
  // What backups are written through: RocksDB's default Env (the local
  // file systems) when null. Tests give one whose disk fills up. Must
  // outlive the server.
  rocksdb::Env* backup_env = nullptr;
  // HOST:PORT of the Prometheus endpoint (GET /metrics, plain HTTP); port 0
  // picks a free port (see Server::metrics_port); "" serves no metrics.
  // Initialized, so that designated initializers may leave it out.
  std::string metrics_listen = "";
  // A log line per failed call and per sampled call; none when unset.
  std::optional<CallLog::Options> call_log = std::nullopt;
  // Time source; the system clock when null. Must outlive the server.
  const Clock* clock = nullptr;
  // The WatchFeedback log shared by every watcher, and the caps on watchers.
  FeedbackWatchers::Limits watchers;
  // The caps on ImportFeedback streams.
  ImportStreams::Limits imports;
  // HTTP/2 streams (calls) one connection may have open at once.
  int max_streams_per_connection = 100;
  // Calls each API key may start: a token bucket per key.
  KeyRateLimiter::Limits rate_limit;
  // Workers that run point reads, scans and writes (gRPC's own callback
  // threads never touch the store; unary_call.h CallWork). Many writers let
  // concurrent writes share one WAL fsync; they mostly wait on the disk, not
  // the CPU. Scans are CPU-bound (and an organization-wide one adds a helper
  // thread of its own), so one worker per core is what pays.
  size_t read_threads = 4;
  size_t scan_threads = 2;
  size_t write_threads = 32;
  // Calls the read and write executors queue beyond those running before
  // they answer RESOURCE_EXHAUSTED. One organization's calls hold at most
  // half of a queue, and the organizations with calls queued take turns
  // (common/bounded_executor.h's lanes).
  size_t call_queue_capacity = 4096;
  // The same for scans, which take far longer each: a queued scan would wait
  // longer than most callers' deadlines behind more than a few hundred.
  size_t scan_queue_capacity = 256;
  // Set: the server is a node of a cluster (docs/cluster.md). Every write
  // goes through the cluster's command log, the node applies every
  // partition of it, health is NOT_SERVING until it has caught up, and the
  // first-start bootstrap is one command for the whole cluster.
  std::optional<cluster::ClusterOptions> cluster;
  // How long a cluster node keeps retrying to reach its cluster at start.
  absl::Duration cluster_start_timeout = absl::Seconds(60);
  // A cluster node's entry in the node map (its advertise address).
  ClusterNode::NodeMapOptions cluster_node_map;
  // Where unary calls about an organization are answered, in place of a
  // cluster node's own router: tests forward calls between embedded
  // servers with it. Must outlive the server.
  const cluster::CallRouter* call_router = nullptr;
};

// What Server::Start did to bring a store of an older schema up to date.
struct StoreUpgrade {
  // 0 when the store already had this build's schema.
  uint32_t from_schema_version = 0;
  // What the upgrade changed in the feedback data.
  FeedbackSchemaUpgrade feedback;
  // Handle identities spelled anew (schema 8).
  IdentityRespelling identities;
};

// guestvoiced: the store, the gRPC services, health and reflection.
class Server {
 public:
  // Opens the store (bootstrapping an empty one, upgrading one of an older
  // schema before anything reads it), then starts serving.
  // Errors: INVALID_ARGUMENT for bad options (a non-loopback plaintext
  // address, half a TLS configuration, unreadable TLS files, an address or
  // metrics address that cannot be bound), and whatever Store::Open and
  // Backups::Open refuse. Every option is checked (addresses bound or
  // probed, the backup dir checked) before the store is opened, so a refused
  // start on a new data dir leaves it uncreated.
  static absl::StatusOr<std::unique_ptr<Server>> Start(ServerOptions options);

  ~Server();

  // The port actually bound.
  int port() const { return port_; }
  // The metrics endpoint's port; 0 when it serves no metrics.
  int metrics_port() const {
    return metrics_endpoint_ != nullptr ? metrics_endpoint_->port() : 0;
  }
  const BootstrapResult& bootstrap() const { return bootstrap_; }
  const StoreUpgrade& upgrade() const { return upgrade_; }

  // The open store and the organization locks, for tools and tests that work
  // below the API (e.g. re-attributing feedback as LoyaltyService does).
  storage::Store& store() { return *store_; }
  StripedLock& organization_locks() { return organization_locks_; }

  // The workers of scans (insight queries, filtered listings), for tests
  // that hold them busy.
  BoundedExecutor& scan_executor() { return *scans_; }

  // The cache of verified API keys, for tests that make it forget a key.
  ApiKeyVerifier& api_key_verifier() { return *api_key_verifier_; }

  // Runs feedback re-analysis operations (AdminService.ReanalyzeFeedback).
  ReanalysisRunner& reanalysis_runner() { return *reanalysis_runner_; }

  // A channel to this server that bypasses the network (for tests and tools).
  std::shared_ptr<grpc::Channel> InProcessChannel();

  // The open WatchFeedback streams and the log they share.
  const FeedbackWatchers& feedback_watchers() const {
    return *feedback_watchers_;
  }

  // Marks every service NOT_SERVING, ends WatchFeedback streams with
  // UNAVAILABLE (they would never finish on their own), stops accepting
  // calls, lets in-flight calls finish for up to `grace` (then cancels them),
  // and closes the store.
  // Idempotent.
  absl::Status Shutdown(absl::Duration grace);

 private:
  Server() = default;

  ServerOptions options_;
  SystemClock system_clock_;
  const Clock* clock_ = nullptr;
  SystemIdSource ids_;
  // What the store's request records expire by in the cluster mode; before
  // the store, whose compactions read it.
  std::unique_ptr<cluster::AppliedTimes> applied_times_;
  std::unique_ptr<storage::Store> store_;
  // After store_, so it goes first; null without a backup_dir.
  std::unique_ptr<storage::Backups> backups_;
  StripedLock locks_{1024};
  StripedLock organization_locks_{64};
  std::unique_ptr<ApiKeyVerifier> api_key_verifier_;
  std::unique_ptr<KeyRateLimiter> rate_limiter_;
  std::unique_ptr<Authenticator> authenticator_;
  // Every call counts (and logs) itself here, and every stored item in
  // counting_publisher_ on its way to the watchers.
  std::unique_ptr<CallMetrics> call_metrics_;
  std::unique_ptr<CallLog> call_log_;
  std::unique_ptr<CallRecorder> call_recorder_;
  std::unique_ptr<CountingPublisher> counting_publisher_;
  // The time each ingested item's analysis took.
  DurationHistogram analysis_times_{kAnalysisDurationBounds};
  // Before grpc_server_: import calls give back their slots when done.
  std::unique_ptr<ImportStreams> import_streams_;
  // Before grpc_server_, so it is destroyed after every watch call is done.
  std::unique_ptr<FeedbackWatchers> feedback_watchers_;
  // Before grpc_server_ too: every call's task finishes its call, so the
  // executors drain before the store closes.
  std::unique_ptr<BoundedExecutor> reads_;
  std::unique_ptr<BoundedExecutor> scans_;
  std::unique_ptr<BoundedExecutor> writes_;
  std::unique_ptr<FeedbackReanalysis> reanalysis_;
  // Stopped after the calls that may queue work on it, before the store
  // closes.
  std::unique_ptr<ReanalysisRunner> reanalysis_runner_;
  std::unique_ptr<StoreBackups> store_backups_;
  // Every mutation's domain call, and what runs them: at once (embedded),
  // or the cluster node's runner.
  std::unique_ptr<cluster::MutationTable> mutation_table_;
  std::unique_ptr<cluster::EmbeddedMutations> embedded_mutations_;
  // Stopped after the calls (which wait on it), before the store closes.
  std::unique_ptr<ClusterNode> cluster_node_;
  // Forwards calls another node answers; before grpc_server_, whose calls
  // it serves. Null where no call is forwarded.
  std::unique_ptr<CallForwarder> call_forwarder_;
  std::vector<std::unique_ptr<grpc::Service>> services_;
  std::vector<std::string> service_names_;
  std::unique_ptr<grpc::Server> grpc_server_;
  // Reads the store: stopped first.
  std::unique_ptr<MetricsEndpoint> metrics_endpoint_;
  BootstrapResult bootstrap_;
  StoreUpgrade upgrade_;
  int port_ = 0;
  bool shut_down_ = false;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_SERVER_H_
