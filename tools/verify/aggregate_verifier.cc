#include "tools/verify/aggregate_verifier.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "storage/counter_table.h"
#include "storage/keys.h"

namespace guestvoice::verify {
namespace {

// Restated here rather than taken from the service, so a wrong constant or
// rounding there shows up as a difference.
constexpr double kScale = 1'000'000;
constexpr double kNegativeMention = -0.05;
constexpr std::string_view kGuestVoicePrefix = "g/";

using Counters = std::vector<int64_t>;
// (block key, entry key) -> counters.
using CounterMap = std::map<std::pair<std::string, std::string>, Counters>;

int64_t Fixed(double value) { return std::llround(value * kScale); }

// attention index key -> hotel id.
using AttentionEntries = std::map<std::string, std::string>;

void Add(CounterMap& map, std::string block, std::string entry,
         const Counters& add) {
  Counters& sum = map[{std::move(block), std::move(entry)}];
  if (sum.size() < add.size()) sum.resize(add.size());
  for (size_t i = 0; i < add.size(); ++i) sum[i] += add[i];
}

bool AllZero(const Counters& counters) {
  for (int64_t c : counters) {
    if (c != 0) return false;
  }
  return true;
}

// Pads to the same length: tables with fewer slots read as zero-padded.
bool SameCounters(Counters a, Counters b) {
  const size_t size = std::max(a.size(), b.size());
  a.resize(size);
  b.resize(size);
  return a == b;
}

std::string_view LastSegment(std::string_view name) {
  return name.substr(name.rfind('/') + 1);
}

// The voice an item counts for now: its guest's when attributed, else its
// author's own.
std::string CurrentVoice(const internal::v1::StoredFeedback& item) {
  const std::string& guest = item.feedback().guest();
  return guest.empty() ? item.author_voice()
                       : absl::StrCat(AbslView(kGuestVoicePrefix),
                                      AbslView(LastSegment(guest)));
}

// The day blocks and month blocks an item's day falls in.
std::vector<std::pair<storage::AggregatePeriod, int64_t>> PeriodsOf(
    int64_t day) {
  const absl::CivilDay civil = absl::CivilDay(1970, 1, 1) + day;
  const int64_t month_start =
      absl::CivilDay(absl::CivilMonth(civil)) - absl::CivilDay(1970, 1, 1);
  return {{storage::AggregatePeriod::kDay, day},
          {storage::AggregatePeriod::kMonth, month_start}};
}

void AddExpected(std::string_view organization,
                 const internal::v1::StoredFeedback& item,
                 CounterMap& expected) {
  const v1::Feedback& feedback = item.feedback();
  if (feedback.repeat()) return;
  const std::string_view hotel = LastSegment(feedback.hotel());
  const std::string voice_id = CurrentVoice(item);
  const bool rated = feedback.has_rating();
  // Items stored before languages were identified have no state and were
  // scored (in English); only an explicit NOT_SCORED has no sentiment.
  const bool scored =
      feedback.analysis().sentiment_state() != v1::SENTIMENT_STATE_NOT_SCORED;
  for (const auto& [period, first_day] : PeriodsOf(item.aggregate_day())) {
    Add(expected,
        storage::AggregateBlockKey(organization,
                                   storage::AggregateTable::kVoices, hotel,
                                   period, first_day),
        voice_id,
        {1, scored ? Fixed(feedback.analysis().sentiment().compound()) : 0,
         rated ? 1 : 0, rated ? Fixed(feedback.rating().normalized_value()) : 0,
         scored ? 0 : 1});
    for (const v1::AspectMention& mention : feedback.analysis().aspects()) {
      // Aspect entries: a length byte, the aspect, the voice.
      Add(expected,
          storage::AggregateBlockKey(organization,
                                     storage::AggregateTable::kAspects, hotel,
                                     period, first_day),
          absl::StrCat(
              std::string(1, static_cast<char>(mention.aspect().size())),
              mention.aspect(), voice_id),
          {1, Fixed(mention.sentiment()),
           mention.sentiment() <= kNegativeMention ? 1 : 0});
    }
  }
}

// The item's attention-index entry, if the queue lists it: open, negative,
// not a repeat, its author not erased (a handle); negative by its compound
// when its text was scored, else by its rating on the same scale
// (2 * normalized - 1), and with neither not listed; ranked by severity band
// in tenths (most severe first), hotel-local day (newest first), exact
// severity.
void AddExpectedAttention(std::string_view organization,
                          const internal::v1::StoredFeedback& item,
                          AttentionEntries& expected) {
  const v1::Feedback& feedback = item.feedback();
  double felt = 0;
  if (feedback.analysis().sentiment_state() != v1::SENTIMENT_STATE_NOT_SCORED) {
    felt = feedback.analysis().sentiment().compound();
  } else if (feedback.has_rating()) {
    felt = 2 * feedback.rating().normalized_value() - 1;
  } else {
    return;
  }
  if (feedback.repeat() || feedback.author().handle().empty() ||
      feedback.case_().state() != v1::CASE_STATE_OPEN ||
      felt > kNegativeMention) {
    return;
  }
  const double severity = std::min(1.0, -felt);
  const int band = std::min(9, static_cast<int>(std::floor(severity * 10)));
  const absl::Time post_time =
      absl::FromUnixSeconds(feedback.post_time().seconds()) +
      absl::Nanoseconds(feedback.post_time().nanos());
  expected.emplace(
      storage::AttentionIndexKey(organization, static_cast<uint32_t>(9 - band),
                                 -item.aggregate_day(), -Fixed(severity),
                                 post_time, LastSegment(feedback.name())),
      std::string(LastSegment(feedback.hotel())));
}

void CompareAttention(std::string_view organization,
                      const AttentionEntries& expected,
                      const AttentionEntries& stored, VerifyReport& report) {
  std::map<std::string_view, std::pair<const std::string*, const std::string*>>
      entries;
  for (const auto& [key, hotel] : expected) entries[key].first = &hotel;
  for (const auto& [key, hotel] : stored) entries[key].second = &hotel;
  for (const auto& [key, hotels] : entries) {
    ++report.attention_entries;
    const auto& [expected_hotel, stored_hotel] = hotels;
    if (expected_hotel != nullptr && stored_hotel != nullptr &&
        *expected_hotel == *stored_hotel) {
      continue;
    }
    auto parts = storage::ParseAttentionIndexKey(key);
    std::string what = absl::StrCat(
        "attention entry org=", AbslView(organization), " feedback=",
        parts.ok() ? AbslView(parts->feedback_id) : "(undecodable key)");
    if (stored_hotel == nullptr) {
      absl::StrAppend(&what, ": missing");
    } else if (expected_hotel == nullptr) {
      absl::StrAppend(&what,
                      ": not expected (no such item, or not in the "
                      "queue, or stored at another place)");
    } else {
      absl::StrAppend(&what, ": hotel recomputed ", *expected_hotel, " stored ",
                      *stored_hotel);
    }
    report.differences.push_back(std::move(what));
  }
}

absl::Status ReadStored(const storage::Store& store, const std::string& prefix,
                        CounterMap& stored) {
  return store.Scan(
      storage::ColumnFamily::kAggregates, prefix, "", 0,
      [&](std::string_view key,
          std::string_view value) -> absl::StatusOr<storage::ScanStep> {
        ASSIGN_OR_RETURN(storage::CounterTableReader table,
                         storage::CounterTableReader::Open(value));
        while (table.Next()) {
          const storage::CounterSlots& slots = table.slots();
          Counters counters(slots.values.begin(),
                            slots.values.begin() + slots.size);
          stored.emplace(std::pair{std::string(key), std::string(table.key())},
                         std::move(counters));
        }
        RETURN_IF_ERROR(table.status());
        return storage::ScanStep::kContinue;
      });
}

std::string Describe(std::string_view organization, std::string_view block,
                     std::string_view entry) {
  auto id = storage::ParseAggregateBlockKey(block);
  if (!id.ok()) {
    return absl::StrCat("undecodable block key of org=",
                        AbslView(organization));
  }
  const bool aspects = id->table == storage::AggregateTable::kAspects;
  std::string what = absl::StrCat(
      aspects ? "aspects" : "voices",
      id->period == storage::AggregatePeriod::kDay ? " day" : " month",
      " block org=", AbslView(organization), " hotel=", AbslView(id->hotel_id),
      " first_day=", id->first_day);
  if (aspects && !entry.empty() &&
      static_cast<uint8_t>(entry[0]) < entry.size()) {
    const size_t size = static_cast<uint8_t>(entry[0]);
    absl::StrAppend(&what, " aspect=", AbslView(entry.substr(1, size)),
                    " voice=", AbslView(entry.substr(1 + size)));
  } else {
    absl::StrAppend(&what, " voice=", AbslView(entry));
  }
  return what;
}

void Compare(std::string_view organization, const CounterMap& expected,
             const CounterMap& stored, VerifyReport& report) {
  std::map<std::pair<std::string_view, std::string_view>,
           std::pair<Counters, Counters>>
      entries;
  for (const auto& [key, counters] : expected) {
    if (!AllZero(counters)) entries[{key.first, key.second}].first = counters;
  }
  for (const auto& [key, counters] : stored) {
    entries[{key.first, key.second}].second = counters;
  }
  for (const auto& [key, pair] : entries) {
    ++report.aggregates;
    if (SameCounters(pair.first, pair.second)) continue;
    report.differences.push_back(
        absl::StrCat(Describe(organization, key.first, key.second),
                     ": recomputed [", absl::StrJoin(pair.first, ", "),
                     "] stored [", absl::StrJoin(pair.second, ", "), "]"));
  }
}

}  // namespace

absl::StatusOr<VerifyReport> VerifyAggregates(const storage::Store& store) {
  VerifyReport report;
  std::vector<std::string> organizations;
  RETURN_IF_ERROR(store.Scan(
      storage::ColumnFamily::kIndexes, storage::OrganizationIndexPrefix(), "",
      0, [&](std::string_view key, std::string_view) {
        auto index = storage::ParseOrganizationIndexKey(key);
        if (index.ok()) organizations.emplace_back(index->org_id);
        return storage::ScanStep::kContinue;
      }));
  for (const std::string& organization : organizations) {
    ++report.organizations;
    CounterMap expected;
    AttentionEntries expected_attention;
    RETURN_IF_ERROR(store.Scan(
        storage::ColumnFamily::kFeedback, storage::FeedbackPrefix(organization),
        "", 0,
        [&](std::string_view key,
            std::string_view value) -> absl::StatusOr<storage::ScanStep> {
          internal::v1::StoredFeedback item;
          if (!item.ParseFromArray(value.data(),
                                   static_cast<int>(value.size()))) {
            return absl::DataLossError(absl::StrCat(
                "unreadable feedback record under ", AbslView(organization)));
          }
          ++report.feedback_items;
          AddExpected(organization, item, expected);
          AddExpectedAttention(organization, item, expected_attention);
          return storage::ScanStep::kContinue;
        }));
    CounterMap stored;
    for (storage::AggregateTable table : {storage::AggregateTable::kVoices,
                                          storage::AggregateTable::kAspects}) {
      RETURN_IF_ERROR(ReadStored(
          store, storage::AggregateBlockOrganizationPrefix(organization, table),
          stored));
    }
    Compare(organization, expected, stored, report);
    AttentionEntries stored_attention;
    RETURN_IF_ERROR(
        store.Scan(storage::ColumnFamily::kFeedback,
                   storage::AttentionIndexPrefix(organization), "", 0,
                   [&](std::string_view key, std::string_view hotel) {
                     stored_attention.emplace(key, hotel);
                     return storage::ScanStep::kContinue;
                   }));
    CompareAttention(organization, expected_attention, stored_attention,
                     report);
  }
  return report;
}

}  // namespace guestvoice::verify
