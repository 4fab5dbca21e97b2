// GetHotelSummary from the pre-aggregates.

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
    const storage::Snapshot* snapshot, v1::VoiceStats& stats,
    google::protobuf::RepeatedPtrField<v1::AspectStats>& aspects) {
  ASSIGN_OR_RETURN(
      VoiceTotals voices,
      ReadVoiceTotals(store, organization, hotel.id, days, snapshot));
  VoiceStatsBuilder builder;
  builder.AddVoices(voices);
  stats = builder.Build();
  ASSIGN_OR_RETURN(
      AspectVoiceTotals by_aspect,
      ReadAspectVoiceTotals(store, organization, hotel.id, days, snapshot));
  for (const std::string& aspect :
       analysis::AspectTaxonomy::Default().aspects()) {
    AspectStatsBuilder aspect_builder;
    auto found = by_aspect.find(aspect);
    if (found != by_aspect.end()) {
      for (const auto& [voice, totals] : found->second) {
        aspect_builder.AddVoice(totals);
      }
    }
    *aspects.Add() = aspect_builder.Build(aspect);
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
  RETURN_IF_ERROR(SummarizeDays(store, organization, hotel, days,
                                snapshot.get(), *summary.mutable_current(),
                                *summary.mutable_aspects()));
  RETURN_IF_ERROR(SummarizeDays(store, organization, hotel, previous,
                                snapshot.get(), *summary.mutable_previous(),
                                *summary.mutable_previous_aspects()));
  return summary;
}

}  // namespace guestvoice::service
