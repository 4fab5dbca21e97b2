#include "service/insights/loyalty_insights.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/status_macros.h"
#include "service/core/proto_time.h"
#include "service/core/resource_names.h"
#include "service/feedback/aggregates.h"
#include "service/feedback/attention_index.h"
#include "service/feedback/names.h"
#include "service/feedback/voices.h"
#include "service/insights/readers.h"
#include "service/loyalty/identities.h"

namespace guestvoice::service {
namespace {

// The guest's negative feedback (IsJudgedNegative: a low rating counts where
// no words were scored) in the interval at the scope's hotels, and whether any
// of it has a resolved case.
struct GuestNegatives {
  std::vector<std::string> feedback;
  bool any_resolved = false;
};

absl::StatusOr<GuestNegatives> ReadGuestNegatives(const storage::Store& store,
                                                  const InsightScope& scope,
                                                  const TimeBounds& bounds,
                                                  const v1::Guest& guest) {
  std::map<std::string, const ScopeHotel*, std::less<>> hotels;
  for (const ScopeHotel& hotel : scope.hotels) hotels[hotel.name] = &hotel;
  GuestNegatives negatives;
  for (const v1::Identity& identity : guest.identities()) {
    std::optional<AuthorRef> author = AuthorOfIdentity(identity);
    if (!author.has_value()) continue;
    ASSIGN_OR_RETURN(std::vector<v1::Feedback> items,
                     ListAuthorFeedback(store, scope.organization, *author));
    for (const v1::Feedback& item : items) {
      auto hotel = hotels.find(item.hotel());
      if (hotel == hotels.end() || item.repeat() || !IsJudgedNegative(item) ||
          !HotelDays(bounds, hotel->second->zone)
               .Contains(HotelDay(FromProtoTimestamp(item.post_time()),
                                  hotel->second->zone))) {
        continue;
      }
      negatives.feedback.push_back(item.name());
      negatives.any_resolved = negatives.any_resolved ||
                               item.case_().state() == v1::CASE_STATE_RESOLVED;
    }
  }
  std::sort(negatives.feedback.begin(), negatives.feedback.end());
  return negatives;
}

}  // namespace

absl::StatusOr<v1::LoyaltyInsights> ComputeLoyaltyInsights(
    const storage::Store& store, const InsightScope& scope,
    const TimeBounds& bounds, GuestTiers& tiers,
    const CallCancellation& cancellation) {
  const v1::LoyaltyProgram& program = tiers.program();
  // Index program.tiers_size() collects voices that are no known guest.
  std::vector<VoiceStatsBuilder> by_tier(program.tiers_size() + 1);
  std::set<std::string> candidates;
  const std::unique_ptr<storage::Snapshot> snapshot = store.GetSnapshot();
  for (const ScopeHotel& hotel : scope.hotels) {
    RETURN_IF_ERROR(cancellation.Check());
    absl::Status tier_lookup;
    RETURN_IF_ERROR(ForEachHotelVoice(
        store, scope.organization, hotel.id, HotelDays(bounds, hotel.zone),
        snapshot.get(),
        [&](std::string_view voice, const VoiceCounters& totals) {
          int index = program.tiers_size();
          if (std::optional<std::string_view> guest_id =
                  GuestIdOfVoice(voice)) {
            absl::StatusOr<const GuestTier*> tier = tiers.Find(*guest_id);
            if (!tier.ok()) {
              tier_lookup.Update(tier.status());
              return;
            }
            if (*tier != nullptr) {
              index = (*tier)->rank;
              if ((*tier)->rank > 0) candidates.emplace(*guest_id);
            }
          }
          by_tier[index].AddVoice(totals);
        }));
    RETURN_IF_ERROR(tier_lookup);
  }

  v1::LoyaltyInsights insights;
  for (int i = 0; i <= program.tiers_size(); ++i) {
    v1::TierSentiment& tier = *insights.add_tiers();
    if (i < program.tiers_size()) tier.set_tier(program.tiers(i).tier_id());
    *tier.mutable_stats() = by_tier[i].Build();
  }
  for (const std::string& guest_id : candidates) {
    RETURN_IF_ERROR(cancellation.Check());
    ASSIGN_OR_RETURN(const GuestTier* tier, tiers.Find(guest_id));
    ASSIGN_OR_RETURN(
        GuestNegatives negatives,
        ReadGuestNegatives(store, scope, bounds, tier->guest.guest()));
    if (negatives.feedback.empty() || negatives.any_resolved) continue;
    v1::GuestAtRisk& at_risk = *insights.add_guests_at_risk();
    at_risk.set_guest(FormatGuestName(scope.organization, guest_id));
    at_risk.set_tier(tier->tier_id);
    for (std::string& name : negatives.feedback) {
      at_risk.add_feedback(std::move(name));
    }
  }
  return insights;
}

}  // namespace guestvoice::service
