#include "service/feedback/aggregates.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "service/core/proto_date.h"
#include "storage/counter_table.h"

namespace guestvoice::service {
namespace {

using storage::AggregatePeriod;
using storage::AggregateTable;

// The slot layouts of the two tables.
enum VoiceSlot {
  kFeedbackCount,
  kSentimentSum,
  kRatedCount,
  kRatingSum,
  kNotScoredCount
};
constexpr size_t kVoiceSlots = 5;
enum AspectSlot { kMentionCount, kMentionSentimentSum, kNegativeMentions };
constexpr size_t kAspectSlots = 3;

size_t SlotCount(AggregateTable table) {
  return table == AggregateTable::kVoices ? kVoiceSlots : kAspectSlots;
}

// An aspects-table entry key: one length byte, the aspect, then the voice, so
// one aspect's voices sort together. Aspect ids are taxonomy names, far below
// 256 bytes (analysis/aspect_taxonomy.h).
std::string AspectEntryKey(std::string_view aspect, std::string_view voice) {
  return absl::StrCat(std::string(1, static_cast<char>(aspect.size())),
                      AbslView(aspect), AbslView(voice));
}

// The tables to add and to subtract.
struct SignedTables {
  std::vector<std::string_view> added;
  std::vector<std::string_view> subtracted;
};

SignedTables TablesOf(absl::Span<const AggregateBlock> blocks) {
  SignedTables tables;
  for (const AggregateBlock& block : blocks) {
    (block.subtract ? tables.subtracted : tables.added).push_back(block.table);
  }
  return tables;
}

}  // namespace

bool IsScored(const v1::FeedbackAnalysis& analysis) {
  return analysis.sentiment_state() != v1::SENTIMENT_STATE_NOT_SCORED;
}

int64_t ToFixedPoint(double value) {
  return std::llround(value * static_cast<double>(kAggregateScale));
}

int64_t HotelDay(absl::Time time, absl::TimeZone zone) {
  return absl::ToCivilDay(time, zone) - absl::CivilDay(1970, 1, 1);
}

int64_t MonthStart(int64_t day) {
  return DayNumber(absl::CivilDay(absl::CivilMonth(DayFromNumber(day))));
}

int64_t NextMonthStart(int64_t day) {
  return DayNumber(absl::CivilDay(absl::CivilMonth(DayFromNumber(day)) + 1));
}

AggregateDeltas::Block& AggregateDeltas::BlockAt(AggregateTable table,
                                                 std::string_view hotel,
                                                 AggregatePeriod period,
                                                 int64_t first_day) {
  Block& block = deltas_[storage::AggregateBlockKey(organization_, table, hotel,
                                                    period, first_day)];
  block.table = table;
  return block;
}

void AggregateDeltas::AddEntry(Block& block, const std::string& entry,
                               const Slots& slots) {
  Slots& sum = block.entries[entry];
  for (size_t i = 0; i < slots.size(); ++i) sum[i] += slots[i];
}

void AggregateDeltas::Add(const internal::v1::StoredFeedback& item,
                          std::string_view voice, int sign) {
  const v1::Feedback& feedback = item.feedback();
  if (feedback.repeat()) return;
  const std::string_view hotel = std::string_view(feedback.hotel())
                                     .substr(feedback.hotel().rfind('/') + 1);
  const int64_t day = item.aggregate_day();
  const int64_t month = MonthStart(day);

  Slots voice_slots{};
  voice_slots[kFeedbackCount] = sign;
  if (IsScored(feedback.analysis())) {
    voice_slots[kSentimentSum] =
        sign * ToFixedPoint(feedback.analysis().sentiment().compound());
  } else {
    voice_slots[kNotScoredCount] = sign;
  }
  if (feedback.has_rating()) {
    voice_slots[kRatedCount] = sign;
    voice_slots[kRatingSum] =
        sign * ToFixedPoint(feedback.rating().normalized_value());
  }
  // Each block key is made once per item: making one costs more than
  // adding an entry to its block (callgrind on
  // tests/service/feedback/ingest_benchmark.cc).
  const std::string voice_entry(voice);
  AddEntry(BlockAt(AggregateTable::kVoices, hotel, AggregatePeriod::kDay, day),
           voice_entry, voice_slots);
  AddEntry(
      BlockAt(AggregateTable::kVoices, hotel, AggregatePeriod::kMonth, month),
      voice_entry, voice_slots);

  const auto& mentions = feedback.analysis().aspects();
  if (mentions.empty()) return;
  Block& aspects_day =
      BlockAt(AggregateTable::kAspects, hotel, AggregatePeriod::kDay, day);
  Block& aspects_month =
      BlockAt(AggregateTable::kAspects, hotel, AggregatePeriod::kMonth, month);
  for (const v1::AspectMention& mention : mentions) {
    Slots aspect_slots{};
    aspect_slots[kMentionCount] = sign;
    aspect_slots[kMentionSentimentSum] =
        sign * ToFixedPoint(mention.sentiment());
    aspect_slots[kNegativeMentions] =
        mention.sentiment() <= kNegativeThreshold ? sign : 0;
    const std::string entry = AspectEntryKey(mention.aspect(), voice);
    AddEntry(aspects_day, entry, aspect_slots);
    AddEntry(aspects_month, entry, aspect_slots);
  }
}

void AggregateDeltas::AppendTo(storage::WriteBatch& batch) const {
  for (const auto& [key, block] : deltas_) {
    storage::CounterTableBuilder table(SlotCount(block.table));
    for (const auto& [entry, slots] : block.entries) table.Add(entry, slots);
    if (table.entry_count() == 0) continue;
    batch.Merge(storage::ColumnFamily::kAggregates, key,
                std::move(table).Finish());
  }
}

absl::StatusOr<std::vector<AggregateBlock>> ReadBlocks(
    const storage::Store& store, std::string_view organization,
    AggregateTable table, std::string_view hotel, int64_t first_day,
    int64_t last_day, BlockCover cover, const storage::Snapshot* snapshot) {
  // The blocks wanted, by key, and how each is counted.
  std::vector<std::string> keys;
  std::vector<AggregateBlock> wanted;
  auto want = [&](AggregatePeriod period, int64_t first, bool subtract) {
    keys.push_back(
        storage::AggregateBlockKey(organization, table, hotel, period, first));
    wanted.push_back({first, "", subtract});
  };
  auto days = [&](int64_t first, int64_t last, bool subtract) {
    for (int64_t day = first; day <= last; ++day) {
      want(AggregatePeriod::kDay, day, subtract);
    }
  };
  for (int64_t month = MonthStart(first_day); month <= last_day;
       month = NextMonthStart(month)) {
    const int64_t month_last = NextMonthStart(month) - 1;
    const int64_t inside_first = std::max(month, first_day);
    const int64_t inside_last = std::min(month_last, last_day);
    const int64_t inside = inside_last - inside_first + 1;
    const int64_t outside = month_last - month + 1 - inside;
    if (cover == BlockCover::kDays ||
        (outside > 0 &&
         (cover == BlockCover::kWholeMonths || outside + 1 >= inside))) {
      days(inside_first, inside_last, false);
    } else {
      // The month, minus its days outside the interval (if any).
      want(AggregatePeriod::kMonth, month, false);
      days(month, inside_first - 1, /*subtract=*/true);
      days(inside_last + 1, month_last, /*subtract=*/true);
    }
  }
  ASSIGN_OR_RETURN(
      std::vector<std::optional<std::string>> values,
      store.MultiGet(storage::ColumnFamily::kAggregates, keys, snapshot));
  std::vector<AggregateBlock> blocks;
  for (size_t i = 0; i < values.size(); ++i) {
    if (!values[i].has_value()) continue;
    wanted[i].table = *std::move(values[i]);
    blocks.push_back(std::move(wanted[i]));
  }
  return blocks;
}

absl::Status SumVoices(
    absl::Span<const AggregateBlock> blocks,
    absl::FunctionRef<void(std::string_view voice, const VoiceCounters&)>
        visit) {
  const SignedTables tables = TablesOf(blocks);
  return storage::SumCounterTables(
      tables.added, tables.subtracted,
      [&](std::string_view voice, const storage::CounterSlots& sums) {
        visit(voice, VoiceCounters{sums[kFeedbackCount], sums[kSentimentSum],
                                   sums[kRatedCount], sums[kRatingSum],
                                   sums[kNotScoredCount]});
      });
}

absl::Status SumAspectVoices(
    absl::Span<const AggregateBlock> blocks,
    absl::FunctionRef<void(std::string_view aspect, std::string_view voice,
                           const AspectCounters&)>
        visit) {
  const SignedTables tables = TablesOf(blocks);
  absl::Status malformed;
  RETURN_IF_ERROR(storage::SumCounterTables(
      tables.added, tables.subtracted,
      [&](std::string_view entry, const storage::CounterSlots& sums) {
        const size_t aspect_size =
            entry.empty() ? 0 : static_cast<uint8_t>(entry[0]);
        if (entry.empty() || aspect_size >= entry.size()) {
          malformed =
              absl::DataLossError("an aspects-table entry is malformed");
          return;
        }
        visit(entry.substr(1, aspect_size), entry.substr(1 + aspect_size),
              AspectCounters{sums[kMentionCount], sums[kMentionSentimentSum],
                             sums[kNegativeMentions]});
      }));
  return malformed;
}

}  // namespace guestvoice::service
