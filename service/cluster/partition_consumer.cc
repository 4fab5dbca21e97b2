#include "service/cluster/partition_consumer.h"

#include <librdkafka/rdkafkacpp.h>

#include <vector>

#include "absl/strings/str_cat.h"
#include "service/cluster/kafka_status.h"
#include "service/cluster/topic_verification.h"

namespace guestvoice::service::cluster {
namespace {

absl::Status ErrorStatus(RdKafka::Error* error, std::string_view context) {
  std::unique_ptr<RdKafka::Error> owned(error);
  if (owned == nullptr) return absl::OkStatus();
  return KafkaStatus(owned->code(), context, owned->str());
}

}  // namespace

// Serves librdkafka's rebalance events (inside consume(), on the polling
// thread): asks the listener where each new partition resumes, assigns from
// there, and tells it what left.
class PartitionConsumer::Rebalance : public RdKafka::RebalanceCb {
 public:
  explicit Rebalance(PartitionConsumer* owner) : owner_(owner) {}

  void rebalance_cb(
      RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
      std::vector<RdKafka::TopicPartition*>& partitions) override {
    const bool cooperative = consumer->rebalance_protocol() == "COOPERATIVE";
    if (err == RdKafka::ERR__ASSIGN_PARTITIONS) {
      Assign(consumer, partitions, cooperative);
    } else {
      Revoke(consumer, partitions, cooperative);
    }
  }

 private:
  void Assign(RdKafka::KafkaConsumer* consumer,
              std::vector<RdKafka::TopicPartition*>& partitions,
              bool cooperative) {
    for (RdKafka::TopicPartition* partition : partitions) {
      absl::StatusOr<int64_t> offset =
          owner_->listener_->OnAssigned(partition->partition());
      if (!offset.ok()) {
        Stop(offset.status());
        // Assigned all the same, so the group's view and ours agree; Poll
        // returns the error before reading anything.
        partition->set_offset(RdKafka::Topic::OFFSET_END);
      } else {
        partition->set_offset(*offset);
      }
      owner_->assigned_.insert(partition->partition());
    }
    absl::Status status =
        cooperative
            ? ErrorStatus(consumer->incremental_assign(partitions),
                          "assigning partitions")
            : KafkaStatus(consumer->assign(partitions), "assigning partitions");
    Stop(status);
  }

  void Revoke(RdKafka::KafkaConsumer* consumer,
              std::vector<RdKafka::TopicPartition*>& partitions,
              bool cooperative) {
    const bool lost = consumer->assignment_lost();
    for (RdKafka::TopicPartition* partition : partitions) {
      owner_->listener_->OnRevoked(partition->partition(), lost);
      owner_->assigned_.erase(partition->partition());
    }
    absl::Status status =
        cooperative ? ErrorStatus(consumer->incremental_unassign(partitions),
                                  "revoking partitions")
                    : KafkaStatus(consumer->unassign(), "revoking partitions");
    Stop(status);
  }

  void Stop(const absl::Status& status) {
    if (!status.ok() && owner_->stopped_.ok()) owner_->stopped_ = status;
  }

  PartitionConsumer* const owner_;
};

absl::StatusOr<std::unique_ptr<PartitionConsumer>> PartitionConsumer::Create(
    const ClusterOptions& options, std::string_view group_id,
    PartitionListener* listener) {
  absl::StatusOr<std::unique_ptr<RdKafka::Conf>> conf =
      BuildKafkaConf(ConsumerSettings(options, group_id));
  if (!conf.ok()) return conf.status();
  std::unique_ptr<PartitionConsumer> consumer(
      new PartitionConsumer(options, listener));
  std::string error;
  if ((*conf)->set("rebalance_cb", consumer->rebalance_.get(), error) !=
      RdKafka::Conf::CONF_OK) {
    return absl::InternalError(
        absl::StrCat("Kafka rebalance callback: ", error));
  }
  consumer->consumer_.reset(RdKafka::KafkaConsumer::create(conf->get(), error));
  if (consumer->consumer_ == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("creating the Kafka consumer: ", error));
  }
  if (absl::Status status =
          KafkaStatus(consumer->consumer_->subscribe({options.command_topic}),
                      absl::StrCat("subscribing to ", options.command_topic));
      !status.ok()) {
    return status;
  }
  return consumer;
}

absl::StatusOr<std::unique_ptr<PartitionConsumer>>
PartitionConsumer::CreateForAll(const ClusterOptions& options,
                                PartitionListener* listener,
                                absl::Duration timeout) {
  // librdkafka's consumer needs a group id even when it never joins the
  // group: this node's own, so nothing it does touches another's.
  absl::StatusOr<std::unique_ptr<RdKafka::Conf>> conf =
      BuildKafkaConf(ConsumerSettings(
          options, absl::StrCat("guestvoice-apply-", options.node_id)));
  if (!conf.ok()) return conf.status();
  std::unique_ptr<PartitionConsumer> consumer(
      new PartitionConsumer(options, listener));
  std::string error;
  consumer->consumer_.reset(RdKafka::KafkaConsumer::create(conf->get(), error));
  if (consumer->consumer_ == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("creating the Kafka consumer: ", error));
  }
  absl::StatusOr<TopicDescription> topic =
      DescribeTopic(*consumer->consumer_, options.command_topic,
                    /*with_configs=*/false, timeout);
  if (!topic.ok()) return topic.status();
  std::vector<std::unique_ptr<RdKafka::TopicPartition>> owned;
  std::vector<RdKafka::TopicPartition*> partitions;
  for (int32_t partition = 0; partition < topic->partitions; ++partition) {
    absl::StatusOr<int64_t> offset = listener->OnAssigned(partition);
    if (!offset.ok()) return offset.status();
    owned.emplace_back(RdKafka::TopicPartition::create(options.command_topic,
                                                       partition, *offset));
    partitions.push_back(owned.back().get());
    consumer->assigned_.insert(partition);
  }
  if (absl::Status status = KafkaStatus(consumer->consumer_->assign(partitions),
                                        "assigning partitions");
      !status.ok()) {
    return status;
  }
  return consumer;
}

absl::StatusOr<std::map<int32_t, int64_t>> PartitionConsumer::EndOffsets(
    absl::Duration timeout) {
  std::map<int32_t, int64_t> ends;
  for (int32_t partition : assigned_) {
    int64_t low = 0;
    int64_t high = 0;
    if (absl::Status status = KafkaStatus(
            consumer_->query_watermark_offsets(
                options_.command_topic, partition, &low, &high,
                static_cast<int>(absl::ToInt64Milliseconds(timeout))),
            absl::StrCat("asking where ", options_.command_topic, "[",
                         partition, "] ends"));
        !status.ok()) {
      return status;
    }
    ends[partition] = high;
  }
  return ends;
}

std::optional<int64_t> PartitionConsumer::LastKnownEndOffset(
    int32_t partition) const {
  int64_t low = RdKafka::Topic::OFFSET_INVALID;
  int64_t high = RdKafka::Topic::OFFSET_INVALID;
  if (consumer_->get_watermark_offsets(options_.command_topic, partition, &low,
                                       &high) != RdKafka::ERR_NO_ERROR ||
      high < 0) {
    return std::nullopt;
  }
  return high;
}

absl::Status PartitionConsumer::Pause(int32_t partition) {
  std::unique_ptr<RdKafka::TopicPartition> paused(
      RdKafka::TopicPartition::create(options_.command_topic, partition));
  std::vector<RdKafka::TopicPartition*> partitions = {paused.get()};
  return KafkaStatus(consumer_->pause(partitions),
                     absl::StrCat("pausing partition ", partition));
}

PartitionConsumer::PartitionConsumer(const ClusterOptions& options,
                                     PartitionListener* listener)
    : options_(options),
      listener_(listener),
      rebalance_(std::make_unique<Rebalance>(this)) {}

PartitionConsumer::~PartitionConsumer() { Close(); }

absl::StatusOr<std::optional<CommandRecord>> PartitionConsumer::Poll(
    absl::Duration timeout) {
  if (!stopped_.ok()) return stopped_;
  if (closed_) return absl::FailedPreconditionError("the consumer is closed");
  std::unique_ptr<RdKafka::Message> message(
      consumer_->consume(static_cast<int>(absl::ToInt64Milliseconds(timeout))));
  // A rebalance served inside consume() may have stopped us.
  if (!stopped_.ok()) return stopped_;
  const RdKafka::ErrorCode code = message->err();
  if (code == RdKafka::ERR_NO_ERROR) {
    CommandRecord record;
    record.partition = message->partition();
    record.offset = message->offset();
    if (message->key() != nullptr) record.organization_id = *message->key();
    record.payload.assign(static_cast<const char*>(message->payload()),
                          message->len());
    return record;
  }
  if (IsTransientKafkaError(code)) return std::nullopt;
  stopped_ = KafkaStatus(
      code,
      absl::StrCat("reading ", options_.command_topic, "[",
                   message->partition(), "] at offset ", message->offset()),
      message->errstr());
  return stopped_;
}

void PartitionConsumer::Close() {
  if (closed_ || consumer_ == nullptr) return;
  closed_ = true;
  // close() serves the final revocation through the rebalance callback.
  consumer_->close();
}

}  // namespace guestvoice::service::cluster
