#include "service/feedback/aggregates.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "service/core/proto_date.h"
#include "storage/counter_table.h"
#include "storage/decoded_counter_table.h"

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
  std::vector<const storage::DecodedCounterTable*> added;
  std::vector<const storage::DecodedCounterTable*> subtracted;
};

SignedTables TablesOf(absl::Span<const AggregateBlock> blocks) {
  SignedTables tables;
  for (const AggregateBlock& block : blocks) {
    (block.subtract ? tables.subtracted : tables.added)
        .push_back(block.table.get());
  }
  return tables;
}

// The blocks whose sum is one hotel's totals over an interval (ReadBlocks).
struct BlockPlan {
  std::vector<std::string> keys;
  // keys[i]'s first day and sign; tables not read yet.
  std::vector<AggregateBlock> blocks;
};

BlockPlan PlanBlocks(std::string_view organization, AggregateTable table,
                     std::string_view hotel, int64_t first_day,
                     int64_t last_day, BlockCover cover) {
  BlockPlan plan;
  auto want = [&](AggregatePeriod period, int64_t first, bool subtract) {
    plan.keys.push_back(
        storage::AggregateBlockKey(organization, table, hotel, period, first));
    plan.blocks.push_back({first, nullptr, subtract});
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
  return plan;
}

// The aggregate cache key of the sum of `plan`'s blocks: what is summed and
// every block with its sign, so that the key names the sum exactly.
std::string IntervalSumKey(const BlockPlan& plan) {
  std::string key = "interval-sum";
  for (size_t i = 0; i < plan.keys.size(); ++i) {
    absl::StrAppend(&key, plan.blocks[i].subtract ? "-" : "+",
                    plan.keys[i].size(), ":", plan.keys[i]);
  }
  return key;
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
  BlockPlan plan =
      PlanBlocks(organization, table, hotel, first_day, last_day, cover);
  ASSIGN_OR_RETURN(std::vector<storage::CounterTable> tables,
                   store.ReadCounterTables(plan.keys, snapshot));
  std::vector<AggregateBlock> blocks;
  for (size_t i = 0; i < tables.size(); ++i) {
    if (tables[i] == nullptr) continue;
    plan.blocks[i].table = std::move(tables[i]);
    blocks.push_back(std::move(plan.blocks[i]));
  }
  return blocks;
}

absl::StatusOr<std::vector<AggregateBlock>> ReadIntervalSum(
    const storage::Store& store, std::string_view organization,
    AggregateTable table, std::string_view hotel, int64_t first_day,
    int64_t last_day, const storage::Snapshot* snapshot) {
  std::unique_ptr<storage::Snapshot> latest;
  if (snapshot == nullptr) {
    latest = store.GetSnapshot();
    snapshot = latest.get();
  }
  const BlockPlan plan = PlanBlocks(organization, table, hotel, first_day,
                                    last_day, BlockCover::kFewestBlocks);
  ASSIGN_OR_RETURN(
      storage::CounterTable sum,
      store.ReadDerivedCounterTable(
          IntervalSumKey(plan), plan.keys, *snapshot,
          [&](absl::Span<const storage::CounterTable> tables)
              -> absl::StatusOr<storage::CounterTable> {
            SignedTables signed_tables;
            for (size_t i = 0; i < tables.size(); ++i) {
              if (tables[i] == nullptr) continue;
              (plan.blocks[i].subtract ? signed_tables.subtracted
                                       : signed_tables.added)
                  .push_back(tables[i].get());
            }
            storage::DecodedCounterTableBuilder builder(SlotCount(table));
            storage::SumDecodedCounterTables(
                signed_tables.added, signed_tables.subtracted,
                [&](std::string_view key, const storage::CounterSlots& sums) {
                  builder.Add(
                      key, absl::MakeConstSpan(sums.values.data(), sums.size));
                });
            storage::DecodedCounterTable summed = std::move(builder).Finish();
            if (summed.entry_count() == 0) {
              return storage::CounterTable();
            }
            return std::make_shared<const storage::DecodedCounterTable>(
                std::move(summed));
          }));
  std::vector<AggregateBlock> blocks;
  if (sum != nullptr) {
    blocks.push_back({first_day, std::move(sum), /*subtract=*/false});
  }
  return blocks;
}

absl::StatusOr<storage::ReadCache::Value> ReadDerivedFromIntervalSum(
    const storage::Store& store, std::string_view organization,
    AggregateTable table, std::string_view hotel, int64_t first_day,
    int64_t last_day, const storage::Snapshot& snapshot,
    std::string_view derivation, DeriveFromBlocks derive) {
  const BlockPlan plan = PlanBlocks(organization, table, hotel, first_day,
                                    last_day, BlockCover::kFewestBlocks);
  return store.ReadDerivedFromBlocks(
      absl::StrCat(AbslView(derivation), "/", IntervalSumKey(plan)), plan.keys,
      snapshot, [&]() -> absl::StatusOr<storage::Store::CachedValue> {
        ASSIGN_OR_RETURN(std::vector<AggregateBlock> blocks,
                         ReadIntervalSum(store, organization, table, hotel,
                                         first_day, last_day, &snapshot));
        return derive(blocks);
      });
}

namespace {

// The slots of one summed entry, zero past those its tables have.
using SummedSlots = std::array<int64_t, storage::kMaxCounterSlots>;

// Visits every entry of the sum of `blocks` once, in key order, with its
// summed slots. A single added block (an interval sum, ReadIntervalSum) is
// the sum already: its entries are visited as they are, without a merge, as
// insight reads do for every voice of every hotel.
template <typename Visit>
void ForEachSummedEntry(absl::Span<const AggregateBlock> blocks, Visit visit) {
  SummedSlots slots{};
  if (blocks.size() == 1 && !blocks[0].subtract) {
    const storage::DecodedCounterTable& table = *blocks[0].table;
    const size_t slot_count = table.slot_count();
    for (size_t i = 0; i < table.entry_count(); ++i) {
      std::copy_n(table.slots(i), slot_count, slots.begin());
      visit(table.key(i), slots);
    }
    return;
  }
  const SignedTables tables = TablesOf(blocks);
  storage::SumDecodedCounterTables(
      tables.added, tables.subtracted,
      [&](std::string_view key, const storage::CounterSlots& sums) {
        slots = sums.values;
        visit(key, slots);
      });
}

}  // namespace

absl::Status SumVoices(
    absl::Span<const AggregateBlock> blocks,
    absl::FunctionRef<void(std::string_view voice, const VoiceCounters&)>
        visit) {
  ForEachSummedEntry(
      blocks, [&](std::string_view voice, const SummedSlots& sums) {
        visit(voice, VoiceCounters{sums[kFeedbackCount], sums[kSentimentSum],
                                   sums[kRatedCount], sums[kRatingSum],
                                   sums[kNotScoredCount]});
      });
  return absl::OkStatus();
}

absl::Status SumAspectVoices(
    absl::Span<const AggregateBlock> blocks,
    absl::FunctionRef<void(std::string_view aspect, std::string_view voice,
                           const AspectCounters&)>
        visit) {
  absl::Status malformed;
  ForEachSummedEntry(blocks, [&](std::string_view entry,
                                 const SummedSlots& sums) {
    const size_t aspect_size =
        entry.empty() ? 0 : static_cast<uint8_t>(entry[0]);
    if (entry.empty() || aspect_size >= entry.size()) {
      malformed = absl::DataLossError("an aspects-table entry is malformed");
      return;
    }
    visit(entry.substr(1, aspect_size), entry.substr(1 + aspect_size),
          AspectCounters{sums[kMentionCount], sums[kMentionSentimentSum],
                         sums[kNegativeMentions]});
  });
  return malformed;
}

}  // namespace guestvoice::service
