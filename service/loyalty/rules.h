#ifndef GUESTVOICE_SERVICE_LOYALTY_RULES_H_
#define GUESTVOICE_SERVICE_LOYALTY_RULES_H_

// The loyalty rules as pure computation: from a guest's dated activity (stays
// and check-ins) and manual tier assignments to their status on any date.
// Nothing here reads storage or mutable counters, so the status of a past date
// is recomputed exactly from the records that existed for it; and nothing here
// knows about audiences: only stays, nights, spend and check-ins count.
//
// Rules (docs/loyalty.md explains them with examples):
//  - A stay counts on its departure day (arrival + nights), as chains credit
//    nights at check-out; a check-in on its hotel-local day. Activity after
//    the as-of date does not count yet. A cancelled stay never counts.
//  - Each night counts once toward tiers: a stay's nights that a stay
//    credited earlier covers (a second room, a booking recorded twice) do
//    not count again, and a stay without a night of its own is no stay.
//    Each day counts at most one check-in. Points are paid per booking.
//  - The tier the activity supports on day d is the highest tier one of whose
//    thresholds (nights, stays or check-ins) is met in the window: rolling N
//    days = [d - N + 1, d]; calendar year = the year of d so far, or the whole
//    previous year (status earned in a year is kept through the next one).
//  - Downgrade policy: TO_EARNED_TIER follows the supported tier down at once;
//    ONE_TIER_PER_PERIOD loses at most one tier per window (rolling: N days
//    since the last change; calendar: one per 1 January); NEVER keeps the
//    highest tier ever supported. Upgrades are immediate.
//  - A manual tier is a floor from its effective day on.
//  - Points: per night plus per whole unit of spend in the program currency,
//    credited with the stay; all points expire after points_expiry_months
//    without a stay or check-in (on the same day-of-month, clamped).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"
#include "google/type/money.pb.h"
#include "guestvoice/v1/loyalty_program.pb.h"

namespace guestvoice::service {

// One stay or check-in, on the day it counts.
struct LoyaltyActivity {
  absl::CivilDay day;
  int32_t nights = 0;     // a stay's nights; 0 for a check-in
  int32_t stays = 0;      // 1 for a stay
  int32_t check_ins = 0;  // 1 for a check-in
  int64_t points = 0;
};

// A manual tier from `effective_day` on; an empty tier_id clears it.
struct ManualTierAssignment {
  absl::CivilDay effective_day;
  std::string tier_id;
};

// The day a stay of `nights` nights arriving on `arrival` counts: departure.
absl::CivilDay StayCreditDay(absl::CivilDay arrival, int32_t nights);

// The points a stay earns under `program`: spend in another currency than
// the program's earns none.
int64_t StayPoints(const v1::LoyaltyProgram& program, int32_t nights,
                   const google::type::Money& qualifying_spend);
// The same from the spend's whole units and currency code.
int64_t StayPoints(const v1::LoyaltyProgram& program, int32_t nights,
                   int64_t spend_units, std::string_view spend_currency);

// The status on `as_of` under `program`, which must be valid
// (CheckLoyaltyProgram). `activity` may be in any order; `manual_tiers` may
// name tiers the program no longer has, which then set no floor. The guest
// field is left empty.
v1::LoyaltyStatus ComputeLoyaltyStatus(
    const v1::LoyaltyProgram& program, std::vector<LoyaltyActivity> activity,
    const std::vector<ManualTierAssignment>& manual_tiers,
    absl::CivilDay as_of);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_LOYALTY_RULES_H_
