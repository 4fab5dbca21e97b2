// GetHotelSummary from the pre-aggregates.

#include <string>
#include <vector>

#include "analysis/aspect_taxonomy.h"
#include "common/status_macros.h"
#include "service/insights/queries.h"
#include "service/insights/readers.h"

namespace guestvoice::service {
namespace {

// Fills `stats` and `aspects` for `days`.
absl::Status SummarizeDays(
    const storage::Store& store, std::string_view organization,
    const ScopeHotel& hotel, const DayRange& days,
    const storage::Snapshot& snapshot, v1::VoiceStats& stats,
    google::protobuf::RepeatedPtrField<v1::AspectStats>& aspects) {
  ASSIGN_OR_RETURN(
      HotelVoiceStats voices,
      ReadHotelVoiceStats(store, organization, hotel.id, days, snapshot));
  stats = voices->Build();
  ASSIGN_OR_RETURN(
      HotelAspectStats by_aspect,
      ReadHotelAspectStats(store, organization, hotel.id, days, snapshot));
  const std::vector<std::string>& names =
      analysis::AspectTaxonomy::Default().aspects();
  for (size_t a = 0; a < names.size(); ++a) {
    *aspects.Add() = (*by_aspect)[a].Build(names[a]);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::HotelSummary> ComputeHotelSummary(
    const storage::Store& store, std::string_view organization,
    const ScopeHotel& hotel, const TimeBounds& bounds) {
  const std::unique_ptr<storage::Snapshot> snapshot = store.GetSnapshot();
  const DayRange days = HotelDays(bounds, hotel.zone);
  const DayRange previous = days.Previous();
  v1::HotelSummary summary;
  summary.set_hotel(hotel.name);
  *summary.mutable_interval() = ToProtoInterval(bounds);
  *summary.mutable_previous_interval() =
      ToProtoInterval(DayRangeBounds(previous, hotel.zone));
  RETURN_IF_ERROR(SummarizeDays(store, organization, hotel, days, *snapshot,
                                *summary.mutable_current(),
                                *summary.mutable_aspects()));
  RETURN_IF_ERROR(SummarizeDays(store, organization, hotel, previous, *snapshot,
                                *summary.mutable_previous(),
                                *summary.mutable_previous_aspects()));
  return summary;
}

}  // namespace guestvoice::service
