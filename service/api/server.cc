#include "service/api/server.h"

#include <arpa/inet.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <optional>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "analysis/feedback_analyzer.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "grpc/health/v1/health.pb.h"
#include "service/api/admin_service.h"
#include "service/api/feedback_service.h"
#include "service/api/hotel_service.h"
#include "service/api/insight_service.h"
#include "service/api/listen_address.h"
#include "service/api/loyalty_service.h"
#include "service/api/server_metrics.h"
#include "service/cluster/cluster_reanalysis.h"
#include "service/cluster/cluster_stamp.h"
#include "service/core/handle_spelling.h"
#include "service/core/request_log.h"
#include "service/feedback/schema_upgrade.h"

namespace guestvoice::service {
namespace {

// Splits "host:port" / "[v6]:port" and tells whether the host is loopback.
absl::StatusOr<bool> IsLoopbackAddress(std::string_view listen) {
  ASSIGN_OR_RETURN(ListenAddress address,
                   ParseListenAddress("listen", listen, "127.0.0.1:50051"));
  if (address.host == "localhost") return true;
  const std::string& host_string = address.host;
  in_addr v4;
  if (inet_pton(AF_INET, host_string.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6;
  if (inet_pton(AF_INET6, host_string.c_str(), &v6) == 1) {
    return IN6_IS_ADDR_LOOPBACK(&v6);
  }
  return false;  // A host name: it may resolve to anything.
}

absl::StatusOr<std::string> ReadFile(const std::string& path,
                                     std::string_view flag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", AbslView(flag), "=", path, " cannot be read"));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// The PEM files of --tls_cert_file, --tls_key_file and --tls_client_ca_file,
// read once: what the server presents and, on a cluster node, what it
// forwards calls to its peers with.
struct TlsFiles {
  std::string cert_chain;
  std::string private_key;
  // "" without --tls_client_ca_file.
  std::string client_ca;
};

// The TLS files the options name, after checking the flags go together;
// nullopt for plaintext, which only a loopback address (or
// --allow_insecure_non_loopback) may serve.
absl::StatusOr<std::optional<TlsFiles>> ReadTlsFiles(
    const ServerOptions& options) {
  const bool has_cert = !options.tls_cert_file.empty();
  const bool has_key = !options.tls_key_file.empty();
  if (has_cert != has_key) {
    return absl::InvalidArgumentError(
        "--tls_cert_file and --tls_key_file go together");
  }
  if (!options.tls_client_ca_file.empty() && !has_cert) {
    return absl::InvalidArgumentError(
        "--tls_client_ca_file needs --tls_cert_file and --tls_key_file: "
        "clients are asked for certificates only over TLS");
  }
  if (!has_cert) {
    ASSIGN_OR_RETURN(bool loopback, IsLoopbackAddress(options.listen));
    if (!loopback && !options.allow_insecure_non_loopback) {
      return absl::InvalidArgumentError(absl::StrCat(
          "refusing plaintext on non-loopback address ", options.listen,
          ": give --tls_cert_file and --tls_key_file, or "
          "--allow_insecure_non_loopback"));
    }
    return std::nullopt;
  }
  TlsFiles files;
  ASSIGN_OR_RETURN(files.cert_chain,
                   ReadFile(options.tls_cert_file, "tls_cert_file"));
  ASSIGN_OR_RETURN(files.private_key,
                   ReadFile(options.tls_key_file, "tls_key_file"));
  if (!options.tls_client_ca_file.empty()) {
    ASSIGN_OR_RETURN(files.client_ca, ReadFile(options.tls_client_ca_file,
                                               "tls_client_ca_file"));
  }
  return files;
}

std::shared_ptr<grpc::ServerCredentials> ServerCredentialsFor(
    const std::optional<TlsFiles>& tls) {
  if (!tls.has_value()) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions ssl;
  ssl.pem_key_cert_pairs.push_back({tls->private_key, tls->cert_chain});
  if (!tls->client_ca.empty()) {
    ssl.pem_root_certs = tls->client_ca;
    ssl.client_certificate_request =
        GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(ssl);
}

// What a cluster node forwards calls to its peers over: plaintext when it
// serves plaintext; else TLS trusting --tls_client_ca_file (the authority of
// the cluster's own certificates, which signs the nodes' too) and presenting
// this node's certificate, as the peers require of clients; the system's
// authorities without it. A peer's certificate must name the address it
// advertises.
std::shared_ptr<grpc::ChannelCredentials> PeerCredentialsFor(
    const std::optional<TlsFiles>& tls) {
  if (!tls.has_value()) return grpc::InsecureChannelCredentials();
  grpc::SslCredentialsOptions ssl;
  if (!tls->client_ca.empty()) {
    ssl.pem_root_certs = tls->client_ca;
    ssl.pem_cert_chain = tls->cert_chain;
    ssl.pem_private_key = tls->private_key;
  }
  return grpc::SslCredentials(ssl);
}

// --page_token_secret_file's secret, or "" without one.
absl::StatusOr<std::string> ReadPageTokenSecret(const std::string& path) {
  if (path.empty()) return std::string();
  ASSIGN_OR_RETURN(std::string contents,
                   ReadFile(path, "page_token_secret_file"));
  // A trailing newline is what editors and `openssl rand -base64 32 > FILE`
  // leave, not part of the secret.
  absl::StripTrailingAsciiWhitespace(&contents);
  if (contents.size() < storage::kMinSharedSecretBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--page_token_secret_file=", path, " holds ", contents.size(),
        " bytes, needs at least ", storage::kMinSharedSecretBytes,
        " (make one with: openssl rand -base64 32 > ", path, ")"));
  }
  return contents;
}

}  // namespace

absl::StatusOr<std::unique_ptr<Server>> Server::Start(ServerOptions options) {
  // Every check of a flag comes before the store is opened, so that a start
  // refused for a bad flag leaves a new data dir uncreated.
  ASSIGN_OR_RETURN(const std::optional<TlsFiles> tls, ReadTlsFiles(options));
  ASSIGN_OR_RETURN(
      const ListenAddress listen_address,
      ParseListenAddress("listen", options.listen, "127.0.0.1:50051"));
  RETURN_IF_ERROR(CheckCanBind("listen", options.listen, listen_address));
  ASSIGN_OR_RETURN(std::string page_token_secret,
                   ReadPageTokenSecret(options.page_token_secret_file));
  std::unique_ptr<Server> server(new Server());
  server->options_ = std::move(options);
  const ServerOptions& opts = server->options_;
  server->clock_ = opts.clock != nullptr ? opts.clock : &server->system_clock_;
  const absl::Time start_time = server->clock_->Now();
  if (!opts.metrics_listen.empty()) {
    // Bound now, served once what it reports exists.
    ASSIGN_OR_RETURN(server->metrics_endpoint_,
                     MetricsEndpoint::Bind(opts.metrics_listen));
  }
  if (!opts.backup_dir.empty()) {
    RETURN_IF_ERROR(storage::CheckBackupDirBeforeStoreOpens(opts.backup_dir,
                                                            opts.data_dir));
  }

  // Request records expire by the applied time on a cluster node: its state
  // must not depend on when it applied the log.
  RequestExpiryNow expiry_now = ExpiryByClock(*server->clock_);
  if (opts.cluster.has_value()) {
    server->applied_times_ = std::make_unique<cluster::AppliedTimes>();
    expiry_now = [times =
                      server->applied_times_.get()](std::string_view org_id) {
      return times->ExpiryNow(org_id);
    };
  }
  RETURN_IF_ERROR(CheckHandleSpelling());
  ASSIGN_OR_RETURN(
      server->store_,
      storage::Store::Open(
          {.data_dir = opts.data_dir,
           // A cluster node's state is a copy of the command log, which
           // holds every acknowledged write (acks=all): a write lost from
           // its unsynced WAL tail takes the partition's offset with it in
           // the same WriteBatch, so the node applies it again on restart.
           .sync_writes = opts.sync_writes && !opts.cluster.has_value(),
           .block_cache_bytes = opts.block_cache_bytes,
           .read_cache_bytes = opts.read_cache_bytes,
           .expiring_families = {ExpiringRequestRecords(std::move(expiry_now))},
           .shared_secret = std::move(page_token_secret)}));
  if (server->store_->needs_upgrade()) {
    // Every schema but 8 changed only what the feedback items determine;
    // 8 spelled handles anew, which guests' identities are too.
    server->upgrade_.from_schema_version =
        server->store_->schema_stamp().schema_version;
    ASSIGN_OR_RETURN(
        server->upgrade_.feedback,
        UpgradeFeedbackSchema(*server->store_,
                              server->upgrade_.from_schema_version));
    if (server->upgrade_.from_schema_version < 8) {
      ASSIGN_OR_RETURN(server->upgrade_.identities,
                       RespellHandleIdentities(*server->store_));
    }
    RETURN_IF_ERROR(server->store_->FinishUpgrade());
  }
  if (!opts.backup_dir.empty()) {
    ASSIGN_OR_RETURN(server->backups_,
                     storage::Backups::Open(opts.backup_dir, *server->store_,
                                            opts.backup_env));
  }
  // A cluster bootstraps once for all its nodes, by command (ClusterNode).
  if (!opts.cluster.has_value()) {
    RETURN_IF_ERROR(cluster::CheckStateForEmbedded(*server->store_));
    ASSIGN_OR_RETURN(
        server->bootstrap_,
        BootstrapIfEmpty(*server->store_, *server->clock_, server->ids_));
  }
  server->api_key_verifier_ = std::make_unique<ApiKeyVerifier>(*server->store_);
  server->rate_limiter_ =
      std::make_unique<KeyRateLimiter>(opts.rate_limit, *server->clock_);
  server->authenticator_ = std::make_unique<Authenticator>(
      *server->api_key_verifier_, *server->rate_limiter_, *server->clock_);

  // Each organization's calls queue in a lane of their own and take turns
  // with the others', and hold at most half of a queue (rounded up), as an
  // organization holds at most half of the import and watch streams.
  const auto make_executor = [](size_t threads, size_t queue_capacity) {
    return std::make_unique<BoundedExecutor>(threads, queue_capacity,
                                             (queue_capacity + 1) / 2);
  };
  server->reads_ = make_executor(opts.read_threads, opts.call_queue_capacity);
  server->scans_ = make_executor(opts.scan_threads, opts.scan_queue_capacity);
  server->writes_ = make_executor(opts.write_threads, opts.call_queue_capacity);

  server->service_names_ = {v1::HotelService::service_full_name(),
                            v1::AdminService::service_full_name(),
                            v1::FeedbackService::service_full_name(),
                            v1::LoyaltyService::service_full_name(),
                            v1::InsightService::service_full_name()};
  server->call_metrics_ = std::make_unique<CallMetrics>(server->service_names_);
  if (opts.call_log.has_value()) {
    server->call_log_ = std::make_unique<CallLog>(*opts.call_log);
  }
  server->call_recorder_ = std::make_unique<CallRecorder>(
      *server->call_metrics_, server->call_log_.get());

  const DomainContext domain{*server->store_, server->locks_, *server->clock_,
                             server->ids_, server->organization_locks_};
  server->reanalysis_ = std::make_unique<FeedbackReanalysis>(
      domain, analysis::FeedbackAnalyzer::Default());
  // Started below, with the batches of the server's mode.
  server->reanalysis_runner_ = std::make_unique<ReanalysisRunner>();
  server->store_backups_ = std::make_unique<StoreBackups>(
      server->backups_.get(), opts.backup_retention);
  server->feedback_watchers_ =
      std::make_unique<FeedbackWatchers>(opts.watchers, *server->clock_);
  // A revoked key's watch streams end with it (on every node of a cluster,
  // as each applies the revocation).
  server->api_key_verifier_->OnForget(
      [watchers =
           server->feedback_watchers_.get()](std::string_view api_key_name) {
        watchers->EndWatchesOfKey(api_key_name);
      });
  server->import_streams_ = std::make_unique<ImportStreams>(opts.imports);
  server->counting_publisher_ =
      std::make_unique<CountingPublisher>(*server->feedback_watchers_);
  server->mutation_table_ = std::make_unique<cluster::MutationTable>(
      cluster::MutationDeps{.api_key_verifier = *server->api_key_verifier_,
                            .publisher = *server->counting_publisher_,
                            .analyzer = analysis::FeedbackAnalyzer::Default(),
                            .analysis_times = &server->analysis_times_,
                            .reanalysis = server->reanalysis_runner_.get(),
                            .backups = server->store_backups_.get()});
  cluster::MutationRunner* mutations = nullptr;
  cluster::AppliedProgress* applied = nullptr;
  std::unique_ptr<ReanalysisBatches> reanalysis_batches;
  if (opts.cluster.has_value()) {
    ASSIGN_OR_RETURN(
        server->cluster_node_,
        ClusterNode::Start(*opts.cluster, opts.cluster_start_timeout,
                           opts.cluster_node_map, *server->mutation_table_,
                           domain, *server->applied_times_));
    mutations = &server->cluster_node_->mutations();
    applied = &server->cluster_node_->progress();
    reanalysis_batches = std::make_unique<cluster::ClusterReanalysisBatches>(
        server->cluster_node_->ownership(),
        server->cluster_node_->partition_count(), domain,
        analysis::FeedbackAnalyzer::Default(), *mutations);
  } else {
    server->embedded_mutations_ = std::make_unique<cluster::EmbeddedMutations>(
        *server->mutation_table_, domain);
    mutations = server->embedded_mutations_.get();
    reanalysis_batches =
        std::make_unique<LocalReanalysisBatches>(*server->reanalysis_, domain);
  }
  // Resumes the operations a previous run left unfinished.
  RETURN_IF_ERROR(server->reanalysis_runner_->Start(
      *server->store_, std::move(reanalysis_batches)));

  const cluster::CallRouter* router = opts.call_router;
  if (router == nullptr && server->cluster_node_ != nullptr) {
    router = &server->cluster_node_->router();
  }
  if (router != nullptr) {
    server->call_forwarder_ =
        std::make_unique<CallForwarder>(CallForwarder::Options{
            .node_id =
                opts.cluster.has_value() ? opts.cluster->node_id : opts.listen,
            .credentials = PeerCredentialsFor(tls),
            .max_message_bytes = opts.max_message_bytes});
  }
  const ServiceDeps deps{.domain = domain,
                         .authenticator = *server->authenticator_,
                         .api_key_verifier = *server->api_key_verifier_,
                         .reads = *server->reads_,
                         .scans = *server->scans_,
                         .writes = *server->writes_,
                         .calls = *server->call_recorder_,
                         .mutations = *mutations,
                         .applied = applied,
                         .cluster_node = server->cluster_node_.get(),
                         .router = router,
                         .forwarder = server->call_forwarder_.get()};
  server->services_.push_back(std::make_unique<HotelService>(deps));
  server->services_.push_back(std::make_unique<AdminService>(
      deps, start_time, *server->store_backups_));
  server->services_.push_back(std::make_unique<FeedbackService>(
      deps, *server->feedback_watchers_, *server->import_streams_));
  server->services_.push_back(std::make_unique<LoyaltyService>(deps));
  server->services_.push_back(std::make_unique<InsightService>(deps));

  if (server->metrics_endpoint_ != nullptr) {
    server->metrics_endpoint_->Serve([raw = server.get()] {
      return MetricsText({.calls = *raw->call_metrics_,
                          .ingested = *raw->counting_publisher_,
                          .analysis_times = raw->analysis_times_,
                          .watchers = *raw->feedback_watchers_,
                          .rate_limiter = *raw->rate_limiter_,
                          .store = *raw->store_});
    });
  }

  // Reflection describes only what the server's descriptor pool holds: touch
  // the health messages so grpc.health.v1.Health can be described too.
  grpc::health::v1::HealthCheckRequest::descriptor();
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  grpc::ServerBuilder builder;
  builder.AddListeningPort(opts.listen, ServerCredentialsFor(tls),
                           &server->port_);
  // gRPC sets SO_REUSEPORT by default, which would let a second server share
  // a port already in use, each taking some of its connections.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  // Peers ping while a call they forwarded waits (CallForwarder); gRPC's
  // default would take pings every 20 s on a call that has sent nothing
  // yet (a long scan) as abuse and close the connection.
  builder.AddChannelArgument(
      GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS,
      static_cast<int>(absl::ToInt64Milliseconds(kPeerKeepaliveTime / 2)));
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS,
                             opts.max_streams_per_connection);
  builder.SetMaxReceiveMessageSize(opts.max_message_bytes);
  builder.SetMaxSendMessageSize(opts.max_message_bytes);
  for (const auto& service : server->services_) {
    builder.RegisterService(service.get());
  }
  server->grpc_server_ = builder.BuildAndStart();
  if (server->grpc_server_ == nullptr || server->port_ == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot listen on ", opts.listen,
                     ": the address is invalid or already in use"));
  }
  if (server->call_forwarder_ != nullptr) {
    grpc::ChannelArguments arguments;
    arguments.SetMaxReceiveMessageSize(opts.max_message_bytes);
    arguments.SetMaxSendMessageSize(opts.max_message_bytes);
    server->call_forwarder_->SetLocalChannel(
        server->grpc_server_->InProcessChannel(arguments));
  }
  grpc::HealthCheckServiceInterface* health =
      server->grpc_server_->GetHealthCheckService();
  // A cluster node serves once it has caught up with the log.
  const bool serving = server->cluster_node_ == nullptr;
  for (const std::string& name : server->service_names_) {
    health->SetServingStatus(name, serving);
  }
  health->SetServingStatus("", serving);
  if (!serving) {
    RETURN_IF_ERROR(server->cluster_node_->PublishInNodeMap(server->port_));
    server->cluster_node_->WhenCaughtUp(
        [health, names = server->service_names_](const absl::Status& status) {
          if (!status.ok()) {
            spdlog::error("cluster: this node cannot serve: {}",
                          status.ToString());
            return;
          }
          spdlog::info("cluster: caught up with the command log; serving");
          for (const std::string& name : names) {
            health->SetServingStatus(name, true);
          }
          health->SetServingStatus("", true);
        });
  }
  return server;
}

Server::~Server() { Shutdown(absl::ZeroDuration()).IgnoreError(); }

std::shared_ptr<grpc::Channel> Server::InProcessChannel() {
  return grpc_server_->InProcessChannel(grpc::ChannelArguments());
}

absl::Status Server::Shutdown(absl::Duration grace) {
  if (shut_down_) return absl::OkStatus();
  shut_down_ = true;
  metrics_endpoint_.reset();
  if (grpc_server_ != nullptr) {
    // Load balancers and probes see NOT_SERVING before connections close.
    grpc_server_->GetHealthCheckService()->SetServingStatus(false);
    feedback_watchers_->Shutdown();
    if (call_forwarder_ != nullptr) call_forwarder_->EndWatches();
    grpc_server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
    grpc_server_->Wait();
    // The forwarder outlives the server; its channel to it must not.
    if (call_forwarder_ != nullptr) call_forwarder_->SetLocalChannel(nullptr);
  }
  // Every call is finished, so the executors hold no task that needs the
  // store: join them before closing it.
  reads_.reset();
  scans_.reset();
  writes_.reset();
  // Its batches go through the cluster node: stopped first.
  if (reanalysis_runner_ != nullptr) reanalysis_runner_->Stop();
  if (cluster_node_ != nullptr) cluster_node_->Stop();
  reanalysis_runner_.reset();
  return store_ != nullptr ? store_->Close() : absl::OkStatus();
}

}  // namespace guestvoice::service
