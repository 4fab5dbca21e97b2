#include "service/feedback/attention_index.h"

#include <algorithm>
#include <cmath>

#include "service/feedback/aggregates.h"
#include "service/feedback/records.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

constexpr int kSeverityBands = 10;

}  // namespace

bool NeedsAttention(const internal::v1::StoredFeedback& item) {
  const v1::Feedback& feedback = item.feedback();
  // An item with no text is a rating without words, which was never scored,
  // or one whose author was erased: nobody can act on it any more.
  return !feedback.repeat() && !feedback.text().empty() &&
         feedback.case_().state() == v1::CASE_STATE_OPEN &&
         feedback.analysis().sentiment().compound() <= kNegativeThreshold;
}

double AttentionSeverity(const internal::v1::StoredFeedback& item) {
  return std::clamp(-item.feedback().analysis().sentiment().compound(), 0.0,
                    1.0);
}

AttentionRanks AttentionRanksOf(const internal::v1::StoredFeedback& item) {
  const double severity = AttentionSeverity(item);
  const int band =
      std::min(kSeverityBands - 1, static_cast<int>(std::floor(severity * 10)));
  return AttentionRanks{
      .band_rank = static_cast<uint32_t>(kSeverityBands - 1 - band),
      .day_rank = -item.aggregate_day(),
      .severity_rank = -ToFixedPoint(severity),
  };
}

std::string AttentionEntryKey(std::string_view organization,
                              const internal::v1::StoredFeedback& item) {
  const AttentionRanks ranks = AttentionRanksOf(item);
  return storage::AttentionIndexKey(
      organization, ranks.band_rank, ranks.day_rank, ranks.severity_rank,
      PostTimeOf(item.feedback()), FeedbackIdOf(item.feedback()));
}

void PutAttentionEntry(storage::WriteBatch& batch,
                       std::string_view organization,
                       const internal::v1::StoredFeedback& item) {
  if (!NeedsAttention(item)) return;
  batch.Put(storage::ColumnFamily::kFeedback,
            AttentionEntryKey(organization, item),
            std::string(HotelIdOf(item.feedback())));
}

void DeleteAttentionEntry(storage::WriteBatch& batch,
                          std::string_view organization,
                          const internal::v1::StoredFeedback& item) {
  if (!NeedsAttention(item)) return;
  batch.Delete(storage::ColumnFamily::kFeedback,
               AttentionEntryKey(organization, item));
}

}  // namespace guestvoice::service
