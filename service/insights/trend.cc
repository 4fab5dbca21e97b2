// GetSentimentTrend from the pre-aggregates: each hotel's days fall into
// calendar buckets (day, ISO week, month) by their hotel-local date.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "common/status_macros.h"
#include "service/core/errors.h"
#include "service/core/proto_date.h"
#include "service/feedback/aggregates.h"
#include "service/insights/queries.h"
#include "service/insights/voice_stats.h"

namespace guestvoice::service {
namespace {

// The day after the last day of the bucket that `day` starts or lies in.
int64_t NextBucketStart(int64_t day, v1::Granularity granularity) {
  const absl::CivilDay civil = DayFromNumber(day);
  switch (granularity) {
    case v1::GRANULARITY_WEEK: {
      // absl::Weekday counts from Monday = 0, as ISO weeks do.
      const int weekday = static_cast<int>(absl::GetWeekday(civil));
      return day + 7 - weekday;
    }
    case v1::GRANULARITY_MONTH:
      return DayNumber(absl::CivilDay(absl::CivilMonth(civil) + 1));
    default:
      return day + 1;
  }
}

absl::StatusOr<std::vector<DayRange>> BucketRanges(
    const DayRange& days, v1::Granularity granularity) {
  std::vector<DayRange> buckets;
  for (int64_t day = days.first_day; day <= days.last_day;) {
    if (static_cast<int64_t>(buckets.size()) == kMaxTrendBuckets) {
      return InvalidField(
          "granularity",
          absl::StrCat("the interval would have more than ", kMaxTrendBuckets,
                       " buckets; use a coarser granularity"));
    }
    const int64_t next = NextBucketStart(day, granularity);
    buckets.push_back({day, std::min(next - 1, days.last_day)});
    day = next;
  }
  return buckets;
}

// The hotel-local days `bounds` covers in a time zone of the scope's hotels.
struct ZoneDays {
  absl::TimeZone zone;
  DayRange days;
};

// The days of each distinct time zone of `hotels` (a chain has far fewer
// zones than hotels).
std::vector<ZoneDays> DaysByZone(const std::vector<ScopeHotel>& hotels,
                                 const TimeBounds& bounds) {
  std::vector<ZoneDays> zones;
  for (const ScopeHotel& hotel : hotels) {
    const bool seen = std::any_of(
        zones.begin(), zones.end(),
        [&](const ZoneDays& known) { return known.zone == hotel.zone; });
    if (!seen) zones.push_back({hotel.zone, HotelDays(bounds, hotel.zone)});
  }
  return zones;
}

// When `bucket`'s days are, within `bounds`: from the first zone's start of
// them to the last zone's end, over the zones whose days of `bounds` it
// holds. A hotel's bucket is its own local days; an organization's collects
// each hotel's same dates, which begin and end at other instants east and
// west of UTC (Tokyo's 29 March is over at 15:00 UTC). Without such a zone
// (an organization without hotels) the bucket's days in `fallback_zone`,
// never inverted.
TimeBounds BucketBounds(const DayRange& bucket, const TimeBounds& bounds,
                        const std::vector<ZoneDays>& zones,
                        absl::TimeZone fallback_zone) {
  std::optional<TimeBounds> spanned;
  for (const ZoneDays& zone : zones) {
    const DayRange held{std::max(zone.days.first_day, bucket.first_day),
                        std::min(zone.days.last_day, bucket.last_day)};
    if (held.first_day > held.last_day) continue;
    const TimeBounds local = DayRangeBounds(held, zone.zone);
    const TimeBounds clipped{std::max(local.start, bounds.start),
                             std::min(local.end, bounds.end)};
    if (clipped.end < clipped.start) continue;
    spanned = spanned.has_value()
                  ? TimeBounds{std::min(spanned->start, clipped.start),
                               std::max(spanned->end, clipped.end)}
                  : clipped;
  }
  if (spanned.has_value()) return *spanned;
  const TimeBounds local = DayRangeBounds(bucket, fallback_zone);
  const absl::Time start = std::max(local.start, bounds.start);
  return {start, std::max(start, std::min(local.end, bounds.end))};
}

// Per bucket: each (hotel, voice) pair's totals, fed to a builder once per
// hotel so a voice counts once per hotel and bucket.
struct BucketAccumulator {
  VoiceStatsBuilder voices;
  AspectStatsBuilder aspect_voices;
};

}  // namespace

absl::StatusOr<v1::SentimentTrend> ComputeSentimentTrend(
    const storage::Store& store, const InsightScope& scope,
    const TimeBounds& bounds, v1::Granularity granularity,
    std::string_view aspect, const CallCancellation& cancellation) {
  const absl::TimeZone bounds_zone = scope.whole_organization
                                         ? absl::UTCTimeZone()
                                         : scope.hotels.front().zone;
  DayRange all = HotelDays(bounds, bounds_zone);
  for (const ScopeHotel& hotel : scope.hotels) {
    const DayRange days = HotelDays(bounds, hotel.zone);
    all.first_day = std::min(all.first_day, days.first_day);
    all.last_day = std::max(all.last_day, days.last_day);
  }
  ASSIGN_OR_RETURN(std::vector<DayRange> buckets,
                   BucketRanges(all, granularity));
  std::vector<size_t> bucket_of_day(all.days());
  for (size_t b = 0; b < buckets.size(); ++b) {
    for (int64_t day = buckets[b].first_day; day <= buckets[b].last_day;
         ++day) {
      bucket_of_day[day - all.first_day] = b;
    }
  }

  const std::unique_ptr<storage::Snapshot> snapshot = store.GetSnapshot();
  std::vector<BucketAccumulator> accumulators(buckets.size());
  // A month block lies in one bucket only when buckets are months, and then
  // only a whole one: a month minus days outside the interval would put
  // those days in its bucket.
  const BlockCover cover = granularity == v1::GRANULARITY_MONTH
                               ? BlockCover::kWholeMonths
                               : BlockCover::kDays;
  const storage::AggregateTable table = aspect.empty()
                                            ? storage::AggregateTable::kVoices
                                            : storage::AggregateTable::kAspects;
  for (const ScopeHotel& hotel : scope.hotels) {
    RETURN_IF_ERROR(cancellation.Check());
    const DayRange days = HotelDays(bounds, hotel.zone);
    ASSIGN_OR_RETURN(
        std::vector<AggregateBlock> blocks,
        ReadBlocks(store, scope.organization, table, hotel.id, days.first_day,
                   days.last_day, cover, snapshot.get()));
    std::vector<std::vector<AggregateBlock>> per_bucket(buckets.size());
    for (AggregateBlock& block : blocks) {
      per_bucket[bucket_of_day[block.first_day - all.first_day]].push_back(
          std::move(block));
    }
    for (size_t b = 0; b < buckets.size(); ++b) {
      BucketAccumulator& bucket = accumulators[b];
      if (aspect.empty()) {
        RETURN_IF_ERROR(SumVoices(
            per_bucket[b], [&](std::string_view, const VoiceCounters& totals) {
              bucket.voices.AddVoice(totals);
            }));
      } else {
        RETURN_IF_ERROR(SumAspectVoices(
            per_bucket[b], [&](std::string_view mention_aspect,
                               std::string_view, const AspectCounters& totals) {
              if (mention_aspect == aspect)
                bucket.aspect_voices.AddVoice(totals);
            }));
      }
    }
  }

  const std::vector<ZoneDays> zones = DaysByZone(scope.hotels, bounds);
  v1::SentimentTrend trend;
  for (size_t b = 0; b < buckets.size(); ++b) {
    v1::TrendBucket& bucket = *trend.add_buckets();
    *bucket.mutable_interval() =
        ToProtoInterval(BucketBounds(buckets[b], bounds, zones, bounds_zone));
    *bucket.mutable_date() = ToProtoDate(DayFromNumber(buckets[b].first_day));
    if (aspect.empty()) {
      const v1::VoiceStats stats = accumulators[b].voices.Build();
      bucket.set_voice_count(stats.voice_count());
      bucket.set_mean_sentiment(stats.mean_sentiment());
      bucket.set_feedback_count(stats.feedback_count());
      bucket.set_not_scored_voice_count(stats.not_scored_voice_count());
    } else {
      const v1::AspectStats stats = accumulators[b].aspect_voices.Build(aspect);
      bucket.set_voice_count(stats.voice_count());
      bucket.set_mean_sentiment(stats.mean_sentiment());
      bucket.set_feedback_count(stats.mention_count());
    }
  }
  return trend;
}

}  // namespace guestvoice::service
