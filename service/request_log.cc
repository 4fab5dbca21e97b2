#include "service/request_log.h"

#include "common/status_macros.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "service/crypto.h"
#include "service/errors.h"
#include "service/proto_time.h"

namespace guestvoice::service {

std::string RequestDigest(const google::protobuf::Message& request) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    // Deterministic: map order must not make one request look like another.
    coded.SetSerializationDeterministic(true);
    request.SerializeToCodedStream(&coded);
  }
  return Sha256(bytes);
}

absl::StatusOr<std::optional<std::string>> LookupRequest(
    const storage::Store& store, std::string_view request_key,
    std::string_view request_id, std::string_view digest) {
  ASSIGN_OR_RETURN(std::optional<std::string> stored,
                   store.Get(storage::ColumnFamily::kRequests, request_key));
  if (!stored.has_value()) return std::nullopt;
  internal::v1::RequestRecord record;
  if (!record.ParseFromString(*stored)) {
    return absl::DataLossError("a stored request record is unreadable");
  }
  if (record.request_sha256() != digest) return RequestIdReused(request_id);
  return std::move(*record.mutable_response());
}

void RecordRequest(storage::WriteBatch& batch, std::string_view request_key,
                   std::string digest,
                   const google::protobuf::Message& response, absl::Time now) {
  internal::v1::RequestRecord record;
  record.set_request_sha256(std::move(digest));
  record.set_response(response.SerializeAsString());
  *record.mutable_create_time() = ToProtoTimestamp(now);
  batch.Put(storage::ColumnFamily::kRequests, request_key,
            record.SerializeAsString());
}

}  // namespace guestvoice::service
