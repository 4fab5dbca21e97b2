#ifndef GUESTVOICE_SERVICE_FEEDBACK_AGGREGATES_H_
#define GUESTVOICE_SERVICE_FEEDBACK_AGGREGATES_H_

// The insight pre-aggregates that ingest and re-attribution write, and the
// readers insights (and tests) answer from. Keys and their order are drawn in
// storage/key_codec.h. Values are counters (storage/counters_merge_operator.h):
//
//   voice-day   [feedback_count, sentiment_sum, rated_count, rating_sum]
//   aspect-day  [mention_count, sentiment_sum, negative_mention_count]
//
// Sums are fixed-point: round(value * kAggregateScale), so they add up
// exactly in any order. sentiment_sum adds the compound scores of the voice's
// feedback (or of its mentions of the aspect), rating_sum the normalised
// ratings (0..1) of its rated feedback. A mention is negative when its
// sentiment is <= -0.05 (VADER's threshold). Repeats contribute nothing.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "storage/store.h"

namespace guestvoice::service {

inline constexpr int64_t kAggregateScale = 1'000'000;
// VADER's band thresholds on compound scores.
inline constexpr double kNegativeThreshold = -0.05;
inline constexpr double kPositiveThreshold = 0.05;

// round(value * kAggregateScale).
int64_t ToFixedPoint(double value);

// The hotel-local calendar day of `time` in `zone`, as days since 1970-01-01.
int64_t HotelDay(absl::Time time, absl::TimeZone zone);

struct VoiceDayCounters {
  int64_t feedback_count = 0;
  int64_t sentiment_sum = 0;
  int64_t rated_count = 0;
  int64_t rating_sum = 0;
};

struct AspectDayCounters {
  int64_t mention_count = 0;
  int64_t sentiment_sum = 0;
  int64_t negative_mention_count = 0;
};

// Sums the counter deltas of any number of items, so that moving many items
// of one voice writes one merge operand per aggregate key.
class AggregateDeltas {
 public:
  explicit AggregateDeltas(std::string organization)
      : organization_(std::move(organization)) {}

  // Adds `item`'s contributions to `voice`, times `sign` (+1 to add, -1 to
  // take them away). Items marked repeat contribute nothing.
  void Add(const internal::v1::StoredFeedback& item, std::string_view voice,
           int sign);

  // One Merge per key whose delta is not all zeros.
  void AppendTo(storage::WriteBatch& batch) const;

 private:
  void AddSlots(std::string key, std::vector<int64_t> slots);

  std::string organization_;
  std::map<std::string, std::vector<int64_t>> deltas_;
};

// Visits one hotel's voice-day counters for days first_day..last_day
// (inclusive), in (day, voice) order, skipping voices that moved away (count
// 0). One range scan.
absl::Status ScanVoiceDays(
    const storage::Store& store, std::string_view organization,
    std::string_view hotel, int64_t first_day, int64_t last_day,
    absl::FunctionRef<void(int64_t day, std::string_view voice,
                           const VoiceDayCounters& counters)>
        visit,
    const storage::Snapshot* snapshot = nullptr);

// Visits one hotel's aspect-day counters for days first_day..last_day
// (inclusive), in (day, aspect, voice) order, skipping voices that moved away.
absl::Status ScanAspectDays(
    const storage::Store& store, std::string_view organization,
    std::string_view hotel, int64_t first_day, int64_t last_day,
    absl::FunctionRef<void(int64_t day, std::string_view aspect,
                           std::string_view voice,
                           const AspectDayCounters& counters)>
        visit,
    const storage::Snapshot* snapshot = nullptr);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_AGGREGATES_H_
