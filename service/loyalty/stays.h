#ifndef GUESTVOICE_SERVICE_LOYALTY_STAYS_H_
#define GUESTVOICE_SERVICE_LOYALTY_STAYS_H_

#include <string_view>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "guestvoice/v1/loyalty_service.pb.h"
#include "service/core/domain_context.h"
#include "service/core/errors.h"
#include "service/core/principal.h"
#include "storage/store.h"
#include "storage/write_batch.h"

namespace guestvoice::service {

// The refusal of a spend of 10^9 units and some nanos, made where a
// RecordStay (or CreateGuest with a stay) call is received (the mutation's
// prepare), not by Stays::Record, which nodes of earlier builds applied
// without it (docs/cluster.md, "Record
// formats"). INVALID_ARGUMENT (FIELD_INVALID) on stay.qualifying_spend.
absl::Status CheckStaySpendOnReceipt(const v1::Stay& stay);

// The checks RecordStay makes of a stay's own fields (hotel aside), each
// violation under "stay." and the field's name.
void CheckStayToRecord(FieldViolations& violations, const v1::Stay& stay,
                       absl::CivilDay today);

// ALREADY_EXISTS (RESOURCE_ALREADY_EXISTS) when a stay of the organization
// is recorded under `booking_reference`; the caller holds the lock of its
// booking index key.
absl::Status CheckBookingUnrecorded(const storage::Store& store,
                                    std::string_view organization,
                                    std::string_view booking_reference);

// Adds to `batch` the guest's new stay at `hotel_id` as RecordStay records
// it (a new name, not cancelled, created now), and returns it.
v1::Stay AddNewStay(storage::WriteBatch& batch, const DomainContext& deps,
                    std::string_view organization, std::string_view guest_id,
                    std::string_view hotel_id, const v1::Stay& stay);

// A guest's stays at the organization's hotels, recorded once per booking
// reference (external_references.h) with the ledger entry that makes them
// count towards status (records.h), and cancelled, which takes them out of
// it again. Locks as Guests (guests.h) documents; another tenant's guests,
// hotels and stays are NOT_FOUND.
class Stays {
 public:
  explicit Stays(DomainContext deps) : deps_(deps) {}

  // Records the stay, or returns the stay recorded before under its booking
  // reference. ALREADY_EXISTS when that reference is another guest's.
  absl::Status Record(const Principal& caller,
                      const v1::RecordStayRequest& request,
                      v1::Stay& response) const;
  // What an update to the values the stay has already does: nothing (the
  // commands of format 7 on), or write the stay with a new update_time
  // (earlier builds' commands, applied alike on every node).
  enum class SameValues { kChangeNothing, kRewrite };
  // Amends the fields the update_mask names, as if the stay had been
  // recorded so; FAILED_PRECONDITION for a cancelled stay.
  absl::Status Update(
      const Principal& caller, const v1::UpdateStayRequest& request,
      v1::Stay& response,
      SameValues same_values = SameValues::kChangeNothing) const;
  // Cancelling a cancelled stay changes nothing. The guest leaves the
  // hotel's guest list unless another stay there keeps them on it.
  absl::Status Cancel(const Principal& caller,
                      const v1::CancelStayRequest& request,
                      v1::Stay& response) const;
  // A page of the guest's stays in order of arrival, or with a
  // booking_reference the guest's stay under it (none when it is another
  // guest's). NOT_FOUND for an unknown guest. With the parent
  // `organizations/{organization}/guests/-` and a booking_reference (then
  // required): the organization's stay under it, whoever's guest it is.
  absl::Status List(const Principal& caller,
                    const v1::ListStaysRequest& request,
                    v1::ListStaysResponse& response) const;

 private:
  // List for `organizations/{organization}/guests/-` and a booking
  // reference: the organization's stay under it, whoever's.
  absl::Status ListBooking(const Principal& caller,
                           const v1::ListStaysRequest& request,
                           v1::ListStaysResponse& response) const;

  DomainContext deps_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_LOYALTY_STAYS_H_
