// ListTopIssues from the aspect pre-aggregates and the negative-quote index.

#include <algorithm>
#include <string>
#include <vector>

#include "analysis/aspect_taxonomy.h"
#include "common/status_macros.h"
#include "service/core/proto_time.h"
#include "service/insights/queries.h"
#include "service/insights/readers.h"

namespace guestvoice::service {
absl::StatusOr<v1::ListTopIssuesResponse> ComputeTopIssues(
    const storage::Store& store, const InsightScope& scope,
    const TimeBounds& bounds, size_t limit) {
  const std::vector<std::string>& aspects =
      analysis::AspectTaxonomy::Default().aspects();
  const std::unique_ptr<storage::Snapshot> snapshot = store.GetSnapshot();
  // Per taxonomy aspect, its voices in the interval and the one before.
  std::vector<AspectStatsBuilder> current(aspects.size());
  std::vector<AspectStatsBuilder> previous(aspects.size());
  for (const ScopeHotel& hotel : scope.hotels) {
    const DayRange days = HotelDays(bounds, hotel.zone);
    RETURN_IF_ERROR(AddHotelAspectVoices(store, scope.organization, hotel.id,
                                         days, snapshot.get(), current));
    RETURN_IF_ERROR(AddHotelAspectVoices(store, scope.organization, hotel.id,
                                         days.Previous(), snapshot.get(),
                                         previous));
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

  v1::ListTopIssuesResponse response;
  for (size_t a : ranked) {
    v1::TopIssue& issue = *response.add_issues();
    issue.set_aspect(aspects[a]);
    issue.set_negative_voice_count(current[a].negative_voice_count());
    issue.set_previous_negative_voice_count(previous[a].negative_voice_count());
    issue.set_mean_sentiment(current[a].mean_sentiment());
    std::vector<TimedQuote> quotes;
    for (const ScopeHotel& hotel : scope.hotels) {
      const TimeBounds day_bounds =
          DayRangeBounds(HotelDays(bounds, hotel.zone), hotel.zone);
      ASSIGN_OR_RETURN(
          std::vector<TimedQuote> hotel_quotes,
          ReadRecentQuotes(store, scope.organization, hotel.id, aspects[a],
                           day_bounds, kQuotesPerIssue, snapshot.get()));
      for (TimedQuote& quote : hotel_quotes) quotes.push_back(std::move(quote));
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
