#include "service/loyalty/guest_export.h"

#include <cstdint>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "service/core/errors.h"
#include "service/core/page_token.h"
#include "service/core/pagination.h"
#include "service/feedback/voices.h"
#include "service/loyalty/identities.h"

namespace guestvoice::service {
namespace {

// A token belongs to one guest's export; page_size may change between pages.
std::string RequestIdentity(const v1::ExportGuestRequest& request) {
  return absl::StrCat("ExportGuest\n", request.name());
}

// "identity index|seconds|nanos|name": the name comes last, so whatever it
// holds cannot break the split.
std::string EncodePosition(size_t identity_index, const v1::Feedback& item) {
  return absl::StrCat(identity_index, "|", item.post_time().seconds(), "|",
                      item.post_time().nanos(), "|", item.name());
}

absl::StatusOr<ExportResumePoint> DecodePosition(std::string_view position) {
  const std::vector<absl::string_view> parts =
      absl::StrSplit(AbslView(position), absl::MaxSplits('|', 3));
  ExportResumePoint point;
  int64_t seconds = 0;
  int32_t nanos = 0;
  if (parts.size() != 4 || !absl::SimpleAtoi(parts[0], &point.identity_index) ||
      !absl::SimpleAtoi(parts[1], &seconds) ||
      !absl::SimpleAtoi(parts[2], &nanos)) {
    return PageTokenInvalid();
  }
  point.post_time = absl::FromUnixSeconds(seconds) + absl::Nanoseconds(nanos);
  point.name = std::string(parts[3]);
  return point;
}

}  // namespace

absl::StatusOr<ExportPage> ParseExportPage(
    const storage::Store& store, const v1::ExportGuestRequest& request) {
  ExportPage page;
  // The default is the maximum: every export that fits one response stays
  // one response for callers that do not page.
  ASSIGN_OR_RETURN(page.max_items,
                   ResolvePageSize(request.page_size(), kMaxPageSize));
  if (!request.page_token().empty()) {
    ASSIGN_OR_RETURN(
        std::string position,
        DecodePageToken(store.secret(), PageTokenKind::kOrderKey,
                        RequestIdentity(request), request.page_token()));
    ASSIGN_OR_RETURN(page.resume_after, DecodePosition(position));
  }
  return page;
}

absl::Status AddExportFeedback(const storage::Store& store,
                               std::string_view organization,
                               const v1::Guest& guest,
                               const v1::ExportGuestRequest& request,
                               const ExportPage& page,
                               v1::ExportGuestResponse& response) {
  const auto& identities = guest.identities();
  size_t page_bytes = response.ByteSizeLong();
  bool full = false;
  std::string last_position;
  for (size_t i = page.first() ? 0 : page.resume_after->identity_index;
       i < static_cast<size_t>(identities.size()); ++i) {
    const std::optional<AuthorRef> author = AuthorOfIdentity(identities[i]);
    if (!author.has_value()) continue;
    ASSIGN_OR_RETURN(std::vector<v1::Feedback> items,
                     ListAuthorFeedback(store, organization, *author));
    for (v1::Feedback& item : items) {
      if (!page.first() && i == page.resume_after->identity_index &&
          !ComesBefore({page.resume_after->post_time, page.resume_after->name},
                       PositionOf(item))) {
        continue;
      }
      if (full) {
        response.set_next_page_token(
            EncodePageToken(store.secret(), PageTokenKind::kOrderKey,
                            RequestIdentity(request), last_position));
        return absl::OkStatus();
      }
      page_bytes += item.ByteSizeLong();
      last_position = EncodePosition(i, item);
      *response.add_feedback() = std::move(item);
      full = static_cast<size_t>(response.feedback_size()) >= page.max_items ||
             page_bytes >= kMaxPageBytes;
    }
  }
  return absl::OkStatus();
}

}  // namespace guestvoice::service
