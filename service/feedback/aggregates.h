#ifndef GUESTVOICE_SERVICE_FEEDBACK_AGGREGATES_H_
#define GUESTVOICE_SERVICE_FEEDBACK_AGGREGATES_H_

// The insight pre-aggregates that ingest and re-attribution write, and the
// readers insights (and tests) answer from. Each hotel has, per hotel-local
// calendar day and per calendar month, two blocks (storage/keys.h
// AggregateBlockKey): counter tables (storage/counter_table.h) with
//
//   voices table   voice           -> [feedback_count, sentiment_sum,
//                                      rated_count, rating_sum,
//                                      not_scored_count]
//   aspects table  (aspect, voice) -> [mention_count, sentiment_sum,
//                                      negative_mention_count]
//
// Sums are fixed-point: round(value * kAggregateScale), so they add up
// exactly in any order. sentiment_sum adds the compound scores of the voice's
// feedback (or of its mentions of the aspect), rating_sum the normalised
// ratings (0..1) of its rated feedback. A mention is negative when its
// sentiment is <= -0.05 (VADER's threshold). Repeats contribute nothing.
// An item whose sentiment was not scored (IsScored) counts in feedback_count
// and not_scored_count and adds nothing to sentiment_sum, so a voice's mean
// sentiment is sentiment_sum over its scored items; its rating counts as any.
//
// Every item is added to its day's blocks and its month's blocks, so an
// interval is read as the month blocks of the months it covers whole plus, at
// each end, the days inside or the month minus the days outside: a bounded
// number of blocks per hotel, whatever the history (ReadBlocks).

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "analysis/sentiment_band.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "guestvoice/v1/feedback.pb.h"
#include "storage/keys.h"
#include "storage/store.h"

namespace guestvoice::service {

inline constexpr int64_t kAggregateScale = 1'000'000;
using analysis::kNegativeThreshold;
using analysis::kPositiveThreshold;

// Whether an analysis carries a sentiment score. Items analysed before
// languages were identified have no recorded state: the English analyser
// scored them, so they count as scored until re-analysed.
bool IsScored(const v1::FeedbackAnalysis& analysis);

// round(value * kAggregateScale).
int64_t ToFixedPoint(double value);

// The hotel-local calendar day of `time` in `zone`, as days since 1970-01-01.
int64_t HotelDay(absl::Time time, absl::TimeZone zone);

// The first day of the calendar month `day` lies in, and of the month after
// (all as day numbers).
int64_t MonthStart(int64_t day);
int64_t NextMonthStart(int64_t day);

struct VoiceCounters {
  int64_t feedback_count = 0;
  int64_t sentiment_sum = 0;
  int64_t rated_count = 0;
  int64_t rating_sum = 0;
  // Items without a sentiment score; part of feedback_count.
  int64_t not_scored_count = 0;

  int64_t scored_count() const { return feedback_count - not_scored_count; }
};

struct AspectCounters {
  int64_t mention_count = 0;
  int64_t sentiment_sum = 0;
  int64_t negative_mention_count = 0;
};

// Sums the counter deltas of any number of items, so that moving many items
// of one voice writes one merge operand per block.
class AggregateDeltas {
 public:
  explicit AggregateDeltas(std::string organization)
      : organization_(std::move(organization)) {}

  // Adds `item`'s contributions to `voice`, times `sign` (+1 to add, -1 to
  // take them away), to the blocks of its day and of its month. Items marked
  // repeat contribute nothing.
  void Add(const internal::v1::StoredFeedback& item, std::string_view voice,
           int sign);

  // One Merge per block with a non-zero delta.
  void AppendTo(storage::WriteBatch& batch) const;

 private:
  // As many as the widest table has.
  using Slots = std::array<int64_t, 5>;
  struct Block {
    storage::AggregateTable table = storage::AggregateTable::kVoices;
    // Entry key -> summed slots, ordered as tables are written.
    std::map<std::string, Slots> entries;
  };
  // The block of (table, hotel, period, first_day), made empty if new.
  Block& BlockAt(storage::AggregateTable table, std::string_view hotel,
                 storage::AggregatePeriod period, int64_t first_day);
  static void AddEntry(Block& block, const std::string& entry,
                       const Slots& slots);

  std::string organization_;
  // By block key.
  std::map<std::string, Block> deltas_;
};

// One block as read: the first day of its period (a day, or the first day
// of a month), its decoded counter table (never null), and whether it is
// subtracted rather than added (a day outside the interval, taken off its
// month).
struct AggregateBlock {
  int64_t first_day = 0;
  storage::CounterTable table;
  bool subtract = false;
};

// Which blocks a read may use for the days of an interval.
enum class BlockCover {
  // Day blocks only (weekly and daily trends: a month spans buckets).
  kDays,
  // A month block for every calendar month wholly inside, day blocks for
  // the other days (monthly trends: each block lies in one bucket).
  kWholeMonths,
  // kWholeMonths, and for a partial month whichever is fewer reads: its
  // days inside, or its month block minus its days outside. Exact, since
  // a month block is the sum of its day blocks. At most 15 day blocks per
  // month at each end of the interval, however long it is.
  kFewestBlocks,
};

// The blocks of `table` whose sum is one hotel's totals over days
// first_day..last_day, decoded, from the store's aggregate cache or else
// looked up in one Store::MultiGet (absent blocks, days without feedback,
// cost a bloom-filter probe once) (Store::ReadCounterTables). An interval
// longer than kMaxIntervalDays (insights/interval.h) is the caller's to refuse:
// with BlockCover::kDays the lookups grow with its length.
absl::StatusOr<std::vector<AggregateBlock>> ReadBlocks(
    const storage::Store& store, std::string_view organization,
    storage::AggregateTable table, std::string_view hotel, int64_t first_day,
    int64_t last_day, BlockCover cover, const storage::Snapshot* snapshot);

// ReadBlocks with BlockCover::kFewestBlocks, summed into one block (none when
// the hotel has no block in the interval): the sum is kept in the store's
// read cache (storage/read_cache.h), so reading the same
// interval again while its blocks are unchanged costs one lookup, and
// summing is done once rather than per call.
absl::StatusOr<std::vector<AggregateBlock>> ReadIntervalSum(
    const storage::Store& store, std::string_view organization,
    storage::AggregateTable table, std::string_view hotel, int64_t first_day,
    int64_t last_day, const storage::Snapshot* snapshot);

// A value derived from ReadIntervalSum's blocks (one hotel's sum of `table`
// over first_day..last_day, at `snapshot`) by `derive`, kept in the store's
// read cache with the sum's sources (Store::ReadDerivedFromBlocks): reading
// it again while those blocks are unchanged costs one lookup, neither a sum
// nor a pass over the voices, and a write to any of them is seen at once.
// `derivation` names what `derive` computes: the value's type is the
// caller's, the same for every call with that derivation.
using DeriveFromBlocks =
    absl::FunctionRef<absl::StatusOr<storage::Store::CachedValue>(
        absl::Span<const AggregateBlock> blocks)>;
absl::StatusOr<storage::ReadCache::Value> ReadDerivedFromIntervalSum(
    const storage::Store& store, std::string_view organization,
    storage::AggregateTable table, std::string_view hotel, int64_t first_day,
    int64_t last_day, const storage::Snapshot& snapshot,
    std::string_view derivation, DeriveFromBlocks derive);

// Visits every voice of voices blocks once, in voice order, with its totals
// over all of them, subtracted blocks taken off (voices whose totals are all
// zero are skipped).
absl::Status SumVoices(
    absl::Span<const AggregateBlock> blocks,
    absl::FunctionRef<void(std::string_view voice, const VoiceCounters&)>
        visit);

// Visits every (aspect, voice) of aspects blocks once, grouped by aspect and
// in voice order within one, with its totals over all of them.
absl::Status SumAspectVoices(
    absl::Span<const AggregateBlock> blocks,
    absl::FunctionRef<void(std::string_view aspect, std::string_view voice,
                           const AspectCounters&)>
        visit);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_AGGREGATES_H_
