#ifndef GUESTVOICE_SERVICE_REQUEST_LOG_H_
#define GUESTVOICE_SERVICE_REQUEST_LOG_H_

// AIP-155 request ids: a create retried with the same request_id returns what
// the first call returned. The record is written in the same WriteBatch as the
// resource, so either both exist or neither does; callers hold the
// LockTable stripes of the request key and the resource key across the lookup
// and the write.

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "storage/store.h"

namespace guestvoice::service {

// Identifies a request's content: SHA-256 of its deterministic serialization
// with the request_id field cleared by the caller.
std::string RequestDigest(const google::protobuf::Message& request);

// The response recorded under `request_key`, or nullopt for a new request.
// INVALID_ARGUMENT (REQUEST_ID_REUSED) when the id was used for a request
// with another digest.
absl::StatusOr<std::optional<std::string>> LookupRequest(
    const storage::Store& store, std::string_view request_key,
    std::string_view request_id, std::string_view digest);

// Adds the record of a served request to `batch`. `response` must hold no
// secrets.
void RecordRequest(storage::WriteBatch& batch, std::string_view request_key,
                   std::string digest,
                   const google::protobuf::Message& response, absl::Time now);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_REQUEST_LOG_H_
