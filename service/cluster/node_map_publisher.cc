#include "service/cluster/node_map_publisher.h"

#include <librdkafka/rdkafkacpp.h>

#include <atomic>
#include <cstdio>
#include <utility>

#include "absl/strings/str_cat.h"
#include "guestvoice/internal/v1/node_map.pb.h"
#include "service/cluster/kafka_status.h"
#include "service/core/proto_time.h"

namespace guestvoice::service::cluster {

// Served on whichever thread polls the producer (the heartbeat thread, or
// Stop's flush): a failed entry is only reported, since the next heartbeat
// publishes the node's entry again anyway.
class NodeMapPublisher::DeliveryReports : public RdKafka::DeliveryReportCb {
 public:
  explicit DeliveryReports(std::string node_id)
      : node_id_(std::move(node_id)) {}

  void dr_cb(RdKafka::Message& message) override {
    if (message.err() == RdKafka::ERR_NO_ERROR) return;
    failures_.fetch_add(1);
    std::fprintf(stderr, "node map entry of %s not published: %s\n",
                 node_id_.c_str(), message.errstr().c_str());
  }

  int failures() const { return failures_.load(); }

 private:
  const std::string node_id_;
  std::atomic<int> failures_{0};
};

absl::StatusOr<std::unique_ptr<NodeMapPublisher>> NodeMapPublisher::Start(
    const ClusterOptions& cluster, Options options) {
  if (cluster.node_id.empty() || options.advertise_address.empty()) {
    return absl::InvalidArgumentError(
        "a node publishes its entry in the node map under its node id, with "
        "the address other nodes reach it at: both are needed");
  }
  absl::StatusOr<std::unique_ptr<RdKafka::Conf>> conf =
      BuildKafkaConf(ProducerSettings(cluster));
  if (!conf.ok()) return conf.status();
  std::unique_ptr<NodeMapPublisher> publisher(
      new NodeMapPublisher(cluster, std::move(options)));
  std::string error;
  if ((*conf)->set("dr_cb", publisher->delivery_reports_.get(), error) !=
      RdKafka::Conf::CONF_OK) {
    return absl::InternalError(absl::StrCat("Kafka callbacks: ", error));
  }
  publisher->producer_.reset(RdKafka::Producer::create(conf->get(), error));
  if (publisher->producer_ == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("creating the Kafka producer: ", error));
  }
  absl::StatusOr<TopicDescription> topic =
      DescribeAndCheckTopic(*publisher->producer_, std::string(kNodeMapTopic),
                            publisher->options_.topic_check);
  if (!topic.ok()) return topic.status();
  if (absl::Status first = publisher->Produce(/*tombstone=*/false);
      !first.ok()) {
    return first;
  }
  publisher->heartbeat_thread_ =
      std::thread([raw = publisher.get()] { raw->HeartbeatLoop(); });
  return publisher;
}

NodeMapPublisher::NodeMapPublisher(const ClusterOptions& cluster,
                                   Options options)
    : cluster_(cluster),
      options_(std::move(options)),
      clock_(options_.clock != nullptr ? *options_.clock : system_clock_),
      start_time_(clock_.Now()),
      delivery_reports_(std::make_unique<DeliveryReports>(cluster.node_id)) {}

NodeMapPublisher::~NodeMapPublisher() { Stop().IgnoreError(); }

void NodeMapPublisher::SetOwnedPartitions(std::set<int32_t> partitions) {
  absl::MutexLock lock(&mutex_);
  if (partitions == owned_partitions_) return;
  owned_partitions_ = std::move(partitions);
  publish_now_ = true;
}

absl::Status NodeMapPublisher::Produce(bool tombstone) {
  std::string value;
  if (!tombstone) {
    internal::v1::NodeMapEntry entry;
    entry.set_node_id(cluster_.node_id);
    entry.set_advertise_address(options_.advertise_address);
    *entry.mutable_start_time() = ToProtoTimestamp(start_time_);
    {
      absl::MutexLock lock(&mutex_);
      for (int32_t partition : owned_partitions_) {
        entry.add_owned_partitions(partition);
      }
    }
    if (options_.applied_offsets) {
      for (const auto& [partition, next_offset] : options_.applied_offsets()) {
        internal::v1::AppliedOffset& applied = *entry.add_applied_offsets();
        applied.set_partition(partition);
        applied.set_next_offset(next_offset);
      }
    }
    *entry.mutable_heartbeat_time() = ToProtoTimestamp(clock_.Now());
    value = entry.SerializeAsString();
  }
  const RdKafka::ErrorCode code = producer_->produce(
      std::string(kNodeMapTopic), RdKafka::Topic::PARTITION_UA,
      RdKafka::Producer::RK_MSG_COPY,
      // A null value is Kafka's tombstone: compaction drops the key.
      tombstone ? nullptr : value.data(), value.size(), cluster_.node_id.data(),
      cluster_.node_id.size(), /*timestamp=*/0, /*msg_opaque=*/nullptr);
  return KafkaStatus(code, absl::StrCat("publishing the node map entry of ",
                                        cluster_.node_id));
}

void NodeMapPublisher::HeartbeatLoop() {
  while (true) {
    {
      absl::MutexLock lock(&mutex_);
      auto prompted = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
        return publish_now_ || stopping_;
      };
      mutex_.AwaitWithTimeout(absl::Condition(&prompted),
                              options_.heartbeat_interval);
      if (stopping_) return;
      publish_now_ = false;
    }
    if (absl::Status status = Produce(/*tombstone=*/false); !status.ok()) {
      // The next heartbeat tries again.
      std::fprintf(stderr, "%s\n", status.ToString().c_str());
    }
    producer_->poll(0);
  }
}

absl::Status NodeMapPublisher::Stop() {
  absl::MutexLock stop_lock(&stop_mutex_);
  if (stopped_) return stop_status_;
  stopped_ = true;
  // Without the thread, Start failed before this node published anything:
  // there is no entry to take back.
  if (!heartbeat_thread_.joinable()) return stop_status_;
  {
    absl::MutexLock lock(&mutex_);
    stopping_ = true;
  }
  heartbeat_thread_.join();
  const int failures_before = delivery_reports_->failures();
  stop_status_ = Produce(/*tombstone=*/true);
  if (stop_status_.ok()) {
    const RdKafka::ErrorCode flushed = producer_->flush(
        static_cast<int>(absl::ToInt64Milliseconds(cluster_.flush_timeout)));
    if (flushed != RdKafka::ERR_NO_ERROR ||
        delivery_reports_->failures() != failures_before) {
      stop_status_ = absl::UnavailableError(absl::StrCat(
          "the node map tombstone of ", cluster_.node_id,
          " was not acknowledged within ",
          absl::FormatDuration(cluster_.flush_timeout),
          "; the other nodes see it down once its heartbeat is too old"));
    }
  }
  return stop_status_;
}

}  // namespace guestvoice::service::cluster
