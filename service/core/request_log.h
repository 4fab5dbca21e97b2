#ifndef GUESTVOICE_SERVICE_CORE_REQUEST_LOG_H_
#define GUESTVOICE_SERVICE_CORE_REQUEST_LOG_H_

// AIP-155 request ids: a create retried with the same request_id returns what
// the first call returned, and a different request under a used id is
// refused. The record is written in the same WriteBatch as the resource, so
// either both exist or neither does. Records are kept for
// kRequestIdLifetime; after that the id is free again (docs/security.md).

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "common/clock.h"
#include "google/protobuf/message.h"
#include "service/core/domain_context.h"
#include "storage/store_options.h"
#include "storage/write_batch.h"

namespace guestvoice::service {

// How long a request_id is remembered after its first call: far longer than
// any client retries one, short enough that the records do not pile up.
inline constexpr absl::Duration kRequestIdLifetime = absl::Hours(24 * 7);

// Whether a request record (the requests family's value) was first served
// more than kRequestIdLifetime before `now`. An unreadable record is not
// expired: it is kept for the verify tool to report.
bool RequestRecordExpired(std::string_view record, absl::Time now);

// The time by which an organization's request records expire now, given its
// id; nullopt: none of them expires now.
using RequestExpiryNow =
    std::function<std::optional<absl::Time>(std::string_view org_id)>;

// RequestExpiryNow by `clock`, for every organization: the embedded mode's.
RequestExpiryNow ExpiryByClock(const Clock& clock);

// The store options that let compactions drop expired request records, by
// `now`: the server's clock in the embedded mode, the applied time in the
// cluster mode (service/cluster/applied_times.h). What it uses must outlive
// the store.
storage::ExpiringFamily ExpiringRequestRecords(RequestExpiryNow now);

// One create call, as CreateOnce needs it.
struct CreateCall {
  // The organization the request_id is scoped to.
  std::string_view organization;
  // The RPC's name, so the same id may be used with different methods.
  std::string_view method;
  // The whole request; its `request_id` field ("" when absent) is the
  // idempotency key and is left out of the request's digest.
  const google::protobuf::Message& request;
  // The key of the resource being created: locked together with the request
  // record, so a check-then-write on it is atomic.
  std::string_view resource_key;
  // Further keys the create checks and then writes (the index entries a new
  // guest claims for its identities), locked together with the resource key.
  absl::Span<const std::string> claimed_keys = {};
};

// Runs `create` (which adds the resource to the batch and fills `response`)
// and writes its batch, or, for a request_id seen before, parses the recorded
// response into `response` and writes nothing. The response is recorded as
// `create` left it, so it must hold no secret (a new API key's secret is
// added to the response after its domain write, api_keys.h). A lock that
// must come before any stripe (an organization's lock) is the
// caller's to take before calling.
absl::Status CreateOnce(
    const DomainContext& deps, const CreateCall& call,
    google::protobuf::Message& response,
    absl::FunctionRef<absl::Status(storage::WriteBatch& batch)> create);

// Adds to `batch` the record of `request_id` (of `method`, in
// `organization`) answering `response` from now on, its request and time
// kept (so it is still that request's, and expires when it would have): a
// resource created by the request and since merged into another answers a
// retry with what it became. Only when a live record is kept and
// `answered(recorded response bytes)` (it is still the answer of the call
// the caller means, not of a later call that reused the id after it
// expired); returns whether it was replaced.
absl::StatusOr<bool> ReplaceRecordedResponse(
    const storage::Store& store, storage::WriteBatch& batch,
    std::string_view organization, std::string_view method,
    std::string_view request_id, const google::protobuf::Message& response,
    absl::Time now, absl::FunctionRef<bool(std::string_view)> answered);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_REQUEST_LOG_H_
