#include "service/cluster/command_producer.h"

#include <librdkafka/rdkafkacpp.h>

#include <cstdio>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "service/cluster/command_partition.h"
#include "service/cluster/kafka_status.h"
#include "service/core/errors.h"

namespace guestvoice::service::cluster {
namespace {

// Rides with each record through librdkafka as its msg_opaque.
struct PendingRecord {
  CommandProducer::Completion done;
};

int Milliseconds(absl::Duration duration) {
  return static_cast<int>(absl::ToInt64Milliseconds(duration));
}

// How long a caller refused for too many records in flight should wait: about
// one round trip to the cluster's acknowledgement.
constexpr absl::Duration kRetryAfterFull = absl::Milliseconds(100);
// The poll thread's longest wait for a delivery report before it looks at
// whether it should stop.
constexpr int kPollMs = 100;
// How long Create waits for the cluster's id (known from the metadata the
// topic check fetched).
constexpr absl::Duration kClusterIdTimeout = absl::Seconds(10);

// Why `message` was not written, for its caller.
absl::Status DeliveryFailure(RdKafka::Message& message,
                             absl::Duration delivery_timeout) {
  // librdkafka retries what the brokers may yet accept (no leader, too few
  // in-sync replicas) until the delivery timeout, then reports only the
  // timeout: say what it usually means.
  const std::string detail =
      message.err() == RdKafka::ERR__MSG_TIMED_OUT
          ? absl::StrCat("not acknowledged within ",
                         absl::FormatDuration(delivery_timeout),
                         ": the partition has no leader, or fewer in-sync "
                         "replicas than its min.insync.replicas")
          : message.errstr();
  absl::Status status =
      KafkaStatus(message.err(),
                  absl::StrCat("producing to ", message.topic_name(), "[",
                               message.partition(), "]"),
                  detail);
  if (message.status() != RdKafka::Message::MSG_STATUS_POSSIBLY_PERSISTED) {
    return status;
  }
  // The caller must not assume the command was dropped: a retry has to be
  // recognisable as the same command when it is applied.
  return absl::Status(status.code(),
                      absl::StrCat(status.message(),
                                   "; the record may have been written, so a "
                                   "retry must carry the same request id"));
}

}  // namespace

class CommandProducer::DeliveryReports : public RdKafka::DeliveryReportCb {
 public:
  explicit DeliveryReports(CommandProducer* owner) : owner_(owner) {}

  void dr_cb(RdKafka::Message& message) override {
    std::unique_ptr<PendingRecord> pending(
        static_cast<PendingRecord*>(message.msg_opaque()));
    absl::StatusOr<RecordPosition> result;
    if (message.err() == RdKafka::ERR_NO_ERROR) {
      result = RecordPosition{message.partition(), message.offset()};
    } else {
      result = DeliveryFailure(message, owner_->options_.delivery_timeout);
    }
    // Before the completion, so a completion may produce the next record.
    owner_->in_flight_.fetch_sub(1);
    std::move(pending->done)(std::move(result));
  }

 private:
  CommandProducer* const owner_;
};

class CommandProducer::Events : public RdKafka::EventCb {
 public:
  explicit Events(CommandProducer* owner) : owner_(owner) {}

  void event_cb(RdKafka::Event& event) override {
    switch (event.type()) {
      case RdKafka::Event::EVENT_ERROR:
        if (event.fatal()) {
          owner_->RecordFatalError();
        } else {
          // Transient (a broker down, a connection lost): librdkafka
          // reconnects and retries by itself; records fail only through
          // their delivery reports.
          std::fprintf(stderr, "kafka producer %s: %s\n",
                       owner_->options_.node_id.c_str(), event.str().c_str());
        }
        break;
      case RdKafka::Event::EVENT_LOG:
        if (event.severity() <= RdKafka::Event::EVENT_SEVERITY_WARNING) {
          std::fprintf(stderr, "kafka producer %s: %s: %s\n",
                       owner_->options_.node_id.c_str(), event.fac().c_str(),
                       event.str().c_str());
        }
        break;
      default:
        break;
    }
  }

 private:
  CommandProducer* const owner_;
};

absl::StatusOr<std::unique_ptr<CommandProducer>> CommandProducer::Create(
    const ClusterOptions& options, const TopicCheck& check) {
  absl::StatusOr<std::unique_ptr<RdKafka::Conf>> conf =
      BuildKafkaConf(ProducerSettings(options));
  if (!conf.ok()) return conf.status();
  std::unique_ptr<CommandProducer> producer(new CommandProducer(options, 0));
  std::string error;
  if ((*conf)->set("dr_cb", producer->delivery_reports_.get(), error) !=
          RdKafka::Conf::CONF_OK ||
      (*conf)->set("event_cb", producer->events_.get(), error) !=
          RdKafka::Conf::CONF_OK) {
    return absl::InternalError(absl::StrCat("Kafka callbacks: ", error));
  }
  producer->producer_.reset(RdKafka::Producer::create(conf->get(), error));
  if (producer->producer_ == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("creating the Kafka producer: ", error));
  }
  absl::StatusOr<TopicDescription> topic =
      DescribeAndCheckTopic(*producer->producer_, options.command_topic, check);
  if (!topic.ok()) return topic.status();
  producer->partition_count_ = topic->partitions;
  // From the metadata the topic check fetched: no further round trip.
  producer->cluster_id_ = producer->producer_->clusterid(
      static_cast<int>(absl::ToInt64Milliseconds(kClusterIdTimeout)));
  if (producer->cluster_id_.empty()) {
    return absl::UnavailableError(
        "the Kafka cluster did not tell its cluster id in time");
  }
  producer->poll_thread_ =
      std::thread([raw = producer.get()] { raw->PollLoop(); });
  return producer;
}

CommandProducer::CommandProducer(const ClusterOptions& options,
                                 int32_t partition_count)
    : options_(options),
      partition_count_(partition_count),
      delivery_reports_(std::make_unique<DeliveryReports>(this)),
      events_(std::make_unique<Events>(this)) {}

CommandProducer::~CommandProducer() {
  Close();
  producer_.reset();
}

absl::Status CommandProducer::Produce(std::string_view organization_id,
                                      std::string_view record,
                                      Completion done) {
  if (organization_id.empty()) {
    return absl::InvalidArgumentError(
        "a command record needs the organization it belongs to");
  }
  // Shared: many callers produce at once; Close takes it exclusively so no
  // record is queued after the poll thread's final flush.
  absl::ReaderMutexLock lock(&produce_mutex_);
  if (closing_.load()) {
    return absl::UnavailableError(
        "the command producer is shutting down; retry on another node");
  }
  if (absl::Status fatal = FatalError(); !fatal.ok()) return fatal;
  if (in_flight_.fetch_add(1) >= options_.max_in_flight_records) {
    in_flight_.fetch_sub(1);
    return LimitExceeded(
        absl::StrCat(options_.max_in_flight_records,
                     " command records are waiting for the cluster's "
                     "acknowledgement"),
        kRetryAfterFull);
  }
  auto pending =
      std::make_unique<PendingRecord>(PendingRecord{std::move(done)});
  const int32_t partition = CommandPartition(organization_id, partition_count_);
  const RdKafka::ErrorCode code = producer_->produce(
      options_.command_topic, partition, RdKafka::Producer::RK_MSG_COPY,
      const_cast<char*>(record.data()), record.size(), organization_id.data(),
      organization_id.size(), /*timestamp=*/0, pending.get());
  if (code != RdKafka::ERR_NO_ERROR) {
    in_flight_.fetch_sub(1);
    return KafkaStatus(
        code, absl::StrCat("queueing a record for ", options_.command_topic,
                           "[", partition, "]"));
  }
  pending.release();  // librdkafka hands it back in the delivery report.
  return absl::OkStatus();
}

void CommandProducer::Close() {
  absl::MutexLock close_lock(&close_mutex_);
  if (closed_) return;
  closed_ = true;
  {
    absl::WriterMutexLock lock(&produce_mutex_);
    closing_.store(true);
  }
  if (poll_thread_.joinable()) poll_thread_.join();
}

void CommandProducer::PollLoop() {
  while (!closing_.load()) producer_->poll(kPollMs);
  // flush serves delivery reports on this thread while it waits.
  producer_->flush(Milliseconds(options_.flush_timeout));
  if (in_flight_.load() == 0) return;
  // What the cluster did not acknowledge in time fails (UNAVAILABLE, marked
  // "may have been written" when it was sent) rather than being dropped.
  producer_->purge(RdKafka::Producer::PURGE_QUEUE |
                   RdKafka::Producer::PURGE_INFLIGHT);
  while (in_flight_.load() > 0) producer_->poll(kPollMs);
}

void CommandProducer::RecordFatalError() {
  std::string reason;
  const RdKafka::ErrorCode code = producer_->fatal_error(reason);
  absl::MutexLock lock(&mutex_);
  fatal_ = KafkaStatus(
      code, "the Kafka producer failed and writes nothing more", reason);
}

absl::Status CommandProducer::FatalError() const {
  absl::MutexLock lock(&mutex_);
  return fatal_;
}

}  // namespace guestvoice::service::cluster
