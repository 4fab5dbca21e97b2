#include "tests/service/cluster/kafka_test_support.h"

#include <librdkafka/rdkafkacpp.h>

#include <memory>
#include <utility>

namespace guestvoice::testing {

using service::cluster::CommandProducer;
using service::cluster::RecordPosition;

CommandProducer::Completion Completions::Add() {
  return [this](absl::StatusOr<RecordPosition> result) {
    absl::MutexLock lock(&mutex_);
    results_.push_back(std::move(result));
  };
}

std::vector<absl::StatusOr<RecordPosition>> Completions::WaitFor(
    size_t count, absl::Duration deadline) {
  absl::MutexLock lock(&mutex_);
  auto done = [this, count]() ABSL_SHARED_LOCKS_REQUIRED(mutex_) {
    return results_.size() >= count;
  };
  mutex_.AwaitWithTimeout(absl::Condition(&done), deadline);
  return results_;
}

size_t Completions::size() const {
  absl::MutexLock lock(&mutex_);
  return results_.size();
}

namespace {

// A consumer outside any group's work: no commits, assigned by hand.
absl::StatusOr<std::unique_ptr<RdKafka::KafkaConsumer>> NewReader(
    const std::string& bootstrap_servers) {
  std::unique_ptr<RdKafka::Conf> conf(
      RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string error;
  conf->set("bootstrap.servers", bootstrap_servers, error);
  conf->set("group.id", "guestvoice-test-reader", error);
  conf->set("enable.auto.commit", "false", error);
  std::unique_ptr<RdKafka::KafkaConsumer> consumer(
      RdKafka::KafkaConsumer::create(conf.get(), error));
  if (consumer == nullptr) return absl::InternalError(error);
  return consumer;
}

absl::Status QueryWatermarks(RdKafka::KafkaConsumer& consumer,
                             const std::string& topic, int32_t partition,
                             absl::Duration deadline, int64_t* low,
                             int64_t* high) {
  const int timeout_ms = static_cast<int>(absl::ToInt64Milliseconds(deadline));
  if (RdKafka::ErrorCode code = consumer.query_watermark_offsets(
          topic, partition, low, high, timeout_ms);
      code != RdKafka::ERR_NO_ERROR) {
    return absl::UnavailableError("watermarks: " + RdKafka::err2str(code));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<int64_t> LogEndOffset(const std::string& bootstrap_servers,
                                     const std::string& topic,
                                     int32_t partition,
                                     absl::Duration deadline) {
  absl::StatusOr<std::unique_ptr<RdKafka::KafkaConsumer>> consumer =
      NewReader(bootstrap_servers);
  if (!consumer.ok()) return consumer.status();
  int64_t low = 0;
  int64_t high = 0;
  absl::Status status =
      QueryWatermarks(**consumer, topic, partition, deadline, &low, &high);
  (*consumer)->close();
  if (!status.ok()) return status;
  return high;
}

absl::StatusOr<std::vector<StoredRecord>> ReadPartition(
    const std::string& bootstrap_servers, const std::string& topic,
    int32_t partition, absl::Duration deadline) {
  absl::StatusOr<std::unique_ptr<RdKafka::KafkaConsumer>> reader =
      NewReader(bootstrap_servers);
  if (!reader.ok()) return reader.status();
  RdKafka::KafkaConsumer* consumer = reader->get();
  int64_t low = 0;
  int64_t high = 0;
  if (absl::Status status =
          QueryWatermarks(*consumer, topic, partition, deadline, &low, &high);
      !status.ok()) {
    return status;
  }
  std::unique_ptr<RdKafka::TopicPartition> start(
      RdKafka::TopicPartition::create(topic, partition, low));
  std::vector<RdKafka::TopicPartition*> assignment = {start.get()};
  consumer->assign(assignment);
  std::vector<StoredRecord> records;
  const absl::Time give_up = absl::Now() + deadline;
  int64_t next = low;
  while (next < high) {
    if (absl::Now() > give_up) {
      return absl::DeadlineExceededError("partition not read in time");
    }
    std::unique_ptr<RdKafka::Message> message(consumer->consume(200));
    if (message->err() != RdKafka::ERR_NO_ERROR) continue;
    StoredRecord record;
    record.offset = message->offset();
    if (message->key() != nullptr) record.key = *message->key();
    record.payload.assign(static_cast<const char*>(message->payload()),
                          message->len());
    next = record.offset + 1;
    records.push_back(std::move(record));
  }
  consumer->close();
  return records;
}

}  // namespace guestvoice::testing
