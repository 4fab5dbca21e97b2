#include "service/cluster/cluster_mutations.h"

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
#include "service/core/errors.h"

namespace guestvoice::service::cluster {
namespace {

// How long a caller refused for an unreachable cluster is asked to wait.
constexpr absl::Duration kUnavailableRetryDelay = absl::Seconds(1);
// Bytes of each command's id seed: as unique as a random id.
constexpr size_t kSeedBytes = 16;

// The producer's completion, handed from its poll thread to the caller.
class Acknowledgement {
 public:
  void Set(absl::StatusOr<RecordPosition> result) {
    absl::MutexLock lock(&mutex_);
    result_ = std::move(result);
  }
  // The result, or nullopt when `deadline` passed first.
  std::optional<absl::StatusOr<RecordPosition>> Await(absl::Time deadline) {
    absl::MutexLock lock(&mutex_);
    mutex_.AwaitWithDeadline(
        absl::Condition(
            +[](std::optional<absl::StatusOr<RecordPosition>>* result) {
              return result->has_value();
            },
            &result_),
        deadline);
    return result_;
  }

 private:
  absl::Mutex mutex_;
  std::optional<absl::StatusOr<RecordPosition>> result_ ABSL_GUARDED_BY(mutex_);
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

absl::StatusOr<std::string> ClusterMutations::Run(
    const Principal& caller, const google::protobuf::Message& request,
    google::protobuf::Message& response, absl::Time deadline) {
  const Mutation* mutation = table_.FindByRequest(*request.GetDescriptor());
  if (mutation == nullptr) return NoMutationFor(request);
  switch (mutation->reach) {
    case MutationReach::kNodeLocal:
      RETURN_IF_ERROR(table_.Run(*mutation, node_, caller, request, response));
      return std::string();
    case MutationReach::kReplicated:
      break;
  }
  std::string seed = node_.ids.NewSecret(kSeedBytes);
  ReceivingNodeOnly received;
  ASSIGN_OR_RETURN(internal::v1::Command command,
                   BuildCommand(table_, *mutation, node_, caller, request,
                                node_.clock.Now(), seed, &received));
  const std::string organization = command.organization();
  const std::string record = EncodeCommand(std::move(command));

  progress_.Expect(seed);
  auto acknowledgement = std::make_shared<Acknowledgement>();
  if (absl::Status queued = producer_.Produce(
          organization, record,
          [acknowledgement](absl::StatusOr<RecordPosition> result) {
            acknowledgement->Set(std::move(result));
          });
      !queued.ok()) {
    progress_.Forget(seed);
    return queued.code() == absl::StatusCode::kUnavailable
               ? WithRetryInfo(queued, kUnavailableRetryDelay)
               : queued;
  }
  std::optional<absl::StatusOr<RecordPosition>> position =
      acknowledgement->Await(deadline);
  if (!position.has_value()) {
    progress_.Forget(seed);
    return absl::DeadlineExceededError(
        "the cluster had not acknowledged the write by the call's deadline; "
        "it may still be written: retry with the same request_id");
  }
  if (!position->ok()) {
    progress_.Forget(seed);
    const absl::Status& failed = position->status();
    return failed.code() == absl::StatusCode::kUnavailable
               ? WithRetryInfo(failed, kUnavailableRetryDelay)
               : failed;
  }
  ASSIGN_OR_RETURN(
      AppliedCommand applied,
      progress_.AwaitOutcome(seed, (*position)->partition, deadline));
  RETURN_IF_ERROR(applied.status);
  if (!response.ParseFromString(applied.response)) {
    return absl::InternalError("an applied command's response is unreadable");
  }
  RETURN_IF_ERROR(table_.Finish(*mutation, node_, received, response));
  return ConsistencyToken(**position);
}

}  // namespace guestvoice::service::cluster
