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

std::optional<double> JudgedSentiment(const v1::Feedback& feedback) {
  if (IsScored(feedback.analysis())) {
    return feedback.analysis().sentiment().compound();
  }
  if (feedback.has_rating()) {
    return 2 * feedback.rating().normalized_value() - 1;
  }
  return std::nullopt;
}

bool IsJudgedNegative(const v1::Feedback& feedback) {
  const std::optional<double> sentiment = JudgedSentiment(feedback);
  return sentiment.has_value() && *sentiment <= kNegativeThreshold;
}

bool NeedsAttention(const internal::v1::StoredFeedback& item) {
  const v1::Feedback& feedback = item.feedback();
  // Erasure clears the author's handle (which ingest requires): nobody can
  // act on such an item any more.
  return !feedback.repeat() && !feedback.author().handle().empty() &&
         feedback.case_().state() == v1::CASE_STATE_OPEN &&
         IsJudgedNegative(feedback);
}

double AttentionSeverity(const internal::v1::StoredFeedback& item) {
  return std::clamp(-JudgedSentiment(item.feedback()).value_or(0), 0.0, 1.0);
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
