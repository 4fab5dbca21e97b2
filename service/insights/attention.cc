#include "service/insights/attention.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "service/core/errors.h"
#include "service/core/page_token.h"
#include "service/core/pagination.h"
#include "service/feedback/aggregates.h"
#include "service/feedback/records.h"
#include "service/loyalty/records.h"
#include "storage/key_codec.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

// Severity in tenths: items within one band count as equally severe, so
// recency and loyalty decide among them.
constexpr int kSeverityBands = 10;

double SeverityOf(const internal::v1::StoredFeedback& item) {
  return std::clamp(-item.feedback().analysis().sentiment().compound(), 0.0,
                    1.0);
}

bool NeedsAttention(const internal::v1::StoredFeedback& item) {
  const v1::Feedback& feedback = item.feedback();
  // An item with no text is one whose author was erased (ingest requires a
  // text): nobody can act on it any more.
  return !feedback.repeat() && !feedback.text().empty() &&
         feedback.case_().state() == v1::CASE_STATE_OPEN &&
         feedback.analysis().sentiment().compound() <= kNegativeThreshold;
}

struct QueuedItem {
  std::string order_key;
  v1::AttentionItem item;
};

}  // namespace

std::string AttentionOrderKey(const internal::v1::StoredFeedback& item,
                              int tier_rank) {
  const double severity = SeverityOf(item);
  const int band =
      std::min(kSeverityBands - 1, static_cast<int>(std::floor(severity * 10)));
  storage::KeyBuilder key;
  key.AppendUint32(static_cast<uint32_t>(kSeverityBands - 1 - band))
      .AppendInt64(-item.aggregate_day())
      .AppendInt64(-static_cast<int64_t>(tier_rank))
      .AppendInt64(-ToFixedPoint(severity))
      .AppendNewestFirst(PostTimeOf(item.feedback()))
      .AppendString(FeedbackIdOf(item.feedback()));
  return key.Release();
}

absl::StatusOr<v1::ListAttentionItemsResponse> ListAttentionPage(
    const storage::Store& store, const InsightScope& scope, GuestTiers& tiers,
    int32_t page_size, std::string_view page_token,
    std::string_view request_identity, const CallCancellation& cancellation) {
  if (page_size < 0) return InvalidField("page_size", "must not be negative");
  const size_t limit = page_size == 0
                           ? kDefaultPageSize
                           : std::min<size_t>(page_size, kMaxPageSize);
  std::string after;
  if (!page_token.empty()) {
    ASSIGN_OR_RETURN(after,
                     DecodePageToken(store.secret(), PageTokenKind::kOrderKey,
                                     request_identity, page_token));
  }
  absl::flat_hash_set<std::string> hotels;
  for (const ScopeHotel& hotel : scope.hotels) hotels.insert(hotel.name);

  const std::unique_ptr<storage::Snapshot> snapshot = store.GetSnapshot();
  // Open items have no case-index entries (HasCaseIndexEntry): every item is
  // read, and NeedsAttention skips those whose case is no longer open.
  std::vector<std::string> ids;
  RETURN_IF_ERROR(store.Scan(
      storage::ColumnFamily::kFeedback,
      storage::FeedbackTimeIndexPrefix(scope.organization), "", 0,
      [&](std::string_view, std::string_view feedback_id) {
        ids.emplace_back(feedback_id);
        return storage::ScanStep::kContinue;
      },
      snapshot.get()));

  std::vector<QueuedItem> queue;
  for (const std::string& id : ids) {
    RETURN_IF_ERROR(cancellation.Check());
    ASSIGN_OR_RETURN(std::optional<internal::v1::StoredFeedback> item,
                     ReadStoredFeedback(store, scope.organization, id));
    if (!item.has_value() || !NeedsAttention(*item) ||
        !hotels.contains(AbslView(item->feedback().hotel()))) {
      continue;
    }
    QueuedItem queued;
    int tier_rank = -1;
    if (!item->feedback().guest().empty()) {
      ASSIGN_OR_RETURN(const GuestTier* tier,
                       tiers.Find(LastNameSegment(item->feedback().guest())));
      if (tier != nullptr) {
        tier_rank = tier->rank;
        queued.item.set_loyalty_tier(tier->tier_id);
      }
    }
    queued.order_key = AttentionOrderKey(*item, tier_rank);
    if (!after.empty() && queued.order_key <= after) continue;
    queued.item.set_severity(SeverityOf(*item));
    *queued.item.mutable_feedback() = std::move(*item->mutable_feedback());
    queue.push_back(std::move(queued));
  }
  std::sort(queue.begin(), queue.end(),
            [](const QueuedItem& x, const QueuedItem& y) {
              return x.order_key < y.order_key;
            });
  v1::ListAttentionItemsResponse response;
  size_t taken = 0;
  size_t page_bytes = 0;
  while (taken < queue.size() && taken < limit && page_bytes < kMaxPageBytes) {
    page_bytes += queue[taken].item.ByteSizeLong();
    *response.add_items() = std::move(queue[taken].item);
    ++taken;
  }
  if (taken < queue.size()) {
    response.set_next_page_token(
        EncodePageToken(store.secret(), PageTokenKind::kOrderKey,
                        request_identity, queue[taken - 1].order_key));
  }
  return response;
}

}  // namespace guestvoice::service
