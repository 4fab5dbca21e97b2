#ifndef GUESTVOICE_SERVICE_LOYALTY_PROGRAM_H_
#define GUESTVOICE_SERVICE_LOYALTY_PROGRAM_H_

// The loyalty program of an organization: its default, its validation, and
// AIP-134 updates of it.

#include <string_view>

#include "absl/status/status.h"
#include "guestvoice/v1/loyalty_program.pb.h"
#include "guestvoice/v1/loyalty_service.pb.h"
#include "service/core/errors.h"

namespace guestvoice::service {

// The program an organization has until it updates it, modelled on the big
// chains (docs/loyalty.md): Member; Silver at 10 nights or 4 stays (Hilton
// Honors, Marriott Bonvoy, IHG One Rewards, Accor); Gold at 25 nights or 10
// stays (Marriott's 25 nights); Platinum at 50 nights or 20 stays (Marriott's
// 50 nights); a rolling 365-day window (Accor's earlier rules); 10 points per
// USD (Hilton, Marriott) plus 100 per night; points expire after 24 months
// without activity (Hilton); at most one tier lost per window. Built once:
// every status of an organization without a program of its own reads it.
const v1::LoyaltyProgram& DefaultLoyaltyProgram();

// Adds a violation (under `field`, e.g. "loyalty_program") for everything
// that makes `program` unusable: no tiers, a base tier with thresholds, a
// higher tier without any, thresholds that do not rise, duplicate or
// malformed tier ids, a window out of range, negative points, an unknown
// currency, an expiry out of range.
void CheckLoyaltyProgram(FieldViolations& violations, std::string_view field,
                         const v1::LoyaltyProgram& program);

// INVALID_ARGUMENT (FIELD_INVALID) on `field` when `program` has no tier
// `tier_id`.
absl::Status RequireTier(const v1::LoyaltyProgram& program,
                         std::string_view field, std::string_view tier_id);

// The CheckOneLine checks of the tier names and benefits in `request` (when
// its mask changes the tiers), made where the call is
// received (the mutation's prepare), not by CheckLoyaltyProgram, which a node
// of an earlier build applies without them (docs/cluster.md, "Record formats").
// INVALID_ARGUMENT (FIELD_INVALID) naming the field.
absl::Status CheckNamesOnOneLine(
    const v1::UpdateLoyaltyProgramRequest& request);

// Copies the fields `request.update_mask` names (every populated field when
// it is empty; "*" for all) from the request's program onto `program`.
// INVALID_ARGUMENT for a path that is not a mutable field.
absl::Status ApplyLoyaltyProgramUpdate(
    const v1::UpdateLoyaltyProgramRequest& request,
    v1::LoyaltyProgram& program);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_LOYALTY_PROGRAM_H_
