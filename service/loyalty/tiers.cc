#include "service/loyalty/tiers.h"

#include "common/status_macros.h"
#include "service/loyalty/records.h"

namespace guestvoice::service {

absl::StatusOr<const GuestTier*> GuestTiers::Find(std::string_view guest_id) {
  auto cached = cache_.find(guest_id);
  if (cached == cache_.end()) {
    std::optional<GuestTier> tier;
    ASSIGN_OR_RETURN(std::optional<internal::v1::StoredGuest> guest,
                     ReadGuest(store_, organization_, guest_id));
    if (guest.has_value()) {
      ASSIGN_OR_RETURN(v1::LoyaltyStatus status,
                       ReadLoyaltyStatus(store_, organization_, guest_id,
                                         *guest, program_, as_of_));
      tier.emplace();
      tier->tier_id = status.tier();
      for (int i = 0; i < program_.tiers_size(); ++i) {
        if (program_.tiers(i).tier_id() == status.tier()) tier->rank = i;
      }
      tier->guest = *std::move(guest);
    }
    cached = cache_.emplace(std::string(guest_id), std::move(tier)).first;
  }
  return cached->second.has_value() ? &*cached->second : nullptr;
}

absl::StatusOr<GuestTiers> LoadGuestTiers(const storage::Store& store,
                                          std::string_view organization,
                                          StatusDay as_of) {
  ASSIGN_OR_RETURN(v1::LoyaltyProgram program,
                   ReadLoyaltyProgram(store, organization));
  return GuestTiers(store, std::string(organization), std::move(program),
                    as_of);
}

}  // namespace guestvoice::service
