#include "service/insights/attention.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "service/core/errors.h"
#include "service/core/page_token.h"
#include "service/core/pagination.h"
#include "service/feedback/attention_index.h"
#include "service/feedback/records.h"
#include "service/loyalty/records.h"
#include "storage/key_codec.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

struct QueuedItem {
  std::string order_key;
  v1::AttentionItem item;
};

// A group of the index: the entries of one severity band and day.
struct GroupId {
  uint32_t band_rank = 0;
  int64_t day_rank = 0;
  bool operator!=(const GroupId& other) const {
    return band_rank != other.band_rank || day_rank != other.day_rank;
  }
};

// The group a page token's order key sits in (AttentionOrderKey starts with
// the group's ranks).
absl::StatusOr<GroupId> GroupOfOrderKey(std::string_view order_key) {
  storage::KeyReader reader(order_key);
  GroupId group;
  ASSIGN_OR_RETURN(group.band_rank, reader.ReadUint32());
  ASSIGN_OR_RETURN(group.day_rank, reader.ReadInt64());
  return group;
}

// Gathers one page: the index's groups in order, each group's items sorted
// by the rest of the order key (the tier first), until the items gathered
// fill a page and one more is known to follow it.
class PageGatherer {
 public:
  PageGatherer(const storage::Store& store, const InsightScope& scope,
               GuestTiers& tiers, std::string after, size_t limit)
      : store_(store),
        scope_(scope),
        tiers_(tiers),
        after_(std::move(after)),
        limit_(limit) {
    for (const ScopeHotel& hotel : scope.hotels) hotels_.insert(hotel.id);
  }

  // Adds the entry's item to its group, once the group before it is done.
  absl::StatusOr<storage::ScanStep> Visit(std::string_view key,
                                          std::string_view hotel_id) {
    ASSIGN_OR_RETURN(const storage::AttentionIndexKeyParts entry,
                     storage::ParseAttentionIndexKey(key));
    const GroupId group{entry.band_rank, entry.day_rank};
    if (group_.has_value() && *group_ != group) {
      RETURN_IF_ERROR(FinishGroup());
      if (PageLength() < queue_.size()) return storage::ScanStep::kStop;
    }
    group_ = group;
    if (hotels_.contains(AbslView(hotel_id))) {
      group_ids_.emplace_back(entry.feedback_id);
    }
    return storage::ScanStep::kContinue;
  }

  // Sorts the last group's items into the queue.
  absl::Status FinishGroup() {
    std::vector<QueuedItem> group;
    for (const std::string& id : group_ids_) {
      ASSIGN_OR_RETURN(std::optional<internal::v1::StoredFeedback> item,
                       ReadStoredFeedback(store_, scope_.organization, id));
      // A write between the index's read and the item's may have taken the
      // item out of the queue.
      if (!item.has_value() || !NeedsAttention(*item)) continue;
      QueuedItem queued;
      int tier_rank = -1;
      if (!item->feedback().guest().empty()) {
        ASSIGN_OR_RETURN(
            const GuestTier* tier,
            tiers_.Find(LastNameSegment(item->feedback().guest())));
        if (tier != nullptr) {
          tier_rank = tier->rank;
          queued.item.set_loyalty_tier(tier->tier_id);
        }
      }
      queued.order_key = AttentionOrderKey(*item, tier_rank);
      if (!after_.empty() && queued.order_key <= after_) continue;
      queued.item.set_severity(AttentionSeverity(*item));
      *queued.item.mutable_feedback() = std::move(*item->mutable_feedback());
      group.push_back(std::move(queued));
    }
    group_ids_.clear();
    std::sort(group.begin(), group.end(),
              [](const QueuedItem& x, const QueuedItem& y) {
                return x.order_key < y.order_key;
              });
    std::move(group.begin(), group.end(), std::back_inserter(queue_));
    return absl::OkStatus();
  }

  // How many of the queue's first items a page takes: up to the limit, and
  // ending with the item that brings it to kMaxPageBytes.
  size_t PageLength() const {
    size_t taken = 0;
    size_t page_bytes = 0;
    while (taken < queue_.size() && taken < limit_ &&
           page_bytes < kMaxPageBytes) {
      page_bytes += queue_[taken].item.ByteSizeLong();
      ++taken;
    }
    return taken;
  }

  std::vector<QueuedItem>& queue() { return queue_; }

 private:
  const storage::Store& store_;
  const InsightScope& scope_;
  GuestTiers& tiers_;
  const std::string after_;
  const size_t limit_;
  absl::flat_hash_set<std::string> hotels_;
  std::optional<GroupId> group_;
  std::vector<std::string> group_ids_;
  // Sorted: every finished group's items after the token's.
  std::vector<QueuedItem> queue_;
};

}  // namespace

std::string AttentionOrderKey(const internal::v1::StoredFeedback& item,
                              int tier_rank) {
  const AttentionRanks ranks = AttentionRanksOf(item);
  storage::KeyBuilder key;
  key.AppendUint32(ranks.band_rank)
      .AppendInt64(ranks.day_rank)
      .AppendInt64(-static_cast<int64_t>(tier_rank))
      .AppendInt64(ranks.severity_rank)
      .AppendNewestFirst(PostTimeOf(item.feedback()))
      .AppendString(FeedbackIdOf(item.feedback()));
  return key.Release();
}

absl::StatusOr<v1::ListAttentionItemsResponse> ListAttentionPage(
    const storage::Store& store, const InsightScope& scope, GuestTiers& tiers,
    int32_t page_size, std::string_view page_token,
    std::string_view request_identity, const CallCancellation& cancellation) {
  ASSIGN_OR_RETURN(const size_t limit, ResolvePageSize(page_size));
  std::string after;
  // Scans start at the token's group: the groups before it were listed.
  std::string start_after;
  if (!page_token.empty()) {
    ASSIGN_OR_RETURN(after,
                     DecodePageToken(store.secret(), PageTokenKind::kOrderKey,
                                     request_identity, page_token));
    absl::StatusOr<GroupId> group = GroupOfOrderKey(after);
    if (!group.ok()) return InvalidField("page_token", "not a queue position");
    start_after = storage::AttentionIndexGroupStart(
        scope.organization, group->band_rank, group->day_rank);
  }

  PageGatherer gatherer(store, scope, tiers, std::move(after), limit);
  RETURN_IF_ERROR(store.Scan(
      storage::ColumnFamily::kFeedback,
      storage::AttentionIndexPrefix(scope.organization), start_after, 0,
      [&](std::string_view key,
          std::string_view hotel_id) -> absl::StatusOr<storage::ScanStep> {
        RETURN_IF_ERROR(cancellation.Check());
        return gatherer.Visit(key, hotel_id);
      }));
  RETURN_IF_ERROR(gatherer.FinishGroup());

  std::vector<QueuedItem>& queue = gatherer.queue();
  const size_t taken = gatherer.PageLength();
  v1::ListAttentionItemsResponse response;
  for (size_t i = 0; i < taken; ++i) {
    *response.add_items() = std::move(queue[i].item);
  }
  if (taken < queue.size()) {
    response.set_next_page_token(
        EncodePageToken(store.secret(), PageTokenKind::kOrderKey,
                        request_identity, queue[taken - 1].order_key));
  }
  return response;
}

}  // namespace guestvoice::service
