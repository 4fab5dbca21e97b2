#include "service/cluster/command_applier.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/clock.h"
#include "common/status_macros.h"
#include "google/protobuf/message.h"
#include "service/cluster/cluster_stamp.h"
#include "service/cluster/command_codec.h"
#include "service/core/id_source.h"
#include "service/core/proto_time.h"
#include "storage/attached_updates.h"
#include "storage/keys.h"

namespace guestvoice::service::cluster {
namespace {

std::unique_ptr<google::protobuf::Message> NewMessage(
    const google::protobuf::Descriptor* type) {
  return std::unique_ptr<google::protobuf::Message>(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(type)
          ->New());
}

// An outcome that says the node, not the command, failed.
bool IsNodeFailure(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kDataLoss:
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kUnavailable:
      return true;
    default:
      return false;
  }
}

std::string Where(const CommandRecord& record) {
  return absl::StrCat("command ", record.partition, ":", record.offset);
}

}  // namespace

absl::StatusOr<int64_t> CommandApplier::NextOffset(int32_t partition) {
  if (auto known = next_offsets_.find(partition);
      known != next_offsets_.end()) {
    return known->second;
  }
  ASSIGN_OR_RETURN(std::optional<std::string> stored,
                   store_.Get(storage::ColumnFamily::kDefault,
                              storage::AppliedPartitionKey(partition)));
  int64_t next = 0;
  if (stored.has_value()) {
    internal::v1::PartitionProgress progress;
    if (!progress.ParseFromString(*stored)) {
      return absl::DataLossError(absl::StrCat(
          "the applied offset of partition ", partition, " is unreadable"));
    }
    next = progress.next_offset();
  }
  next_offsets_[partition] = next;
  return next;
}

absl::StatusOr<std::optional<AppliedCommand>> CommandApplier::Apply(
    const CommandRecord& record) {
  ASSIGN_OR_RETURN(const int64_t next, NextOffset(record.partition));
  if (record.offset < next) return std::nullopt;
  absl::StatusOr<internal::v1::Command> decoded = DecodeCommand(record.payload);
  if (!decoded.ok()) {
    return absl::Status(
        decoded.status().code(),
        absl::StrCat(Where(record), ": ", decoded.status().message()));
  }
  internal::v1::Command& command = *decoded;
  if (command.organization() != record.organization_id) {
    return absl::DataLossError(absl::StrCat(
        Where(record), " is keyed by organization '", record.organization_id,
        "' but belongs to '", command.organization(), "'"));
  }
  const Mutation* mutation = table_.FindByMethod(command.method());
  if (mutation == nullptr || mutation->reach != MutationReach::kReplicated) {
    return absl::FailedPreconditionError(
        absl::StrCat(Where(record), " is a ", command.method(),
                     ", which this node does not apply: upgrade it to the "
                     "build that wrote the command"));
  }
  std::unique_ptr<google::protobuf::Message> request =
      NewMessage(mutation->request_type);
  if (!request->ParseFromString(command.request())) {
    return absl::DataLossError(absl::StrCat(
        Where(record), ": its ", command.method(), " request is unreadable"));
  }
  std::unique_ptr<google::protobuf::Message> response =
      NewMessage(mutation->response_type);

  const PinnedClock clock(FromProtoTimestamp(command.receive_time()));
  SeededIdSource ids(command.id_seed());
  const DomainContext domain{store_, locks_, clock, ids, organization_locks_};
  const Principal caller = CallerOf(command.caller());
  internal::v1::PartitionProgress progress;
  progress.set_next_offset(record.offset + 1);
  storage::WriteBatch offset;
  offset.Put(storage::ColumnFamily::kDefault,
             storage::AppliedPartitionKey(record.partition),
             progress.SerializeAsString());
  if (stamp_.has_value()) PutClusterStamp(offset, *stamp_);

  AppliedCommand applied;
  applied.id_seed = command.id_seed();
  {
    storage::AttachedUpdates attached(std::move(offset));
    MutationCall call{.domain = domain,
                      .caller = caller,
                      .request = *request,
                      .command = command,
                      .response = *response};
    applied.status = table_.Apply(*mutation, call);
    if (attached.write_failed() || IsNodeFailure(applied.status.code())) {
      return absl::Status(
          applied.status.ok() ? absl::StatusCode::kInternal
                              : applied.status.code(),
          absl::StrCat("applying ", Where(record), " (", command.method(),
                       "): ", applied.status.message()));
    }
    // A command that changed nothing (refused, or a replay) still moves the
    // partition on: the scope writes just the offset.
    if (!attached.written()) {
      RETURN_IF_ERROR(store_.Write(storage::WriteBatch()));
    }
  }
  next_offsets_[record.partition] = record.offset + 1;
  // After its write: what it read of the state was read by the older time.
  applied_times_.Advance(record.organization_id, clock.Now());
  stamp_.reset();
  if (applied.status.ok()) applied.response = response->SerializeAsString();
  return applied;
}

}  // namespace guestvoice::service::cluster
