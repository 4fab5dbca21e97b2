#ifndef GUESTVOICE_SERVICE_LOYALTY_TIERS_H_
#define GUESTVOICE_SERVICE_LOYALTY_TIERS_H_

// The current loyalty tier of guests, read once per guest per request:
// insights group voices by tier and rank attention items by it.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "guestvoice/v1/loyalty_program.pb.h"
#include "service/loyalty/records.h"
#include "storage/store.h"

namespace guestvoice::service {

struct GuestTier {
  std::string tier_id;
  // Index into the program's tiers: 0 is the base tier.
  int rank = 0;
  internal::v1::StoredGuest guest;
};

class GuestTiers {
 public:
  GuestTiers(const storage::Store& store, std::string organization,
             v1::LoyaltyProgram program, StatusDay as_of)
      : store_(store),
        organization_(std::move(organization)),
        program_(std::move(program)),
        as_of_(as_of) {}

  // The guest's tier on the as-of day, or nullptr when the guest no longer
  // exists (erased): their voice is then anonymous. Valid while this lives.
  absl::StatusOr<const GuestTier*> Find(std::string_view guest_id);

  const v1::LoyaltyProgram& program() const { return program_; }

 private:
  const storage::Store& store_;
  std::string organization_;
  v1::LoyaltyProgram program_;
  StatusDay as_of_;
  // std::map: Find hands out pointers into it, which rehashing would move.
  std::map<std::string, std::optional<GuestTier>, std::less<>> cache_;
};

// Loads the organization's program and returns a GuestTiers for `as_of`.
absl::StatusOr<GuestTiers> LoadGuestTiers(const storage::Store& store,
                                          std::string_view organization,
                                          StatusDay as_of);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_LOYALTY_TIERS_H_
