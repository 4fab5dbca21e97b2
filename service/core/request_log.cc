#include "service/core/request_log.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/status_macros.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "service/core/crypto.h"
#include "service/core/errors.h"
#include "service/core/proto_records.h"
#include "service/core/proto_time.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

constexpr std::string_view kRequestIdField = "request_id";

std::string RequestIdOf(const google::protobuf::Message& request) {
  const auto* field =
      request.GetDescriptor()->FindFieldByName(std::string(kRequestIdField));
  return field == nullptr ? std::string()
                          : request.GetReflection()->GetString(request, field);
}

// The request without its request_id: what identifies "the same request".
std::unique_ptr<google::protobuf::Message> WithoutRequestId(
    const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> copy(request.New());
  copy->CopyFrom(request);
  const auto* field =
      copy->GetDescriptor()->FindFieldByName(std::string(kRequestIdField));
  if (field != nullptr) copy->GetReflection()->ClearField(copy.get(), field);
  return copy;
}

// SHA-256 of the request's deterministic serialization.
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

bool Expired(const internal::v1::RequestRecord& record, absl::Time now) {
  return FromProtoTimestamp(record.create_time()) + kRequestIdLifetime < now;
}

// The response recorded under `request_key`, or nullopt for a new request
// (or one whose record has expired, which compaction may not have dropped
// yet); INVALID_ARGUMENT (REQUEST_ID_REUSED) for a request with another
// digest.
absl::StatusOr<std::optional<std::string>> LookupRequest(
    const storage::Store& store, std::string_view request_key,
    std::string_view request_id, std::string_view digest, absl::Time now) {
  ASSIGN_OR_RETURN(std::optional<internal::v1::RequestRecord> record,
                   ReadProto<internal::v1::RequestRecord>(
                       store, storage::ColumnFamily::kRequests, request_key,
                       "a request record"));
  if (!record.has_value() || Expired(*record, now)) return std::nullopt;
  if (record->request_sha256() != digest) return RequestIdReused(request_id);
  return std::move(*record->mutable_response());
}

// Adds the record of a served request to `batch`.
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

}  // namespace

bool RequestRecordExpired(std::string_view record, absl::Time now) {
  internal::v1::RequestRecord parsed;
  return parsed.ParseFromArray(record.data(),
                               static_cast<int>(record.size())) &&
         Expired(parsed, now);
}

RequestExpiryNow ExpiryByClock(const Clock& clock) {
  return [&clock](std::string_view) -> std::optional<absl::Time> {
    return clock.Now();
  };
}

storage::ExpiringFamily ExpiringRequestRecords(RequestExpiryNow now) {
  return {.family = storage::ColumnFamily::kRequests,
          .is_expired = [now = std::move(now)](std::string_view key,
                                               std::string_view record) {
            // An unreadable key is kept for the verify tool to report.
            absl::StatusOr<storage::RequestIdKeyParts> parts =
                storage::ParseRequestIdKey(key);
            if (!parts.ok()) return false;
            const std::optional<absl::Time> expiry_now = now(parts->org_id);
            return expiry_now.has_value() &&
                   RequestRecordExpired(record, *expiry_now);
          }};
}

absl::Status CreateOnce(
    const DomainContext& deps, const CreateCall& call,
    google::protobuf::Message& response,
    absl::FunctionRef<absl::Status(storage::WriteBatch& batch)> create) {
  const std::string request_id = RequestIdOf(call.request);
  std::vector<std::string> lock_keys(call.claimed_keys.begin(),
                                     call.claimed_keys.end());
  lock_keys.emplace_back(call.resource_key);
  storage::WriteBatch batch;
  if (request_id.empty()) {
    auto guard = deps.locks.LockAll(lock_keys);
    RETURN_IF_ERROR(create(batch));
    return deps.store.Write(std::move(batch));
  }

  const std::string request_key =
      storage::RequestIdKey(call.organization, call.method, request_id);
  std::string digest = RequestDigest(*WithoutRequestId(call.request));
  lock_keys.push_back(request_key);
  auto guard = deps.locks.LockAll(lock_keys);
  ASSIGN_OR_RETURN(std::optional<std::string> previous,
                   LookupRequest(deps.store, request_key, request_id, digest,
                                 deps.clock.Now()));
  if (previous.has_value()) {
    return response.ParseFromString(*previous)
               ? absl::OkStatus()
               : absl::DataLossError("a recorded response is unreadable");
  }

  RETURN_IF_ERROR(create(batch));
  RecordRequest(batch, request_key, std::move(digest), response,
                deps.clock.Now());
  return deps.store.Write(std::move(batch));
}

absl::StatusOr<bool> ReplaceRecordedResponse(
    const storage::Store& store, storage::WriteBatch& batch,
    std::string_view organization, std::string_view method,
    std::string_view request_id, const google::protobuf::Message& response,
    absl::Time now, absl::FunctionRef<bool(std::string_view)> answered) {
  const std::string request_key =
      storage::RequestIdKey(organization, method, request_id);
  ASSIGN_OR_RETURN(std::optional<internal::v1::RequestRecord> record,
                   ReadProto<internal::v1::RequestRecord>(
                       store, storage::ColumnFamily::kRequests, request_key,
                       "a request record"));
  if (!record.has_value() || Expired(*record, now) ||
      !answered(record->response())) {
    return false;
  }
  record->set_response(response.SerializeAsString());
  batch.Put(storage::ColumnFamily::kRequests, request_key,
            record->SerializeAsString());
  return true;
}

}  // namespace guestvoice::service
