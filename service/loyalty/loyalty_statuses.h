#ifndef GUESTVOICE_SERVICE_LOYALTY_LOYALTY_STATUSES_H_
#define GUESTVOICE_SERVICE_LOYALTY_LOYALTY_STATUSES_H_

#include "absl/status/status.h"
#include "guestvoice/v1/loyalty_program.pb.h"
#include "guestvoice/v1/loyalty_service.pb.h"
#include "service/core/domain_context.h"
#include "service/core/principal.h"

namespace guestvoice::service {

// A guest's loyalty status on any date, computed from the guest's ledger and
// manual tiers under the organization's program (rules.h, records.h), and
// the manual tiers that set a floor under it. Locks as Guests (guests.h)
// documents; another tenant's guests are NOT_FOUND.
class LoyaltyStatuses {
 public:
  explicit LoyaltyStatuses(DomainContext deps) : deps_(deps) {}

  // The status on as_of_date, today (UTC) when unset.
  absl::Status Get(const Principal& caller,
                   const v1::GetLoyaltyStatusRequest& request,
                   v1::LoyaltyStatus& response) const;
  // Sets the guest's manual tier (an empty tier clears it) from
  // effective_date on (today when unset; at most 365 days from today either
  // way) and returns the status on that day. INVALID_ARGUMENT for a tier the
  // program does not have.
  absl::Status SetManualTier(const Principal& caller,
                             const v1::SetManualTierRequest& request,
                             v1::LoyaltyStatus& response) const;

 private:
  DomainContext deps_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_LOYALTY_LOYALTY_STATUSES_H_
