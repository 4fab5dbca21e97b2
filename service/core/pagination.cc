#include "service/core/pagination.h"

#include <algorithm>
#include <vector>

#include "absl/strings/match.h"
#include "common/status_macros.h"
#include "service/core/errors.h"
#include "service/core/page_token.h"

namespace guestvoice::service {
namespace {

// The last key of the previous page, or PAGE_TOKEN_INVALID.
absl::StatusOr<std::string> DecodeToken(const storage::Store& store,
                                        const PageQuery& query) {
  ASSIGN_OR_RETURN(std::string last_key,
                   DecodePageToken(store.secret(), PageTokenKind::kStoreKey,
                                   query.request_identity, query.page_token));
  if (!absl::StartsWith(last_key, query.prefix)) return PageTokenInvalid();
  return last_key;
}

}  // namespace

absl::StatusOr<size_t> ResolvePageSize(int32_t page_size, size_t default_size) {
  if (page_size < 0) return InvalidField("page_size", "must not be negative");
  if (page_size == 0) return default_size;
  return std::min<size_t>(page_size, kMaxPageSize);
}

absl::StatusOr<std::string> VisitPage(
    const storage::Store& store, const PageQuery& query,
    absl::FunctionRef<absl::Status(std::string_view key,
                                   std::string_view value)>
        visit) {
  ASSIGN_OR_RETURN(const size_t page_size, ResolvePageSize(query.page_size));
  std::string start_after;
  if (!query.page_token.empty()) {
    ASSIGN_OR_RETURN(start_after, DecodeToken(store, query));
  }

  std::vector<std::pair<std::string, std::string>> entries;
  RETURN_IF_ERROR(store.Scan(query.family, query.prefix, start_after,
                             page_size + 1,
                             [&](std::string_view key, std::string_view value) {
                               entries.emplace_back(key, value);
                               return storage::ScanStep::kContinue;
                             }));
  const bool more = entries.size() > page_size;
  if (more) entries.resize(page_size);
  for (const auto& [key, value] : entries) {
    RETURN_IF_ERROR(visit(key, value));
  }
  return more ? EncodePageToken(store.secret(), PageTokenKind::kStoreKey,
                                query.request_identity, entries.back().first)
              : std::string();
}

absl::StatusOr<std::string> VisitFilteredPage(
    const storage::Store& store, const PageQuery& query,
    std::string_view first_start_after,
    absl::FunctionRef<absl::StatusOr<EntryVerdict>(std::string_view key,
                                                   std::string_view value)>
        judge) {
  ASSIGN_OR_RETURN(const size_t page_size, ResolvePageSize(query.page_size));
  std::string start_after(first_start_after);
  if (!query.page_token.empty()) {
    ASSIGN_OR_RETURN(start_after, DecodeToken(store, query));
  }

  size_t taken = 0;
  size_t examined = 0;
  bool full = false;
  std::string last_key;
  // Set when the scan stopped with entries possibly left in the range.
  bool more = false;
  RETURN_IF_ERROR(store.Scan(
      query.family, query.prefix, start_after, /*limit=*/0,
      [&](std::string_view key,
          std::string_view value) -> absl::StatusOr<storage::ScanStep> {
        if (taken == page_size || full ||
            examined == kMaxEntriesExaminedPerPage) {
          more = true;
          return storage::ScanStep::kStop;
        }
        ++examined;
        ASSIGN_OR_RETURN(EntryVerdict verdict, judge(key, value));
        if (verdict == EntryVerdict::kPastEnd) return storage::ScanStep::kStop;
        if (verdict == EntryVerdict::kTakenPageFull) full = true;
        if (verdict != EntryVerdict::kSkipped) ++taken;
        last_key.assign(key);
        return storage::ScanStep::kContinue;
      }));
  return more ? EncodePageToken(store.secret(), PageTokenKind::kStoreKey,
                                query.request_identity, last_key)
              : std::string();
}

}  // namespace guestvoice::service
