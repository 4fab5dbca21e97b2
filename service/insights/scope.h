#ifndef GUESTVOICE_SERVICE_INSIGHTS_SCOPE_H_
#define GUESTVOICE_SERVICE_INSIGHTS_SCOPE_H_

// The hotels an insight request is about: one hotel, or every hotel of an
// organization, each with the time zone its days are reckoned in.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/core/errors.h"
#include "service/core/principal.h"
#include "storage/store.h"

namespace guestvoice::service {

// A parsed `organizations/{o}` or `organizations/{o}/hotels/{h}`.
struct ScopeName {
  std::string organization;
  std::optional<std::string> hotel;
  std::string resource_name;
};

// Parses `name`; adds a violation under `field` when it is neither form (or
// not the allowed one) and returns nullopt.
std::optional<ScopeName> ParseScopeName(FieldViolations& violations,
                                        std::string_view field,
                                        std::string_view name,
                                        bool allow_organization,
                                        bool allow_hotel);

struct ScopeHotel {
  std::string id;
  std::string name;  // organizations/{o}/hotels/{id}
  absl::TimeZone zone;
};

struct InsightScope {
  std::string organization;
  bool whole_organization = false;
  // By hotel name.
  std::vector<ScopeHotel> hotels;
};

// Checks the tenant and loads the hotels: NOT_FOUND for another tenant's or
// an unknown hotel.
absl::StatusOr<InsightScope> LoadScope(const Principal& principal,
                                       const storage::Store& store,
                                       const ScopeName& name);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_INSIGHTS_SCOPE_H_
