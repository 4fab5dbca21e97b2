#ifndef GUESTVOICE_SERVICE_CORE_PROTO_RECORDS_H_
#define GUESTVOICE_SERVICE_CORE_PROTO_RECORDS_H_

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "google/protobuf/message_lite.h"
#include "storage/store.h"

namespace guestvoice::service {

// Parses stored `bytes` into `record` (a listing's next element, say).
// DATA_LOSS names `what` when the bytes do not parse.
inline absl::Status ParseStoredInto(std::string_view bytes,
                                    google::protobuf::MessageLite& record,
                                    std::string_view what) {
  if (!record.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError(absl::StrCat("the stored record of ",
                                            AbslView(what), " is unreadable"));
  }
  return absl::OkStatus();
}

// `bytes` parsed as a Record, nullopt for none. DATA_LOSS names `what` when
// the bytes do not parse.
template <typename Record>
absl::StatusOr<std::optional<Record>> ParseStoredRecord(
    const std::optional<std::string>& bytes, std::string_view what) {
  if (!bytes.has_value()) return std::nullopt;
  Record record;
  RETURN_IF_ERROR(ParseStoredInto(*bytes, record, what));
  return record;
}

// The protobuf record stored under `key`, or nullopt when there is none.
// DATA_LOSS names `what` when the bytes do not parse.
template <typename Record>
absl::StatusOr<std::optional<Record>> ReadProto(const storage::Store& store,
                                                storage::ColumnFamily family,
                                                std::string_view key,
                                                std::string_view what) {
  ASSIGN_OR_RETURN(std::optional<std::string> bytes, store.Get(family, key));
  return ParseStoredRecord<Record>(bytes, what);
}

// As ReadProto, through Store::GetCached: for a small record that many
// writes read and few change, such as a hotel or a feedback author.
template <typename Record>
absl::StatusOr<std::optional<Record>> ReadCachedProto(
    const storage::Store& store, storage::ColumnFamily family,
    std::string_view key, std::string_view what) {
  ASSIGN_OR_RETURN(std::optional<std::string> bytes,
                   store.GetCached(family, key));
  return ParseStoredRecord<Record>(bytes, what);
}

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_PROTO_RECORDS_H_
