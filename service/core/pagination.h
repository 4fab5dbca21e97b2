#ifndef GUESTVOICE_SERVICE_CORE_PAGINATION_H_
#define GUESTVOICE_SERVICE_CORE_PAGINATION_H_

// AIP-158 pagination over one key prefix of the store. Page tokens
// (page_token.h) carry the last key returned; a token is accepted only for the
// same request (same method, parent and filters) and only if its key lies
// inside the request's own prefix, so a forged token can never reach another
// tenant's keys.

#include <string>
#include <string_view>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "storage/store.h"

namespace guestvoice::service {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;
// A page of large messages (feedback items) ends early, with a token, after
// the item that brings it to this many serialized bytes: gRPC clients refuse
// a response over 4 MiB by default, and no item comes near 2 MiB (the
// largest, a 16 KiB review whose every aspect mention quotes its clause, is
// ~0.2 MiB), so a page stays within what every client accepts.
inline constexpr size_t kMaxPageBytes = size_t{2} << 20;

// A request's page_size as a count of items (AIP-158): `default_size` when 0,
// coerced to kMaxPageSize above it; FIELD_INVALID on `page_size` when
// negative.
absl::StatusOr<size_t> ResolvePageSize(int32_t page_size,
                                       size_t default_size = kDefaultPageSize);

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

// What a filtered listing makes of one index entry.
enum class EntryVerdict {
  kTaken,          // it matches and the visitor added it to the page
  kTakenPageFull,  // the same, and the page is full by size (kMaxPageBytes)
  kSkipped,        // it does not match the filters
  kPastEnd,  // it and every entry after it lie outside the requested range
};

// Entries a filtered page examines at most, so that a filter matching little
// costs bounded work per call; the page then ends early with a token.
inline constexpr size_t kMaxEntriesExaminedPerPage = 10000;

// Like VisitPage for listings that filter what they scan: starts after the
// token's key or, on the first page, after `first_start_after` (a position
// inside query.prefix, "" for its beginning), and offers entries to `judge`
// until it took page_size of them, took one that filled the page, said
// kPastEnd, or examined kMaxEntriesExaminedPerPage. The next page token is ""
// once the range is exhausted; a token may lead to an empty last page when no
// later entry matches.
absl::StatusOr<std::string> VisitFilteredPage(
    const storage::Store& store, const PageQuery& query,
    std::string_view first_start_after,
    absl::FunctionRef<absl::StatusOr<EntryVerdict>(std::string_view key,
                                                   std::string_view value)>
        judge);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_PAGINATION_H_
