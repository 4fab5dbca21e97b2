#include "tools/verify/aggregate_verifier.h"

#include <cmath>
#include <map>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "storage/counters_merge_operator.h"
#include "storage/keys.h"

namespace guestvoice::verify {
namespace {

// Restated here rather than taken from the service, so a wrong constant or
// rounding there shows up as a difference.
constexpr double kScale = 1'000'000;
constexpr double kNegativeMention = -0.05;
constexpr std::string_view kGuestVoicePrefix = "g/";

using Counters = std::vector<int64_t>;
using CounterMap = std::map<std::string, Counters>;

int64_t Fixed(double value) { return std::llround(value * kScale); }

void Add(CounterMap& map, std::string key, const Counters& add) {
  Counters& sum = map[std::move(key)];
  if (sum.size() < add.size()) sum.resize(add.size());
  for (size_t i = 0; i < add.size(); ++i) sum[i] += add[i];
}

bool AllZero(const Counters& counters) {
  for (int64_t c : counters) {
    if (c != 0) return false;
  }
  return true;
}

// Pads to the same length: the merge operator zero-pads shorter values.
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

void AddExpected(std::string_view organization,
                 const internal::v1::StoredFeedback& item, CounterMap& voice,
                 CounterMap& aspect) {
  const v1::Feedback& feedback = item.feedback();
  if (feedback.repeat()) return;
  const std::string_view hotel = LastSegment(feedback.hotel());
  const std::string voice_id = CurrentVoice(item);
  const bool rated = feedback.has_rating();
  Add(voice,
      storage::VoiceDayAggregateKey(organization, hotel, item.aggregate_day(),
                                    voice_id),
      {1, Fixed(feedback.analysis().sentiment().compound()), rated ? 1 : 0,
       rated ? Fixed(feedback.rating().normalized_value()) : 0});
  for (const v1::AspectMention& mention : feedback.analysis().aspects()) {
    Add(aspect,
        storage::AspectDayAggregateKey(organization, hotel,
                                       item.aggregate_day(), mention.aspect(),
                                       voice_id),
        {1, Fixed(mention.sentiment()),
         mention.sentiment() <= kNegativeMention ? 1 : 0});
  }
}

absl::StatusOr<CounterMap> ReadStored(const storage::Store& store,
                                      const std::string& prefix) {
  CounterMap stored;
  RETURN_IF_ERROR(store.Scan(
      storage::ColumnFamily::kAggregates, prefix, "", 0,
      [&](std::string_view key,
          std::string_view value) -> absl::StatusOr<storage::ScanStep> {
        ASSIGN_OR_RETURN(Counters counters, storage::DecodeCounters(value));
        if (!AllZero(counters)) stored.emplace(std::string(key), counters);
        return storage::ScanStep::kContinue;
      }));
  return stored;
}

std::string Describe(std::string_view organization, std::string_view key,
                     bool aspect_kind) {
  if (aspect_kind) {
    auto id = storage::ParseAspectDayAggregateKey(key);
    if (id.ok()) {
      return absl::StrCat("aspect-day org=", AbslView(organization),
                          " hotel=", AbslView(id->hotel_id), " day=", id->day,
                          " aspect=", AbslView(id->aspect),
                          " voice=", AbslView(id->voice));
    }
  } else {
    auto id = storage::ParseVoiceDayAggregateKey(key);
    if (id.ok()) {
      return absl::StrCat("voice-day org=", AbslView(organization),
                          " hotel=", AbslView(id->hotel_id), " day=", id->day,
                          " voice=", AbslView(id->voice));
    }
  }
  return absl::StrCat("undecodable key of org=", AbslView(organization));
}

void Compare(std::string_view organization, const CounterMap& expected,
             const CounterMap& stored, bool aspect_kind, VerifyReport& report) {
  std::map<std::string_view, std::pair<Counters, Counters>> keys;
  for (const auto& [key, counters] : expected) {
    if (!AllZero(counters)) keys[key].first = counters;
  }
  for (const auto& [key, counters] : stored) keys[key].second = counters;
  for (const auto& [key, pair] : keys) {
    ++report.aggregates;
    if (SameCounters(pair.first, pair.second)) continue;
    report.differences.push_back(
        absl::StrCat(Describe(organization, key, aspect_kind), ": recomputed [",
                     absl::StrJoin(pair.first, ", "), "] stored [",
                     absl::StrJoin(pair.second, ", "), "]"));
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
    CounterMap voice;
    CounterMap aspect;
    RETURN_IF_ERROR(store.Scan(
        storage::ColumnFamily::kFeedback, storage::FeedbackPrefix(organization),
        "", 0,
        [&](std::string_view key,
            std::string_view value) -> absl::StatusOr<storage::ScanStep> {
          internal::v1::StoredFeedback item;
          if (!item.ParseFromArray(value.data(),
                                   static_cast<int>(value.size()))) {
            return absl::DataLossError(
                absl::StrCat("unreadable feedback record under ",
                             Describe(organization, key, false)));
          }
          ++report.feedback_items;
          AddExpected(organization, item, voice, aspect);
          return storage::ScanStep::kContinue;
        }));
    ASSIGN_OR_RETURN(
        CounterMap stored_voice,
        ReadStored(store, storage::VoiceDayAggregatePrefix(organization)));
    ASSIGN_OR_RETURN(
        CounterMap stored_aspect,
        ReadStored(store, storage::AspectDayAggregatePrefix(organization)));
    Compare(organization, voice, stored_voice, false, report);
    Compare(organization, aspect, stored_aspect, true, report);
  }
  return report;
}

}  // namespace guestvoice::verify
