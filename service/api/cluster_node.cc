#include "service/api/cluster_node.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "guestvoice/internal/v1/commands.pb.h"
#include "service/api/listen_address.h"
#include "service/cluster/cluster_stamp.h"
#include "service/tenancy/bootstrap.h"
#include "service/tenancy/organizations.h"

namespace guestvoice::service {
namespace {

constexpr absl::Duration kFirstBackoff = absl::Milliseconds(500);
constexpr absl::Duration kMaxBackoff = absl::Seconds(8);
// How often the catch-up thread looks whether the node is stopping.
constexpr absl::Duration kCatchUpSlice = absl::Milliseconds(200);
// How long the bootstrap command may take to be applied here.
constexpr absl::Duration kBootstrapDeadline = absl::Seconds(60);

// Runs `attempt` until it succeeds or `timeout` has passed, backing off
// between tries; logs each failure. Returns the last error.
template <typename T, typename Attempt>
absl::StatusOr<T> Retry(std::string_view what, absl::Duration timeout,
                        Attempt attempt) {
  const absl::Time give_up = absl::Now() + timeout;
  absl::Duration backoff = kFirstBackoff;
  while (true) {
    absl::StatusOr<T> result = attempt();
    if (result.ok() || absl::Now() + backoff > give_up) return result;
    spdlog::warn("cluster: {} failed, retrying in {}: {}", what,
                 absl::FormatDuration(backoff), result.status().ToString());
    absl::SleepFor(backoff);
    backoff = std::min(backoff * 2, kMaxBackoff);
  }
}

// The advertised address, its port 0 (tests, one-machine setups) made the
// port the server bound.
std::string AdvertisedAddress(const std::string& advertise, int bound_port) {
  absl::StatusOr<ListenAddress> parsed =
      ParseListenAddress("advertise", advertise, "10.0.0.7:50051");
  if (!parsed.ok() || parsed->port != 0) return advertise;
  const bool v6 = absl::StrContains(parsed->host, ':');
  return absl::StrCat(v6 ? "[" : "", parsed->host, v6 ? "]" : "", ":",
                      bound_port);
}

}  // namespace

absl::StatusOr<std::unique_ptr<ClusterNode>> ClusterNode::Start(
    const cluster::ClusterOptions& options, absl::Duration start_timeout,
    const NodeMapOptions& node_map, const cluster::MutationTable& table,
    DomainContext domain, cluster::AppliedTimes& applied_times) {
  std::unique_ptr<ClusterNode> node(
      new ClusterNode(options, start_timeout, node_map, table, domain));
  node->applier_ = std::make_unique<cluster::CommandApplier>(
      table, domain.store, domain.locks, domain.organization_locks,
      applied_times);
  ASSIGN_OR_RETURN(node->producer_,
                   Retry<std::unique_ptr<cluster::CommandProducer>>(
                       "checking the command topic", start_timeout, [&] {
                         return cluster::CommandProducer::Create(options, {});
                       }));
  // A state of another cluster, or of none, is refused before anything of
  // this one's log is applied to it.
  internal::v1::ClusterStamp cluster;
  cluster.set_cluster_id(node->producer_->cluster_id());
  cluster.set_command_partitions(node->producer_->partition_count());
  ASSIGN_OR_RETURN(bool unstamped,
                   cluster::CheckStateForCluster(domain.store, cluster));
  if (unstamped) node->applier_->StampWith(std::move(cluster));
  ASSIGN_OR_RETURN(
      node->apply_loop_,
      Retry<std::unique_ptr<cluster::ApplyLoop>>(
          "reading the command topic", start_timeout, [&] {
            return cluster::ApplyLoop::Start(
                options, *node->applier_, node->progress_,
                [](int32_t partition, const absl::Status& reason) {
                  spdlog::error(
                      "cluster: stopped applying partition {} of the command "
                      "log (nothing of it is applied past this point until "
                      "the cause is fixed): {}",
                      partition, reason.ToString());
                },
                start_timeout);
          }));
  node->mutations_ = std::make_unique<cluster::ClusterMutations>(
      table, domain, *node->producer_, node->progress_);
  ASSIGN_OR_RETURN(node->node_map_reader_,
                   Retry<std::unique_ptr<cluster::NodeMapReader>>(
                       "reading the node map", start_timeout, [&] {
                         return cluster::NodeMapReader::Start(
                             options,
                             {.liveness_timeout = node_map.liveness_timeout,
                              .clock = &domain.clock});
                       }));
  node->router_ = std::make_unique<cluster::ClusterCallRouter>(
      options.node_id, node->producer_->partition_count(), node->progress_,
      node->node_map_reader_->map());
  // Ownership changes only once the node joins the group, after catch-up,
  // by when PublishInNodeMap has made the publisher.
  ASSIGN_OR_RETURN(
      node->ownership_,
      cluster::OwnershipGroup::Create(
          options, [raw = node.get()](const std::set<int32_t>& owned) {
            spdlog::info("cluster: this node owns partitions {{{}}}",
                         absl::StrJoin(owned, ","));
            raw->node_map_publisher_->SetOwnedPartitions(owned);
          }));
  return node;
}

absl::Status ClusterNode::PublishInNodeMap(int bound_port) {
  const std::string address =
      AdvertisedAddress(node_map_options_.advertise_address, bound_port);
  ASSIGN_OR_RETURN(
      node_map_publisher_,
      Retry<std::unique_ptr<cluster::NodeMapPublisher>>(
          "publishing this node in the node map", start_timeout_, [&] {
            return cluster::NodeMapPublisher::Start(
                options_,
                {.advertise_address = address,
                 .heartbeat_interval = node_map_options_.heartbeat_interval,
                 .clock = &domain_.clock,
                 .applied_offsets = [this] {
                   return progress_.next_offsets();
                 }});
          }));
  spdlog::info("cluster: node {} published in the node map at {}",
               options_.node_id, address);
  return absl::OkStatus();
}

ClusterNode::~ClusterNode() { Stop(); }

v1::ClusterInfo ClusterNode::Describe() const {
  return cluster::DescribeCluster(
      {.node_id = options_.node_id,
       .nodes = node_map().Nodes(),
       .next_offsets = progress_.next_offsets(),
       .log_end_offsets = apply_loop_->LastKnownEndOffsets(),
       .stopped = progress_.stopped(),
       .now = domain_.clock.Now()});
}

void ClusterNode::Stop() {
  stopping_ = true;
  if (catch_up_.joinable()) catch_up_.join();
  if (ownership_ != nullptr) ownership_->Stop();
  if (apply_loop_ != nullptr) apply_loop_->Stop();
  if (node_map_publisher_ != nullptr) {
    if (absl::Status stopped = node_map_publisher_->Stop(); !stopped.ok()) {
      spdlog::warn("cluster: {}", stopped.ToString());
    }
  }
  if (node_map_reader_ != nullptr) node_map_reader_->Stop();
  if (producer_ != nullptr) producer_->Close();
}

void ClusterNode::WhenCaughtUp(std::function<void(const absl::Status&)> ready) {
  catch_up_ = std::thread([this, ready = std::move(ready)] {
    absl::Status status = CatchUp();
    // From here on this node answers for the organizations it applies.
    if (status.ok()) router_->MarkCaughtUp();
    if (status.ok()) status = BootstrapIfEmpty();
    if (status.ok()) status = ownership_->Join();
    if (!stopping_) ready(status);
  });
}

absl::Status ClusterNode::CatchUp() {
  for (const auto& [partition, end] : apply_loop_->end_offsets_at_start()) {
    if (end == 0) continue;
    while (true) {
      if (stopping_) return absl::CancelledError("the node is stopping");
      const absl::Status applied = progress_.AwaitOffset(
          partition, end - 1, absl::Now() + kCatchUpSlice);
      if (applied.ok()) break;
      if (applied.code() != absl::StatusCode::kDeadlineExceeded) {
        return applied;
      }
    }
  }
  return absl::OkStatus();
}

absl::Status ClusterNode::BootstrapIfEmpty() {
  ASSIGN_OR_RETURN(bool has_organizations, HasOrganizations(domain_.store));
  if (has_organizations) return absl::OkStatus();
  // The secret is drawn here and written to this node's key file before the
  // command goes out, so a key that works is never lost; only its hash
  // enters the log.
  const ApiKeySecret secret = ApiKeySecret::Draw();
  ASSIGN_OR_RETURN(
      std::string key_file,
      WriteAdminKeyFile(domain_.store.data_dir(), secret.key_string()));
  internal::v1::BootstrapRequest request;
  *request.mutable_admin_key() =
      MintBootstrapKey(domain_.clock.Now(), domain_.ids, secret.sha256());
  internal::v1::BootstrapResponse response;
  const Principal system(kBootstrapOrganization, "", {});
  absl::StatusOr<std::string> ran = cluster::RunAndWait(
      *mutations_, system, request, response, absl::Now() + kBootstrapDeadline);
  if (!ran.ok() || !response.created()) {
    // Another node's command came first (its key is the admin key), or
    // this one failed: this key does not work.
    ::unlink(key_file.c_str());
    return ran.status();
  }
  spdlog::info(
      "cluster: first start of the cluster: created organization \"default\" "
      "and an admin API key in {} (mode 0600)",
      key_file);
  return absl::OkStatus();
}

}  // namespace guestvoice::service
