// CompareHotels from the pre-aggregates: every hotel's figures, ranked.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "analysis/aspect_taxonomy.h"
#include "common/status_macros.h"
#include "service/insights/queries.h"
#include "service/insights/readers.h"

namespace guestvoice::service {

absl::StatusOr<v1::CompareHotelsResponse> ComputeHotelComparison(
    const storage::Store& store, const InsightScope& scope,
    const TimeBounds& bounds, std::string_view aspect) {
  std::vector<std::string> aspects;
  if (aspect.empty()) {
    aspects = analysis::AspectTaxonomy::Default().aspects();
  } else {
    aspects.emplace_back(aspect);
  }
  const std::unique_ptr<storage::Snapshot> snapshot = store.GetSnapshot();
  VoiceStatsBuilder organization;
  std::vector<AspectStatsBuilder> organization_aspects(aspects.size());
  std::vector<v1::HotelComparison> rows;
  for (const ScopeHotel& hotel : scope.hotels) {
    const DayRange days = HotelDays(bounds, hotel.zone);
    VoiceStatsBuilder hotel_stats;
    RETURN_IF_ERROR(ForEachHotelVoice(
        store, scope.organization, hotel.id, days, snapshot.get(),
        [&](std::string_view, const VoiceCounters& totals) {
          hotel_stats.AddVoice(totals);
          organization.AddVoice(totals);
        }));
    std::vector<AspectStatsBuilder> by_aspect(
        analysis::AspectTaxonomy::Default().aspects().size());
    RETURN_IF_ERROR(AddHotelAspectVoices(store, scope.organization, hotel.id,
                                         days, snapshot.get(), by_aspect));
    v1::HotelComparison& row = rows.emplace_back();
    row.set_hotel(hotel.name);
    *row.mutable_stats() = hotel_stats.Build();
    for (size_t a = 0; a < aspects.size(); ++a) {
      const std::optional<size_t> index = TaxonomyIndex(aspects[a]);
      const AspectStatsBuilder& aspect_stats =
          index.has_value() ? by_aspect[*index] : AspectStatsBuilder();
      *row.add_aspects() = aspect_stats.Build(aspects[a]);
      organization_aspects[a].Add(aspect_stats);
    }
  }

  // The score a row is ranked by, and whether it has voices to rank by.
  auto score = [&](const v1::HotelComparison& row) {
    return aspect.empty() ? row.stats().mean_sentiment()
                          : row.aspects(0).mean_sentiment();
  };
  auto has_voices = [&](const v1::HotelComparison& row) {
    return aspect.empty() ? row.stats().voice_count() > 0
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
