#ifndef GUESTVOICE_SERVICE_INSIGHTS_LOYALTY_INSIGHTS_H_
#define GUESTVOICE_SERVICE_INSIGHTS_LOYALTY_INSIGHTS_H_

// GetLoyaltyInsights: voice-weighted sentiment per current loyalty tier (from
// the voice pre-aggregates; a guest's voice id names the guest), and loyal
// guests at risk: above the base tier, with negative feedback (compound <=
// -0.05, repeats aside) in the interval at the scope's hotels, none of which
// has a resolved case. Only the candidates' own feedback is read, through
// their linked identities.

#include "absl/status/statusor.h"
#include "guestvoice/v1/insight_service.pb.h"
#include "service/core/call_cancellation.h"
#include "service/insights/interval.h"
#include "service/insights/scope.h"
#include "service/loyalty/tiers.h"
#include "storage/store.h"

namespace guestvoice::service {

absl::StatusOr<v1::LoyaltyInsights> ComputeLoyaltyInsights(
    const storage::Store& store, const InsightScope& scope,
    const TimeBounds& bounds, GuestTiers& tiers,
    const CallCancellation& cancellation);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_INSIGHTS_LOYALTY_INSIGHTS_H_
