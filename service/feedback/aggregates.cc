#include "service/feedback/aggregates.h"

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
enum VoiceSlot { kFeedbackCount, kSentimentSum, kRatedCount, kRatingSum };
constexpr size_t kVoiceSlots = 4;
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

// Visits the blocks under `prefix` whose first day is in first..last.
absl::Status ScanBlocks(const storage::Store& store,
                        std::string_view organization, AggregateTable table,
                        std::string_view hotel, AggregatePeriod period,
                        int64_t first, int64_t last,
                        const storage::Snapshot* snapshot,
                        std::vector<AggregateBlock>& out) {
  if (first > last) return absl::OkStatus();
  return store.Scan(
      storage::ColumnFamily::kAggregates,
      storage::AggregateBlockPrefix(organization, table, hotel, period),
      // Scan starts strictly after this key: the block of the day before.
      storage::AggregateBlockKey(organization, table, hotel, period, first - 1),
      0,
      [&](std::string_view key,
          std::string_view value) -> absl::StatusOr<storage::ScanStep> {
        ASSIGN_OR_RETURN(storage::AggregateBlockKeyParts block,
                         storage::ParseAggregateBlockKey(key));
        if (block.first_day > last) return storage::ScanStep::kStop;
        out.push_back({block.first_day, std::string(value)});
        return storage::ScanStep::kContinue;
      },
      snapshot);
}

std::vector<std::string_view> TablesOf(
    absl::Span<const AggregateBlock> blocks) {
  std::vector<std::string_view> tables;
  tables.reserve(blocks.size());
  for (const AggregateBlock& block : blocks) tables.push_back(block.table);
  return tables;
}

}  // namespace

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

void AggregateDeltas::AddEntry(AggregateTable table, std::string_view hotel,
                               int64_t day, std::string entry,
                               const Slots& slots) {
  for (const auto& [period, first_day] :
       {std::pair{AggregatePeriod::kDay, day},
        std::pair{AggregatePeriod::kMonth, MonthStart(day)}}) {
    Block& block = deltas_[storage::AggregateBlockKey(
        organization_, table, hotel, period, first_day)];
    block.table = table;
    Slots& sum = block.entries[entry];
    for (size_t i = 0; i < slots.size(); ++i) sum[i] += slots[i];
  }
}

void AggregateDeltas::Add(const internal::v1::StoredFeedback& item,
                          std::string_view voice, int sign) {
  const v1::Feedback& feedback = item.feedback();
  if (feedback.repeat()) return;
  const std::string_view hotel = std::string_view(feedback.hotel())
                                     .substr(feedback.hotel().rfind('/') + 1);
  const int64_t day = item.aggregate_day();

  Slots voice_slots{};
  voice_slots[kFeedbackCount] = sign;
  voice_slots[kSentimentSum] =
      sign * ToFixedPoint(feedback.analysis().sentiment().compound());
  if (feedback.has_rating()) {
    voice_slots[kRatedCount] = sign;
    voice_slots[kRatingSum] =
        sign * ToFixedPoint(feedback.rating().normalized_value());
  }
  AddEntry(AggregateTable::kVoices, hotel, day, std::string(voice),
           voice_slots);

  for (const v1::AspectMention& mention : feedback.analysis().aspects()) {
    Slots aspect_slots{};
    aspect_slots[kMentionCount] = sign;
    aspect_slots[kMentionSentimentSum] =
        sign * ToFixedPoint(mention.sentiment());
    aspect_slots[kNegativeMentions] =
        mention.sentiment() <= kNegativeThreshold ? sign : 0;
    AddEntry(AggregateTable::kAspects, hotel, day,
             AspectEntryKey(mention.aspect(), voice), aspect_slots);
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
    int64_t last_day, bool use_months, const storage::Snapshot* snapshot) {
  std::vector<AggregateBlock> blocks;
  // The whole months inside first..last: [first_month, end_of_months).
  const int64_t first_month = MonthStart(first_day) == first_day
                                  ? first_day
                                  : NextMonthStart(first_day);
  const int64_t end_of_months = MonthStart(last_day + 1);
  if (!use_months || first_month >= end_of_months) {
    RETURN_IF_ERROR(ScanBlocks(store, organization, table, hotel,
                               AggregatePeriod::kDay, first_day, last_day,
                               snapshot, blocks));
    return blocks;
  }
  RETURN_IF_ERROR(ScanBlocks(store, organization, table, hotel,
                             AggregatePeriod::kDay, first_day, first_month - 1,
                             snapshot, blocks));
  RETURN_IF_ERROR(ScanBlocks(store, organization, table, hotel,
                             AggregatePeriod::kMonth, first_month,
                             end_of_months - 1, snapshot, blocks));
  RETURN_IF_ERROR(ScanBlocks(store, organization, table, hotel,
                             AggregatePeriod::kDay, end_of_months, last_day,
                             snapshot, blocks));
  return blocks;
}

absl::Status SumVoices(
    absl::Span<const AggregateBlock> blocks,
    absl::FunctionRef<void(std::string_view voice, const VoiceCounters&)>
        visit) {
  const std::vector<std::string_view> views = TablesOf(blocks);
  return storage::SumCounterTables(
      views, [&](std::string_view voice, const storage::CounterSlots& sums) {
        visit(voice, VoiceCounters{sums[kFeedbackCount], sums[kSentimentSum],
                                   sums[kRatedCount], sums[kRatingSum]});
      });
}

absl::Status SumAspectVoices(
    absl::Span<const AggregateBlock> blocks,
    absl::FunctionRef<void(std::string_view aspect, std::string_view voice,
                           const AspectCounters&)>
        visit) {
  const std::vector<std::string_view> views = TablesOf(blocks);
  absl::Status malformed;
  RETURN_IF_ERROR(storage::SumCounterTables(
      views, [&](std::string_view entry, const storage::CounterSlots& sums) {
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
