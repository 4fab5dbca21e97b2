#include "service/cluster/node_map_reader.h"

#include <librdkafka/rdkafkacpp.h>

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "service/cluster/kafka_status.h"

namespace guestvoice::service::cluster {
namespace {

// The read thread's longest wait for a record before it looks at whether it
// should stop.
constexpr int kConsumeMs = 100;

}  // namespace

absl::StatusOr<std::unique_ptr<NodeMapReader>> NodeMapReader::Start(
    const ClusterOptions& cluster, Options options) {
  absl::StatusOr<std::unique_ptr<RdKafka::Conf>> conf =
      BuildKafkaConf(NodeMapReaderSettings(cluster));
  if (!conf.ok()) return conf.status();
  std::unique_ptr<NodeMapReader> reader(new NodeMapReader(cluster, options));
  std::string error;
  reader->consumer_.reset(RdKafka::KafkaConsumer::create(conf->get(), error));
  if (reader->consumer_ == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("creating the Kafka consumer: ", error));
  }
  const std::string topic(kNodeMapTopic);
  absl::StatusOr<TopicDescription> description =
      DescribeAndCheckTopic(*reader->consumer_, topic, options.topic_check);
  if (!description.ok()) return description.status();
  // Every partition from its first record: the map is built from the whole
  // (compacted) history, not from where some group left off.
  std::vector<std::unique_ptr<RdKafka::TopicPartition>> owned;
  std::vector<RdKafka::TopicPartition*> partitions;
  for (int32_t partition = 0; partition < description->partitions;
       ++partition) {
    owned.emplace_back(RdKafka::TopicPartition::create(
        topic, partition, RdKafka::Topic::OFFSET_BEGINNING));
    partitions.push_back(owned.back().get());
  }
  if (absl::Status status =
          KafkaStatus(reader->consumer_->assign(partitions),
                      absl::StrCat("assigning the partitions of ", topic));
      !status.ok()) {
    return status;
  }
  reader->read_thread_ = std::thread([raw = reader.get()] { raw->ReadLoop(); });
  return reader;
}

NodeMapReader::NodeMapReader(const ClusterOptions& cluster,
                             const Options& options)
    : cluster_(cluster),
      map_(options.clock != nullptr ? *options.clock : system_clock_,
           options.liveness_timeout) {}

NodeMapReader::~NodeMapReader() { Stop(); }

absl::Status NodeMapReader::last_malformed_record() const {
  absl::MutexLock lock(&mutex_);
  return last_malformed_record_;
}

void NodeMapReader::ReadLoop() {
  while (!stopping_.load()) {
    std::unique_ptr<RdKafka::Message> message(consumer_->consume(kConsumeMs));
    const RdKafka::ErrorCode code = message->err();
    if (code != RdKafka::ERR_NO_ERROR) {
      if (!IsTransientKafkaError(code)) {
        std::fprintf(
            stderr, "node map reader of %s: %s\n", cluster_.node_id.c_str(),
            KafkaStatus(code, "reading the node map", message->errstr())
                .ToString()
                .c_str());
      }
      continue;
    }
    const std::string* key = message->key();
    std::optional<std::string_view> value;
    if (message->payload() != nullptr) {
      value = std::string_view(static_cast<const char*>(message->payload()),
                               message->len());
    }
    absl::Status applied = map_.Apply(
        message->offset(), key != nullptr ? *key : std::string_view(), value);
    if (!applied.ok()) {
      std::fprintf(stderr, "node map reader of %s: skipped %s\n",
                   cluster_.node_id.c_str(), applied.ToString().c_str());
      absl::MutexLock lock(&mutex_);
      last_malformed_record_ = std::move(applied);
      malformed_records_.fetch_add(1);
    }
  }
}

void NodeMapReader::Stop() {
  if (stopping_.exchange(true)) return;
  if (read_thread_.joinable()) read_thread_.join();
  if (consumer_ != nullptr) consumer_->close();
}

}  // namespace guestvoice::service::cluster
