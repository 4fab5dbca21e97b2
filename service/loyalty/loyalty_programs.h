#ifndef GUESTVOICE_SERVICE_LOYALTY_LOYALTY_PROGRAMS_H_
#define GUESTVOICE_SERVICE_LOYALTY_LOYALTY_PROGRAMS_H_

#include "absl/status/status.h"
#include "guestvoice/v1/loyalty_program.pb.h"
#include "guestvoice/v1/loyalty_service.pb.h"
#include "service/core/domain_context.h"
#include "service/core/principal.h"

namespace guestvoice::service {

// Each organization's one loyalty program: the default (program.h) until the
// organization updates it, then the stored one. Another tenant's program is
// NOT_FOUND.
class LoyaltyPrograms {
 public:
  explicit LoyaltyPrograms(DomainContext deps) : deps_(deps) {}

  absl::Status Get(const Principal& caller,
                   const v1::GetLoyaltyProgramRequest& request,
                   v1::LoyaltyProgram& response) const;
  // Applies the request's update_mask (ApplyLoyaltyProgramUpdate) under the
  // program's lock and stores the result only if the whole program is still
  // valid (CheckLoyaltyProgram).
  absl::Status Update(const Principal& caller,
                      const v1::UpdateLoyaltyProgramRequest& request,
                      v1::LoyaltyProgram& response) const;

 private:
  DomainContext deps_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_LOYALTY_LOYALTY_PROGRAMS_H_
