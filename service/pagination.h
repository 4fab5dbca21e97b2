#ifndef GUESTVOICE_SERVICE_PAGINATION_H_
#define GUESTVOICE_SERVICE_PAGINATION_H_

// AIP-158 pagination over one key prefix of the store. Page tokens are
// opaque to clients: web-safe base64 of a version byte, a digest of the
// request they belong to, and the last key returned. A token is accepted only
// for the same request (same method, parent and filters) and only if its key
// lies inside the request's own prefix, so a forged token can never reach
// another tenant's keys.

#include <string>
#include <string_view>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/store.h"

namespace guestvoice::service {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;

struct PageQuery {
  storage::ColumnFamily family;
  // Only keys with this prefix are listed.
  std::string prefix;
  // Identifies the request a token belongs to: method name plus every filter.
  std::string request_identity;
  int32_t page_size = 0;
  std::string page_token;
};

// Visits one page of `query` and returns the next page token ("" on the last
// page). Errors: FIELD_INVALID for a negative page_size, PAGE_TOKEN_INVALID
// for a token of another request, whatever `visit` returns.
absl::StatusOr<std::string> VisitPage(
    const storage::Store& store, const PageQuery& query,
    absl::FunctionRef<absl::Status(std::string_view key,
                                   std::string_view value)>
        visit);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_PAGINATION_H_
