// ListTopIssues from the aspect pre-aggregates and the negative-quote index.

#include <algorithm>
#include <string>
#include <vector>

#include "analysis/aspect_taxonomy.h"
#include "common/status_macros.h"
#include "service/core/proto_time.h"
#include "service/insights/hotel_fanout.h"
#include "service/insights/queries.h"
#include "service/insights/readers.h"

namespace guestvoice::service {
absl::StatusOr<v1::ListTopIssuesResponse> ComputeTopIssues(
    const storage::Store& store, const InsightScope& scope,
    const TimeBounds& bounds, size_t limit,
    const CallCancellation& cancellation) {
  const std::vector<std::string>& aspects =
      analysis::AspectTaxonomy::Default().aspects();
  const std::unique_ptr<storage::Snapshot> snapshot = store.GetSnapshot();
  // Per hotel and taxonomy aspect, its voices in the interval and the one
  // before; then per aspect over every hotel, in hotel order.
  struct HotelIssues {
    std::vector<AspectStatsBuilder> current;
    std::vector<AspectStatsBuilder> previous;
  };
  std::vector<HotelIssues> hotels(scope.hotels.size());
  RETURN_IF_ERROR(
      ReadHotelsOnTwoThreads(scope.hotels.size(), cancellation, [&](size_t h) {
        const DayRange days = HotelDays(bounds, scope.hotels[h].zone);
        HotelIssues& issues = hotels[h];
        issues.current.resize(aspects.size());
        issues.previous.resize(aspects.size());
        RETURN_IF_ERROR(AddHotelAspectVoices(store, scope.organization,
                                             scope.hotels[h].id, days,
                                             snapshot.get(), issues.current));
        return AddHotelAspectVoices(store, scope.organization,
                                    scope.hotels[h].id, days.Previous(),
                                    snapshot.get(), issues.previous);
      }));
  std::vector<AspectStatsBuilder> current(aspects.size());
  std::vector<AspectStatsBuilder> previous(aspects.size());
  for (const HotelIssues& issues : hotels) {
    for (size_t a = 0; a < aspects.size(); ++a) {
      current[a].Add(issues.current[a]);
      previous[a].Add(issues.previous[a]);
    }
  }

  std::vector<size_t> ranked;
  for (size_t a = 0; a < aspects.size(); ++a) {
    if (current[a].negative_voice_count() > 0) ranked.push_back(a);
  }
  // Most negative voices first; ties keep taxonomy order.
  std::stable_sort(ranked.begin(), ranked.end(), [&](size_t x, size_t y) {
    return current[x].negative_voice_count() >
           current[y].negative_voice_count();
  });
  if (ranked.size() > limit) ranked.resize(limit);

  // Every hotel's recent negative clauses about each ranked aspect, read in
  // one pass over the hotels (by_hotel[h][i] for ranked[i]).
  std::vector<std::vector<std::vector<TimedQuote>>> by_hotel(
      scope.hotels.size());
  RETURN_IF_ERROR(
      ReadHotelsOnTwoThreads(scope.hotels.size(), cancellation, [&](size_t h) {
        const ScopeHotel& hotel = scope.hotels[h];
        const TimeBounds day_bounds =
            DayRangeBounds(HotelDays(bounds, hotel.zone), hotel.zone);
        by_hotel[h].resize(ranked.size());
        for (size_t i = 0; i < ranked.size(); ++i) {
          ASSIGN_OR_RETURN(by_hotel[h][i],
                           ReadRecentQuotes(store, scope.organization, hotel.id,
                                            aspects[ranked[i]], day_bounds,
                                            kQuotesPerIssue, snapshot.get()));
        }
        return absl::OkStatus();
      }));

  v1::ListTopIssuesResponse response;
  for (size_t i = 0; i < ranked.size(); ++i) {
    const size_t a = ranked[i];
    v1::TopIssue& issue = *response.add_issues();
    issue.set_aspect(aspects[a]);
    issue.set_negative_voice_count(current[a].negative_voice_count());
    issue.set_previous_negative_voice_count(previous[a].negative_voice_count());
    issue.set_mean_sentiment(current[a].mean_sentiment());
    std::vector<TimedQuote> quotes;
    for (std::vector<std::vector<TimedQuote>>& hotel_quotes : by_hotel) {
      for (TimedQuote& quote : hotel_quotes[i]) {
        quotes.push_back(std::move(quote));
      }
    }
    std::stable_sort(quotes.begin(), quotes.end(),
                     [](const TimedQuote& x, const TimedQuote& y) {
                       return x.post_time > y.post_time;
                     });
    for (size_t q = 0; q < quotes.size() && q < kQuotesPerIssue; ++q) {
      *issue.add_quotes() = std::move(quotes[q].mention);
    }
  }
  return response;
}

}  // namespace guestvoice::service
