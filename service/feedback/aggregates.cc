#include "service/feedback/aggregates.h"

#include <cmath>
#include <utility>

#include "common/status_macros.h"
#include "storage/counters_merge_operator.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

// The slot layouts of the two aggregate kinds.
enum VoiceDaySlot { kFeedbackCount, kSentimentSum, kRatedCount, kRatingSum };
constexpr size_t kVoiceDaySlots = 4;
enum AspectDaySlot { kMentionCount, kMentionSentimentSum, kNegativeMentions };
constexpr size_t kAspectDaySlots = 3;

int64_t Slot(const std::vector<int64_t>& slots, size_t index) {
  // Shorter values are zero-padded, as the merge operator combines them.
  return index < slots.size() ? slots[index] : 0;
}

}  // namespace

int64_t ToFixedPoint(double value) {
  return std::llround(value * static_cast<double>(kAggregateScale));
}

int64_t HotelDay(absl::Time time, absl::TimeZone zone) {
  return absl::ToCivilDay(time, zone) - absl::CivilDay(1970, 1, 1);
}

void AggregateDeltas::AddSlots(std::string key, std::vector<int64_t> slots) {
  std::vector<int64_t>& sum = deltas_[std::move(key)];
  if (sum.size() < slots.size()) sum.resize(slots.size());
  for (size_t i = 0; i < slots.size(); ++i) sum[i] += slots[i];
}

void AggregateDeltas::Add(const internal::v1::StoredFeedback& item,
                          std::string_view voice, int sign) {
  const v1::Feedback& feedback = item.feedback();
  if (feedback.repeat()) return;
  const std::string hotel_id(
      feedback.hotel().substr(feedback.hotel().rfind('/') + 1));
  const int64_t day = item.aggregate_day();

  std::vector<int64_t> voice_day(kVoiceDaySlots, 0);
  voice_day[kFeedbackCount] = sign;
  voice_day[kSentimentSum] =
      sign * ToFixedPoint(feedback.analysis().sentiment().compound());
  if (feedback.has_rating()) {
    voice_day[kRatedCount] = sign;
    voice_day[kRatingSum] =
        sign * ToFixedPoint(feedback.rating().normalized_value());
  }
  AddSlots(storage::VoiceDayAggregateKey(organization_, hotel_id, day, voice),
           std::move(voice_day));

  for (const v1::AspectMention& mention : feedback.analysis().aspects()) {
    std::vector<int64_t> aspect_day(kAspectDaySlots, 0);
    aspect_day[kMentionCount] = sign;
    aspect_day[kMentionSentimentSum] = sign * ToFixedPoint(mention.sentiment());
    aspect_day[kNegativeMentions] =
        mention.sentiment() <= kNegativeThreshold ? sign : 0;
    AddSlots(storage::AspectDayAggregateKey(organization_, hotel_id, day,
                                            mention.aspect(), voice),
             std::move(aspect_day));
  }
}

void AggregateDeltas::AppendTo(storage::WriteBatch& batch) const {
  for (const auto& [key, slots] : deltas_) {
    bool all_zero = true;
    for (int64_t slot : slots) all_zero = all_zero && slot == 0;
    if (all_zero) continue;
    batch.Merge(storage::ColumnFamily::kAggregates, key,
                storage::EncodeCounters(slots));
  }
}

absl::Status ScanVoiceDays(
    const storage::Store& store, std::string_view organization,
    std::string_view hotel, int64_t first_day, int64_t last_day,
    absl::FunctionRef<void(int64_t day, std::string_view voice,
                           const VoiceDayCounters& counters)>
        visit,
    const storage::Snapshot* snapshot) {
  return store.Scan(
      storage::ColumnFamily::kAggregates,
      storage::VoiceDayAggregateHotelPrefix(organization, hotel),
      storage::VoiceDayAggregateDayPrefix(organization, hotel, first_day), 0,
      [&](std::string_view key,
          std::string_view value) -> absl::StatusOr<storage::ScanStep> {
        ASSIGN_OR_RETURN(storage::VoiceDayAggregateKeyParts id,
                         storage::ParseVoiceDayAggregateKey(key));
        ASSIGN_OR_RETURN(std::vector<int64_t> slots,
                         storage::DecodeCounters(value));
        if (id.day > last_day) return storage::ScanStep::kStop;
        const VoiceDayCounters counters{
            Slot(slots, kFeedbackCount), Slot(slots, kSentimentSum),
            Slot(slots, kRatedCount), Slot(slots, kRatingSum)};
        if (counters.feedback_count != 0) visit(id.day, id.voice, counters);
        return storage::ScanStep::kContinue;
      },
      snapshot);
}

absl::Status ScanAspectDays(
    const storage::Store& store, std::string_view organization,
    std::string_view hotel, int64_t first_day, int64_t last_day,
    absl::FunctionRef<void(int64_t day, std::string_view aspect,
                           std::string_view voice,
                           const AspectDayCounters& counters)>
        visit,
    const storage::Snapshot* snapshot) {
  return store.Scan(
      storage::ColumnFamily::kAggregates,
      storage::AspectDayAggregateHotelPrefix(organization, hotel),
      storage::AspectDayAggregateDayPrefix(organization, hotel, first_day), 0,
      [&](std::string_view key,
          std::string_view value) -> absl::StatusOr<storage::ScanStep> {
        ASSIGN_OR_RETURN(storage::AspectDayAggregateKeyParts id,
                         storage::ParseAspectDayAggregateKey(key));
        ASSIGN_OR_RETURN(std::vector<int64_t> slots,
                         storage::DecodeCounters(value));
        if (id.day > last_day) return storage::ScanStep::kStop;
        const AspectDayCounters counters{Slot(slots, kMentionCount),
                                         Slot(slots, kMentionSentimentSum),
                                         Slot(slots, kNegativeMentions)};
        if (counters.mention_count != 0) {
          visit(id.day, id.aspect, id.voice, counters);
        }
        return storage::ScanStep::kContinue;
      },
      snapshot);
}

}  // namespace guestvoice::service
