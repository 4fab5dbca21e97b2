#ifndef GUESTVOICE_SERVICE_LOYALTY_GUEST_EXPORT_H_
#define GUESTVOICE_SERVICE_LOYALTY_GUEST_EXPORT_H_

// The pages of LoyaltyService.ExportGuest (AIP-158). A guest with hundreds of
// long reviews has more feedback than a gRPC client accepts in one response
// (4 MiB by default), so the feedback comes in pages: the first page holds
// the profile and activity with the first items, each later page only
// feedback. Items come identity by identity (in the order of the guest's
// identities), each author's in the order of ComesBefore (voices.h); a token
// holds the identity's index and the last item's position, so an item
// ingested between two pages neither repeats nor shifts the rest.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "guestvoice/v1/loyalty_service.pb.h"
#include "storage/store.h"

namespace guestvoice::service {

// Where the previous page ended.
struct ExportResumePoint {
  size_t identity_index = 0;
  absl::Time post_time;
  std::string name;
};

struct ExportPage {
  size_t max_items = 0;
  // nullopt on the first page.
  std::optional<ExportResumePoint> resume_after;

  bool first() const { return !resume_after.has_value(); }
};

// The page `request` asks for. Errors: FIELD_INVALID for a negative
// page_size, PAGE_TOKEN_INVALID for a token of another guest's export.
absl::StatusOr<ExportPage> ParseExportPage(
    const storage::Store& store, const v1::ExportGuestRequest& request);

// Adds the page's feedback of `guest`'s author identities to `response`,
// ending after max_items or the item that brings the whole response to
// kMaxPageBytes (pagination.h), and sets next_page_token when more follow.
absl::Status AddExportFeedback(const storage::Store& store,
                               std::string_view organization,
                               const v1::Guest& guest,
                               const v1::ExportGuestRequest& request,
                               const ExportPage& page,
                               v1::ExportGuestResponse& response);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_LOYALTY_GUEST_EXPORT_H_
