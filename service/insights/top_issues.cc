// ListTopIssues from the aspect pre-aggregates and the negative-quote index.

#include <algorithm>
#include <memory>
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
  // Per hotel, its voices per taxonomy aspect in the interval and the one
  // before; then per aspect over every hotel, in hotel order.
  struct HotelIssues {
    HotelAspectStats current;
    HotelAspectStats previous;
  };
  std::vector<HotelIssues> hotels(scope.hotels.size());
  RETURN_IF_ERROR(
      ReadHotelsOnTwoThreads(scope.hotels.size(), cancellation, [&](size_t h) {
        const DayRange days = HotelDays(bounds, scope.hotels[h].zone);
        HotelIssues& issues = hotels[h];
        ASSIGN_OR_RETURN(
            issues.current,
            ReadHotelAspectStats(store, scope.organization, scope.hotels[h].id,
                                 days, *snapshot));
        ASSIGN_OR_RETURN(
            issues.previous,
            ReadHotelAspectStats(store, scope.organization, scope.hotels[h].id,
                                 days.Previous(), *snapshot));
        return absl::OkStatus();
      }));
  std::vector<AspectStatsBuilder> current(aspects.size());
  std::vector<AspectStatsBuilder> previous(aspects.size());
  for (const HotelIssues& issues : hotels) {
    for (size_t a = 0; a < aspects.size(); ++a) {
      current[a].Add((*issues.current)[a]);
      previous[a].Add((*issues.previous)[a]);
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
  std::vector<std::vector<RecentQuotes>> by_hotel(scope.hotels.size());
  RETURN_IF_ERROR(
      ReadHotelsOnTwoThreads(scope.hotels.size(), cancellation, [&](size_t h) {
        const ScopeHotel& hotel = scope.hotels[h];
        const TimeBounds day_bounds =
            DayRangeBounds(HotelDays(bounds, hotel.zone), hotel.zone);
        by_hotel[h].resize(ranked.size());
        // Made only if the read cache lacks some of the hotel's quotes.
        std::unique_ptr<storage::ScanCursor> feedback;
        auto cursor = [&]() -> absl::StatusOr<storage::ScanCursor*> {
          if (feedback == nullptr) {
            ASSIGN_OR_RETURN(
                feedback, store.NewScanCursor(storage::ColumnFamily::kFeedback,
                                              snapshot.get()));
          }
          return feedback.get();
        };
        for (size_t i = 0; i < ranked.size(); ++i) {
          ASSIGN_OR_RETURN(by_hotel[h][i],
                           ReadRecentQuotesCached(store, *snapshot, cursor,
                                                  scope.organization, hotel.id,
                                                  aspects[ranked[i]],
                                                  day_bounds, kQuotesPerIssue));
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
    std::vector<const TimedQuote*> quotes;
    for (const std::vector<RecentQuotes>& hotel_quotes : by_hotel) {
      for (const TimedQuote& quote : *hotel_quotes[i]) quotes.push_back(&quote);
    }
    std::stable_sort(quotes.begin(), quotes.end(),
                     [](const TimedQuote* x, const TimedQuote* y) {
                       return x->post_time > y->post_time;
                     });
    for (size_t q = 0; q < quotes.size() && q < kQuotesPerIssue; ++q) {
      ASSIGN_OR_RETURN(*issue.add_quotes(), ParseQuote(*quotes[q]));
    }
  }
  return response;
}

}  // namespace guestvoice::service
