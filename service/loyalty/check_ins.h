#ifndef GUESTVOICE_SERVICE_LOYALTY_CHECK_INS_H_
#define GUESTVOICE_SERVICE_LOYALTY_CHECK_INS_H_

#include "absl/status/status.h"
#include "guestvoice/v1/loyalty_service.pb.h"
#include "service/core/domain_context.h"
#include "service/core/principal.h"

namespace guestvoice::service {

// A guest's check-ins at the outlets of the organization's hotels, recorded
// once per (source, external id) (external_references.h) with the ledger
// entry that makes them count towards status on their hotel-local day
// (records.h). Locks as Guests (guests.h) documents; another tenant's guests
// and hotels are NOT_FOUND.
class CheckIns {
 public:
  explicit CheckIns(DomainContext deps) : deps_(deps) {}

  // Records the check-in, or returns the check-in recorded before under its
  // source and external id. ALREADY_EXISTS when those are another guest's.
  absl::Status Record(const Principal& caller,
                      const v1::RecordCheckInRequest& request,
                      v1::CheckIn& response) const;
  // A page of the guest's check-ins in order of their hotel-local day, or
  // with a source and external_id the guest's check-in under them (none when
  // it is another guest's). NOT_FOUND for an unknown guest.
  absl::Status List(const Principal& caller,
                    const v1::ListCheckInsRequest& request,
                    v1::ListCheckInsResponse& response) const;

 private:
  DomainContext deps_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_LOYALTY_CHECK_INS_H_
