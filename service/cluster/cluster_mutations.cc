#include "service/cluster/cluster_mutations.h"

#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "service/cluster/command_builder.h"
#include "service/cluster/command_codec.h"
#include "service/cluster/command_partition.h"
#include "service/core/errors.h"

namespace guestvoice::service::cluster {
namespace {

// How long a caller refused for an unreachable cluster is asked to wait.
constexpr absl::Duration kUnavailableRetryDelay = absl::Seconds(1);
// Bytes of each command's id seed: as unique as a random id.
constexpr size_t kSeedBytes = 16;

// Refusals the caller should retry after a moment carry a RetryInfo.
absl::Status WithRetryIfUnavailable(absl::Status status) {
  return status.code() == absl::StatusCode::kUnavailable
             ? WithRetryInfo(std::move(status), kUnavailableRetryDelay)
             : status;
}

// One replicated mutation from its produce to its completion, which the
// first of these takes: the outcome of its command (the apply loop's
// thread), the producer's failure (the producer's poll thread), its
// partition stopping, or the caller abandoning it. Whichever comes later
// finds it completed and does nothing.
class PendingWrite final : public MutationRun {
 public:
  // `finish`: the mutation's receiving-node step (MutationTable::Finish),
  // run on the applied answer; cheap (a CreateApiKey reads its key back).
  using Finish = std::function<absl::Status(google::protobuf::Message&)>;

  PendingWrite(AppliedProgress& progress, int32_t partition,
               google::protobuf::Message& response, Finish finish,
               MutationRunner::Done done)
      : progress_(progress),
        partition_(partition),
        response_(response),
        finish_(std::move(finish)),
        done_(std::move(done)) {}

  void set_wait(AppliedProgress::WaitId wait) {
    absl::MutexLock lock(&mutex_);
    wait_ = wait;
  }

  void Applied(absl::StatusOr<AppliedProgress::Outcome> outcome) {
    std::optional<MutationRunner::Done> done = TakeDone();
    if (!done.has_value()) return;
    if (!outcome.ok()) {
      std::move (*done)(WithRetryIfUnavailable(outcome.status()));
      return;
    }
    if (!outcome->command.status.ok()) {
      std::move (*done)(outcome->command.status);
      return;
    }
    if (!response_.ParseFromString(outcome->command.response)) {
      std::move (*done)(
          absl::InternalError("an applied command's response is unreadable"));
      return;
    }
    if (absl::Status finished = finish_(response_); !finished.ok()) {
      std::move (*done)(std::move(finished));
      return;
    }
    std::move (*done)(
        ConsistencyToken({.partition = partition_, .offset = outcome->offset}));
  }

  // The command was not written (or may not have been): nothing waits for
  // its outcome any more.
  void Fail(absl::Status status) {
    std::optional<MutationRunner::Done> done = TakeDone();
    if (!done.has_value()) return;
    progress_.Forget(wait());
    std::move (*done)(WithRetryIfUnavailable(std::move(status)));
  }

  void Abandon(const absl::Status& reason) override {
    std::optional<MutationRunner::Done> done = TakeDone();
    if (!done.has_value()) return;
    progress_.Forget(wait());
    std::move (*done)(absl::Status(
        reason.code(),
        absl::StrCat(reason.message(),
                     " before this node had applied the write; it may still "
                     "be written: retry with the same request_id to get its "
                     "answer")));
  }

 private:
  std::optional<MutationRunner::Done> TakeDone() {
    absl::MutexLock lock(&mutex_);
    std::optional<MutationRunner::Done> done = std::move(done_);
    done_.reset();
    return done;
  }

  AppliedProgress::WaitId wait() {
    absl::MutexLock lock(&mutex_);
    return wait_;
  }

  AppliedProgress& progress_;
  const int32_t partition_;
  google::protobuf::Message& response_;
  const Finish finish_;
  absl::Mutex mutex_;
  std::optional<MutationRunner::Done> done_ ABSL_GUARDED_BY(mutex_);
  AppliedProgress::WaitId wait_ ABSL_GUARDED_BY(mutex_) = 0;
};

}  // namespace

std::string ConsistencyToken(const RecordPosition& position) {
  return absl::StrCat(position.partition, ":", position.offset);
}

absl::StatusOr<RecordPosition> ParseConsistencyToken(std::string_view header,
                                                     std::string_view token) {
  std::pair<absl::string_view, absl::string_view> parts =
      absl::StrSplit(AbslView(token), absl::MaxSplits(':', 1));
  RecordPosition position;
  if (!absl::SimpleAtoi(parts.first, &position.partition) ||
      !absl::SimpleAtoi(parts.second, &position.offset) ||
      position.partition < 0 || position.offset < 0) {
    return InvalidField(std::string(header),
                        "must be a consistency token a write returned, "
                        "PARTITION:OFFSET");
  }
  return position;
}

std::shared_ptr<MutationRun> ClusterMutations::Start(
    const Principal& caller, const google::protobuf::Message& request,
    google::protobuf::Message& response, Done done) {
  const Mutation* mutation = table_.FindByRequest(*request.GetDescriptor());
  if (mutation == nullptr) {
    std::move(done)(NoMutationFor(request));
    return nullptr;
  }
  switch (mutation->reach) {
    case MutationReach::kNodeLocal:
      if (absl::Status ran =
              table_.Run(*mutation, node_, caller, request, response);
          !ran.ok()) {
        std::move(done)(ran);
      } else {
        std::move(done)(std::string());
      }
      return nullptr;
    case MutationReach::kReplicated:
      break;
  }
  std::string seed = node_.ids.NewSecret(kSeedBytes);
  ReceivingNodeOnly received;
  absl::StatusOr<internal::v1::Command> command =
      BuildCommand(table_, *mutation, node_, caller, request, node_.clock.Now(),
                   seed, &received);
  if (!command.ok()) {
    std::move(done)(command.status());
    return nullptr;
  }
  const std::string organization = command->organization();
  const int32_t partition =
      CommandPartition(organization, producer_.partition_count());
  if (absl::Status stopped = progress_.PartitionStatus(partition);
      !stopped.ok()) {
    std::move(done)(WithRetryIfUnavailable(std::move(stopped)));
    return nullptr;
  }
  const std::string record = EncodeCommand(*std::move(command));
  auto write = std::make_shared<PendingWrite>(
      progress_, partition, response,
      [this, mutation,
       received = std::move(received)](google::protobuf::Message& answer) {
        return table_.Finish(*mutation, node_, received, answer);
      },
      std::move(done));
  // Registered before the produce: this node may apply the command before
  // the producer hears the cluster's acknowledgement.
  write->set_wait(progress_.WhenOutcome(
      seed, partition,
      [write](absl::StatusOr<AppliedProgress::Outcome> outcome) {
        write->Applied(std::move(outcome));
      }));
  if (absl::Status queued =
          producer_.Produce(organization, record,
                            [write](absl::StatusOr<RecordPosition> position) {
                              if (!position.ok())
                                write->Fail(position.status());
                            });
      !queued.ok()) {
    write->Fail(std::move(queued));
  }
  return write;
}

}  // namespace guestvoice::service::cluster
