// CompareHotels from the pre-aggregates: every hotel's figures, ranked.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "analysis/aspect_taxonomy.h"
#include "common/status_macros.h"
#include "service/insights/hotel_fanout.h"
#include "service/insights/queries.h"
#include "service/insights/readers.h"

namespace guestvoice::service {

absl::StatusOr<v1::CompareHotelsResponse> ComputeHotelComparison(
    const storage::Store& store, const InsightScope& scope,
    const TimeBounds& bounds, std::string_view aspect,
    const CallCancellation& cancellation) {
  std::vector<std::string> aspects;
  if (aspect.empty()) {
    aspects = analysis::AspectTaxonomy::Default().aspects();
  } else {
    aspects.emplace_back(aspect);
  }
  const std::unique_ptr<storage::Snapshot> snapshot = store.GetSnapshot();
  // Per hotel, its voices and its voices per taxonomy aspect.
  struct HotelTotals {
    HotelVoiceStats voices;
    HotelAspectStats by_aspect;
  };
  std::vector<HotelTotals> hotels(scope.hotels.size());
  RETURN_IF_ERROR(
      ReadHotelsOnTwoThreads(scope.hotels.size(), cancellation, [&](size_t h) {
        const ScopeHotel& hotel = scope.hotels[h];
        const DayRange days = HotelDays(bounds, hotel.zone);
        HotelTotals& totals = hotels[h];
        ASSIGN_OR_RETURN(totals.voices,
                         ReadHotelVoiceStats(store, scope.organization,
                                             hotel.id, days, *snapshot));
        ASSIGN_OR_RETURN(totals.by_aspect,
                         ReadHotelAspectStats(store, scope.organization,
                                              hotel.id, days, *snapshot));
        return absl::OkStatus();
      }));

  VoiceStatsBuilder organization;
  std::vector<AspectStatsBuilder> organization_aspects(aspects.size());
  std::vector<v1::HotelComparison> rows;
  for (size_t h = 0; h < scope.hotels.size(); ++h) {
    organization.Add(*hotels[h].voices);
    v1::HotelComparison& row = rows.emplace_back();
    row.set_hotel(scope.hotels[h].name);
    *row.mutable_stats() = hotels[h].voices->Build();
    for (size_t a = 0; a < aspects.size(); ++a) {
      const std::optional<size_t> index = TaxonomyIndex(aspects[a]);
      const AspectStatsBuilder& aspect_stats =
          index.has_value() ? (*hotels[h].by_aspect)[*index]
                            : AspectStatsBuilder();
      *row.add_aspects() = aspect_stats.Build(aspects[a]);
      organization_aspects[a].Add(aspect_stats);
    }
  }

  // The score a row is ranked by, and whether it has voices to rank by:
  // scored ones, as a hotel whose voices none were scored has no score.
  auto score = [&](const v1::HotelComparison& row) {
    return aspect.empty() ? row.stats().mean_sentiment()
                          : row.aspects(0).mean_sentiment();
  };
  auto has_voices = [&](const v1::HotelComparison& row) {
    return aspect.empty() ? row.stats().voice_count() >
                                row.stats().not_scored_voice_count()
                          : row.aspects(0).voice_count() > 0;
  };
  // Rows are in hotel-name order already: stable sort keeps it for ties.
  std::stable_sort(
      rows.begin(), rows.end(),
      [&](const v1::HotelComparison& x, const v1::HotelComparison& y) {
        if (has_voices(x) != has_voices(y)) return has_voices(x);
        return has_voices(x) && score(x) > score(y);
      });
  v1::CompareHotelsResponse response;
  for (size_t i = 0; i < rows.size(); ++i) {
    rows[i].set_rank(static_cast<int32_t>(i + 1));
    *response.add_hotels() = std::move(rows[i]);
  }
  *response.mutable_organization() = organization.Build();
  for (size_t a = 0; a < aspects.size(); ++a) {
    *response.add_organization_aspects() =
        organization_aspects[a].Build(aspects[a]);
  }
  return response;
}

}  // namespace guestvoice::service
