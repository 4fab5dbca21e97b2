#ifndef GUESTVOICE_SERVICE_INSIGHTS_ATTENTION_H_
#define GUESTVOICE_SERVICE_INSIGHTS_ATTENTION_H_

// The attention queue: open negative feedback of a scope, most pressing
// first (order in insight_service.proto, ListAttentionItemsResponse.items):
// severity band, hotel-local day, the author's loyalty tier, then exact
// severity, post time and id. Audience size plays no part.
//
// Cost: a page reads the attention index (service/feedback/attention_index.h)
// from the token's (severity band, day) group on, and the items of the
// groups it reaches, until it has a page and knows whether another follows.
// Items outside the queue (resolved, positive, repeats) are never read, and
// neither is the history behind the page.

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "guestvoice/v1/insight_service.pb.h"
#include "service/core/call_cancellation.h"
#include "service/insights/scope.h"
#include "service/loyalty/tiers.h"
#include "storage/store.h"

namespace guestvoice::service {

// The order key of an item: bytes that sort ascending in queue order.
// `tier_rank` is the author's guest's tier index, -1 for an unknown author.
std::string AttentionOrderKey(const internal::v1::StoredFeedback& item,
                              int tier_rank);

// One page of the queue.
absl::StatusOr<v1::ListAttentionItemsResponse> ListAttentionPage(
    const storage::Store& store, const InsightScope& scope, GuestTiers& tiers,
    int32_t page_size, std::string_view page_token,
    std::string_view request_identity, const CallCancellation& cancellation);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_INSIGHTS_ATTENTION_H_
