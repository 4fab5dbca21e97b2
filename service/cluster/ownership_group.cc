#include "service/cluster/ownership_group.h"

#include <librdkafka/rdkafkacpp.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "service/cluster/kafka_status.h"

namespace guestvoice::service::cluster {
namespace {

// The poll thread's longest wait before it looks whether it should stop.
constexpr int kPollMs = 100;

void Report(const absl::Status& status) {
  if (!status.ok()) {
    std::fprintf(stderr, "partition ownership: %s\n",
                 status.ToString().c_str());
  }
}

absl::Status ErrorStatus(RdKafka::Error* error, std::string_view context) {
  std::unique_ptr<RdKafka::Error> owned(error);
  if (owned == nullptr) return absl::OkStatus();
  return KafkaStatus(owned->code(), context, owned->str());
}

std::set<int32_t> Numbers(
    const std::vector<RdKafka::TopicPartition*>& partitions) {
  std::set<int32_t> numbers;
  for (const RdKafka::TopicPartition* partition : partitions) {
    numbers.insert(partition->partition());
  }
  return numbers;
}

}  // namespace

// Served inside consume() (or close()), on the thread calling it: takes in
// the partitions the group gives and takes back.
class OwnershipGroup::Rebalance : public RdKafka::RebalanceCb {
 public:
  explicit Rebalance(OwnershipGroup* owner) : owner_(owner) {}

  void rebalance_cb(
      RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
      std::vector<RdKafka::TopicPartition*>& partitions) override {
    const bool cooperative = consumer->rebalance_protocol() == "COOPERATIVE";
    if (err == RdKafka::ERR__ASSIGN_PARTITIONS) {
      // Never read: the end is as good an offset as any, and needs no
      // committed offset (there are none: nothing is ever committed).
      for (RdKafka::TopicPartition* partition : partitions) {
        partition->set_offset(RdKafka::Topic::OFFSET_END);
      }
      const absl::Status assigned =
          cooperative
              ? ErrorStatus(consumer->incremental_assign(partitions),
                            "taking partitions")
              : KafkaStatus(consumer->assign(partitions), "taking partitions");
      Report(assigned);
      Report(KafkaStatus(consumer->pause(partitions),
                         "pausing the partitions it owns"));
      owner_->Change(Numbers(partitions), {});
      return;
    }
    const bool lost = consumer->assignment_lost();
    if (lost) {
      std::fprintf(stderr,
                   "partition ownership: %s lost partitions %s of %s without "
                   "a handover (out of the group too long)\n",
                   owner_->options_.node_id.c_str(),
                   absl::StrJoin(Numbers(partitions), ",").c_str(),
                   owner_->options_.command_topic.c_str());
    }
    Report(cooperative
               ? ErrorStatus(consumer->incremental_unassign(partitions),
                             "giving up partitions")
               : KafkaStatus(consumer->unassign(), "giving up partitions"));
    owner_->Change({}, Numbers(partitions));
  }

 private:
  OwnershipGroup* const owner_;
};

absl::StatusOr<std::unique_ptr<OwnershipGroup>> OwnershipGroup::Create(
    const ClusterOptions& options, OnChange on_change) {
  absl::StatusOr<std::unique_ptr<RdKafka::Conf>> conf =
      BuildKafkaConf(OwnershipGroupSettings(options, kOwnersGroup));
  if (!conf.ok()) return conf.status();
  std::unique_ptr<OwnershipGroup> group(
      new OwnershipGroup(options, std::move(on_change)));
  std::string error;
  if ((*conf)->set("rebalance_cb", group->rebalance_.get(), error) !=
      RdKafka::Conf::CONF_OK) {
    return absl::InternalError(
        absl::StrCat("Kafka rebalance callback: ", error));
  }
  group->consumer_.reset(RdKafka::KafkaConsumer::create(conf->get(), error));
  if (group->consumer_ == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("creating the Kafka consumer: ", error));
  }
  return group;
}

OwnershipGroup::OwnershipGroup(const ClusterOptions& options,
                               OnChange on_change)
    : options_(options),
      on_change_(std::move(on_change)),
      rebalance_(std::make_unique<Rebalance>(this)) {}

OwnershipGroup::~OwnershipGroup() { Stop(); }

absl::Status OwnershipGroup::Join() {
  if (joined_) return absl::OkStatus();
  if (absl::Status status =
          KafkaStatus(consumer_->subscribe({options_.command_topic}),
                      absl::StrCat("joining group ", std::string(kOwnersGroup),
                                   " on ", options_.command_topic));
      !status.ok()) {
    return status;
  }
  joined_ = true;
  thread_ = std::thread([this] { PollLoop(); });
  return absl::OkStatus();
}

bool OwnershipGroup::Owns(int32_t partition) const {
  absl::MutexLock lock(&mutex_);
  return owned_.count(partition) > 0;
}

std::set<int32_t> OwnershipGroup::Owned() const {
  absl::MutexLock lock(&mutex_);
  return owned_;
}

void OwnershipGroup::Change(const std::set<int32_t>& gained,
                            const std::set<int32_t>& lost) {
  std::set<int32_t> owned;
  {
    absl::MutexLock lock(&mutex_);
    owned = owned_;
    owned.insert(gained.begin(), gained.end());
    for (int32_t partition : lost) owned.erase(partition);
    // A cooperative rebalance often gives or takes nothing of this node's.
    if (owned == owned_) return;
    owned_ = owned;
  }
  if (on_change_) on_change_(owned);
}

void OwnershipGroup::PollLoop() {
  while (!stopping_.load()) {
    // Serves rebalances and keeps the member in the group; a record
    // fetched before its partition was paused is dropped.
    std::unique_ptr<RdKafka::Message> message(consumer_->consume(kPollMs));
    const RdKafka::ErrorCode code = message->err();
    if (code != RdKafka::ERR_NO_ERROR && !IsTransientKafkaError(code)) {
      Report(KafkaStatus(code, "in the ownership group", message->errstr()));
    }
  }
}

void OwnershipGroup::Stop() {
  if (stopped_ || consumer_ == nullptr) return;
  stopped_ = true;
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  // close() leaves the group, serving the final revocation here.
  consumer_->close();
}

}  // namespace guestvoice::service::cluster
