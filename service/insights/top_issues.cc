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
namespace {

struct IssueAccumulator {
  AspectStatsBuilder current;
  AspectStatsBuilder previous;
};

}  // namespace

absl::StatusOr<v1::ListTopIssuesResponse> ComputeTopIssues(
    const storage::Store& store, const InsightScope& scope,
    const TimeBounds& bounds, size_t limit) {
  const std::vector<std::string>& aspects =
      analysis::AspectTaxonomy::Default().aspects();
  const std::unique_ptr<storage::Snapshot> snapshot = store.GetSnapshot();
  std::vector<IssueAccumulator> issues(aspects.size());
  for (const ScopeHotel& hotel : scope.hotels) {
    const DayRange days = HotelDays(bounds, hotel.zone);
    ASSIGN_OR_RETURN(AspectVoiceTotals current,
                     ReadAspectVoiceTotals(store, scope.organization, hotel.id,
                                           days, snapshot.get()));
    ASSIGN_OR_RETURN(AspectVoiceTotals previous,
                     ReadAspectVoiceTotals(store, scope.organization, hotel.id,
                                           days.Previous(), snapshot.get()));
    for (size_t a = 0; a < aspects.size(); ++a) {
      if (auto found = current.find(aspects[a]); found != current.end()) {
        for (const auto& [voice, totals] : found->second) {
          issues[a].current.AddVoice(totals);
        }
      }
      if (auto found = previous.find(aspects[a]); found != previous.end()) {
        for (const auto& [voice, totals] : found->second) {
          issues[a].previous.AddVoice(totals);
        }
      }
    }
  }

  std::vector<size_t> ranked;
  for (size_t a = 0; a < aspects.size(); ++a) {
    if (issues[a].current.negative_voice_count() > 0) ranked.push_back(a);
  }
  // Most negative voices first; ties keep taxonomy order.
  std::stable_sort(ranked.begin(), ranked.end(), [&](size_t x, size_t y) {
    return issues[x].current.negative_voice_count() >
           issues[y].current.negative_voice_count();
  });
  if (ranked.size() > limit) ranked.resize(limit);

  v1::ListTopIssuesResponse response;
  for (size_t a : ranked) {
    v1::TopIssue& issue = *response.add_issues();
    issue.set_aspect(aspects[a]);
    issue.set_negative_voice_count(issues[a].current.negative_voice_count());
    issue.set_previous_negative_voice_count(
        issues[a].previous.negative_voice_count());
    issue.set_mean_sentiment(issues[a].current.mean_sentiment());
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
