#ifndef GUESTVOICE_SERVICE_LOYALTY_GUESTS_H_
#define GUESTVOICE_SERVICE_LOYALTY_GUESTS_H_

#include "absl/status/status.h"
#include "guestvoice/v1/loyalty_service.pb.h"
#include "service/core/domain_context.h"
#include "service/core/principal.h"

namespace guestvoice::service {

// The CheckOneLine checks of the names in `request`, and its stay's
// CheckStaySpendOnReceipt, made where the call is received (the mutation's
// prepare), not by Guests::Create, which a node of an earlier build applies
// without them (docs/cluster.md, "Record formats"). INVALID_ARGUMENT
// (FIELD_INVALID) naming the field.
absl::Status CheckCreateGuestOnReceipt(const v1::CreateGuestRequest& request);

// Guests and their identities: create, read, look up by identity, list, link
// and unlink identities, merge two guests into one, erase a guest with
// everything recorded about them, and export it all (records.h lays the
// records out). Linking an identity that is a feedback author re-attributes
// that author's feedback to the guest (service/feedback/voices.h).
//
// Locking, for every operation on guests and their activity (Stays, CheckIns,
// LoyaltyStatuses take the same stripes): an operation takes every lock
// stripe it needs in one call. A guest's key guards the guest, its stays,
// check-ins, ledger and the index entries of its identities; an identity,
// booking reference or check-in source key guards the index entry while
// nobody owns it. Operations that change whose feedback an author's is
// (create with identities, link, unlink, merge, erase) take the
// organization's lock exclusively first.
//
// Every operation checks that its resources are the caller's organization's:
// another tenant's guests are NOT_FOUND.
class Guests {
 public:
  explicit Guests(DomainContext deps) : deps_(deps) {}

  // A new guest with an opaque id and the request's identities (normalised,
  // repeats dropped). ALREADY_EXISTS when another guest holds one of them. A
  // retry with the same request_id returns the first response (AIP-155).
  absl::Status Create(const Principal& caller,
                      const v1::CreateGuestRequest& request,
                      v1::Guest& response) const;
  absl::Status Get(const Principal& caller, const v1::GetGuestRequest& request,
                   v1::Guest& response) const;
  // The guest holding an identity, or NOT_FOUND.
  absl::Status Lookup(const Principal& caller,
                      const v1::LookupGuestRequest& request,
                      v1::Guest& response) const;
  // A page of the organization's guests, or of those who stayed at a hotel;
  // optionally only those holding a tier today.
  absl::Status List(const Principal& caller,
                    const v1::ListGuestsRequest& request,
                    v1::ListGuestsResponse& response) const;
  // Linking an identity the guest holds already changes nothing.
  absl::Status LinkIdentity(const Principal& caller,
                            const v1::LinkIdentityRequest& request,
                            v1::Guest& response) const;
  absl::Status UnlinkIdentity(const Principal& caller,
                              const v1::UnlinkIdentityRequest& request,
                              v1::Guest& response) const;
  // What a merge does with the recorded responses of the CreateGuest calls
  // that made the merged guest: answer the survivor from then on (merges of
  // command format 5 on), or forget them (earlier builds' merges, applied
  // alike on every node).
  enum class MergedCreates { kAnswerTheSurvivor, kForget };
  // Moves the merged guest's identities, stays, check-ins and ledger to the
  // survivor and deletes the merged guest.
  absl::Status Merge(
      const Principal& caller, const v1::MergeGuestsRequest& request,
      v1::Guest& response,
      MergedCreates merged_creates = MergedCreates::kAnswerTheSurvivor) const;
  // Deletes the guest with its identities and activity, and scrubs the
  // feedback of its author identities (EraseAuthor): nothing of the guest
  // remains findable.
  absl::Status Erase(const Principal& caller,
                     const v1::EraseGuestRequest& request) const;
  // The guest with everything recorded about them, the feedback in pages
  // (guest_export.h); each page is one consistent picture.
  absl::Status Export(const Principal& caller,
                      const v1::ExportGuestRequest& request,
                      v1::ExportGuestResponse& response) const;

 private:
  DomainContext deps_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_LOYALTY_GUESTS_H_
