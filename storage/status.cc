#include "storage/status.h"

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"

namespace guestvoice::storage {
namespace {

// Codes follow the rules in absl/status/status.h: retry the same call ->
// UNAVAILABLE; retry a higher-level sequence -> ABORTED; fix the system's
// state first -> FAILED_PRECONDITION.
//
//  RocksDB                         absl                 why
//  ------------------------------  -------------------
//  -------------------------------------- any, subcode NoSpace/SpaceLimit
//  RESOURCE_EXHAUSTED   disk full or over the configured limit any, subcode
//  MemoryLimit        RESOURCE_EXHAUSTED   memory budget exceeded NotFound
//  NOT_FOUND            (Get turns a missing key into nullopt) Corruption
//  DATA_LOSS            bytes on disk are not what was written IOError, subcode
//  PathNotFound   DATA_LOSS            a file the store refers to is gone
//  IOError, subcode IOFenced       FAILED_PRECONDITION  another writer took
//  over the files IOError (other)                 UNAVAILABLE          the disk
//  failed this call; the write was
//                                                       not acknowledged, a
//                                                       retry may succeed
//  InvalidArgument                 FAILED_PRECONDITION  clients never hand
//  RocksDB arguments:
//                                                       this is a store or
//                                                       options mismatch (at
//                                                       open: a foreign or
//                                                       incompatible store),
//                                                       not a bad request
//  NotSupported                    UNIMPLEMENTED        feature missing from
//  this librocksdb Busy, TryAgain                  UNAVAILABLE transient
//  contention; retry the call TimedOut                        DEADLINE_EXCEEDED
//  Aborted, Expired                ABORTED              retry the enclosing
//  sequence Incomplete                      ABORTED              stopped
//  part-way (e.g. paused) MergeInProgress                 INTERNAL only from
//  APIs this library never calls ShutdownInProgress              UNAVAILABLE
//  the server is stopping; retry elsewhere CompactionTooLarge
//  RESOURCE_EXHAUSTED ColumnFamilyDropped             FAILED_PRECONDITION
//  families are never dropped while open
absl::StatusCode CodeFor(const rocksdb::Status& status) {
  switch (status.subcode()) {
    case rocksdb::Status::kNoSpace:
    case rocksdb::Status::kSpaceLimit:
    case rocksdb::Status::kMemoryLimit:
      return absl::StatusCode::kResourceExhausted;
    default:
      break;
  }
  switch (status.code()) {
    case rocksdb::Status::kOk:
      return absl::StatusCode::kOk;
    case rocksdb::Status::kNotFound:
      return absl::StatusCode::kNotFound;
    case rocksdb::Status::kCorruption:
      return absl::StatusCode::kDataLoss;
    case rocksdb::Status::kIOError:
      if (status.IsPathNotFound()) return absl::StatusCode::kDataLoss;
      if (status.IsIOFenced()) return absl::StatusCode::kFailedPrecondition;
      return absl::StatusCode::kUnavailable;
    case rocksdb::Status::kInvalidArgument:
      return absl::StatusCode::kFailedPrecondition;
    case rocksdb::Status::kNotSupported:
      return absl::StatusCode::kUnimplemented;
    case rocksdb::Status::kBusy:
    case rocksdb::Status::kTryAgain:
      return absl::StatusCode::kUnavailable;
    case rocksdb::Status::kTimedOut:
      return absl::StatusCode::kDeadlineExceeded;
    case rocksdb::Status::kAborted:
    case rocksdb::Status::kExpired:
    case rocksdb::Status::kIncomplete:
      return absl::StatusCode::kAborted;
    case rocksdb::Status::kMergeInProgress:
      return absl::StatusCode::kInternal;
    case rocksdb::Status::kShutdownInProgress:
      return absl::StatusCode::kUnavailable;
    case rocksdb::Status::kCompactionTooLarge:
      return absl::StatusCode::kResourceExhausted;
    case rocksdb::Status::kColumnFamilyDropped:
      return absl::StatusCode::kFailedPrecondition;
    case rocksdb::Status::kMaxCode:
      break;
  }
  return absl::StatusCode::kUnknown;
}

}  // namespace

absl::Status FromRocksDb(const rocksdb::Status& status,
                         std::string_view context) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(CodeFor(status),
                      absl::StrCat(AbslView(context), ": ", status.ToString()));
}

}  // namespace guestvoice::storage
