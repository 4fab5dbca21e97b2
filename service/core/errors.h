#ifndef GUESTVOICE_SERVICE_CORE_ERRORS_H_
#define GUESTVOICE_SERVICE_CORE_ERRORS_H_

// The errors guestvoice returns, built in one place so that every one carries
// a google.rpc.ErrorInfo (domain "guestvoice.v1", reason from ErrorReason) and,
// for bad fields, a google.rpc.BadRequest. The details travel inside
// absl::Status as payloads keyed by their Any type URL; ToGrpcStatus
// (grpc_status.h) turns them into grpc-status-details-bin.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "guestvoice/v1/admin.pb.h"
#include "guestvoice/v1/error_reason.pb.h"

namespace guestvoice::service {

inline constexpr std::string_view kErrorDomain = "guestvoice.v1";
inline constexpr std::string_view kErrorInfoTypeUrl =
    "type.googleapis.com/google.rpc.ErrorInfo";
inline constexpr std::string_view kBadRequestTypeUrl =
    "type.googleapis.com/google.rpc.BadRequest";
inline constexpr std::string_view kRetryInfoTypeUrl =
    "type.googleapis.com/google.rpc.RetryInfo";

// The ErrorInfo.reason string of a reason: its name without "ERROR_REASON_".
std::string ReasonString(v1::ErrorReason reason);

// Returns `status` with an ErrorInfo payload naming `reason`; metadata pairs
// become ErrorInfo.metadata. OK statuses are returned unchanged.
absl::Status WithErrorInfo(
    absl::Status status, v1::ErrorReason reason,
    std::vector<std::pair<std::string, std::string>> metadata = {});

// Errors name the fields, resources and values they are about, which may be
// whatever a caller sent (an aspect of 100,000 characters). gRPC sends an
// error's message and details in trailers, which clients refuse above 8 KiB
// (RESOURCE_EXHAUSTED instead of the error), so what an error echoes is cut:
// each field name, description and ErrorInfo value to kMaxEchoedBytes (the
// builders here do it), the whole message to kMaxErrorMessageBytes
// (ToRpcStatus).
inline constexpr size_t kMaxEchoedBytes = 256;
inline constexpr size_t kMaxErrorMessageBytes = 1024;

// `text` if it has at most `max_bytes`; else its first max_bytes (ending on
// a whole UTF-8 character) and how long it was.
std::string CutForError(std::string text, size_t max_bytes = kMaxEchoedBytes);

// Collects every invalid field of a request, so that one reply names them all.
// Field paths use the request's proto field names ("hotel.time_zone").
class FieldViolations {
 public:
  void Add(std::string field, std::string description);
  // Adds the field violations carried by `status` (an error from a parser
  // such as ParseHotelName); OK statuses add nothing.
  void AddAll(const absl::Status& status);
  bool empty() const { return violations_.empty(); }
  // INVALID_ARGUMENT (FIELD_INVALID) with a BadRequest, or OK when empty.
  absl::Status ToStatus() const;

 private:
  std::vector<std::pair<std::string, std::string>> violations_;
};

// INVALID_ARGUMENT (FIELD_INVALID) for one field.
absl::Status InvalidField(std::string field, std::string description);
// INVALID_ARGUMENT (PAGE_TOKEN_INVALID).
absl::Status PageTokenInvalid();
// INVALID_ARGUMENT (REQUEST_ID_REUSED).
absl::Status RequestIdReused(std::string_view request_id);
// NOT_FOUND (RESOURCE_NOT_FOUND) naming the resource the caller asked for.
absl::Status ResourceNotFound(std::string_view resource_name);
// The same for a resource asked for by what it holds, not by name (a guest
// by an identity): `message` says what was not found, and `collection` (the
// ErrorInfo's resource) where it was looked for.
absl::Status ResourceNotFound(std::string_view collection,
                              std::string_view message);
// ALREADY_EXISTS (RESOURCE_ALREADY_EXISTS).
absl::Status ResourceAlreadyExists(std::string_view resource_name);
// The same with `message` saying what exists and why the call conflicts
// with it; the ErrorInfo's resource names `resource_name`.
absl::Status ResourceAlreadyExists(std::string_view resource_name,
                                   std::string_view message);
// UNAUTHENTICATED with one of the API_KEY_* reasons.
absl::Status Unauthenticated(v1::ErrorReason reason, std::string_view message);
// PERMISSION_DENIED (SCOPE_MISSING) naming the scope.
absl::Status ScopeMissing(v1::Scope required);
// FAILED_PRECONDITION (FAILED_PRECONDITION).
absl::Status PreconditionFailed(std::string_view message);
// RESOURCE_EXHAUSTED (LIMIT_EXCEEDED) with a google.rpc.RetryInfo asking the
// caller to retry after `retry_after`: a server limit was reached, and the
// same call will likely succeed later.
absl::Status LimitExceeded(std::string_view message,
                           absl::Duration retry_after);
// `status` with a google.rpc.RetryInfo asking the caller to retry after
// `retry_after` (an UNAVAILABLE that will likely pass); OK is unchanged.
absl::Status WithRetryInfo(absl::Status status, absl::Duration retry_after);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_ERRORS_H_
