#include "service/insights/scope.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "guestvoice/v1/hotel.pb.h"
#include "service/core/resource_names.h"
#include "service/tenancy/hotels.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

absl::StatusOr<ScopeHotel> ToScopeHotel(const v1::Hotel& hotel) {
  ScopeHotel scope_hotel;
  scope_hotel.name = hotel.name();
  scope_hotel.id = hotel.name().substr(hotel.name().rfind('/') + 1);
  if (!absl::LoadTimeZone(hotel.time_zone(), &scope_hotel.zone)) {
    // Hotels are stored only with zones that loaded; the tzdata changed.
    return absl::InternalError(absl::StrCat("the time zone ", hotel.time_zone(),
                                            " of ", hotel.name(),
                                            " is not in the system's tzdata"));
  }
  return scope_hotel;
}

absl::StatusOr<v1::Hotel> ParseHotel(std::string_view bytes,
                                     std::string_view what) {
  v1::Hotel hotel;
  if (!hotel.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError(absl::StrCat("the stored record of ",
                                            AbslView(what), " is unreadable"));
  }
  return hotel;
}

}  // namespace

std::optional<ScopeName> ParseScopeName(FieldViolations& violations,
                                        std::string_view field,
                                        std::string_view name,
                                        bool allow_organization,
                                        bool allow_hotel) {
  if (allow_hotel) {
    auto hotel = ParseHotelName(field, name);
    if (hotel.ok()) {
      return ScopeName{hotel->organization, hotel->hotel, std::string(name)};
    }
    if (!allow_organization) {
      violations.AddAll(hotel.status());
      return std::nullopt;
    }
  }
  auto organization = ParseOrganizationName(field, name);
  if (organization.ok()) {
    return ScopeName{*organization, std::nullopt, std::string(name)};
  }
  if (allow_hotel) {
    violations.Add(std::string(field),
                   "must be organizations/{organization} or "
                   "organizations/{organization}/hotels/{hotel}");
  } else {
    violations.AddAll(organization.status());
  }
  return std::nullopt;
}

absl::StatusOr<InsightScope> LoadScope(const Principal& principal,
                                       const storage::Store& store,
                                       const ScopeName& name) {
  RETURN_IF_ERROR(
      principal.RequireTenant(name.organization, name.resource_name));
  InsightScope scope;
  scope.organization = name.organization;
  scope.whole_organization = !name.hotel.has_value();
  if (name.hotel.has_value()) {
    ASSIGN_OR_RETURN(
        v1::Hotel hotel,
        ReadHotel(store, {name.organization, *name.hotel}, name.resource_name));
    ASSIGN_OR_RETURN(ScopeHotel scope_hotel, ToScopeHotel(hotel));
    scope.hotels.push_back(std::move(scope_hotel));
    return scope;
  }
  RETURN_IF_ERROR(store.Scan(
      storage::ColumnFamily::kEntities, storage::HotelPrefix(name.organization),
      "", 0,
      [&](std::string_view key,
          std::string_view value) -> absl::StatusOr<storage::ScanStep> {
        ASSIGN_OR_RETURN(v1::Hotel hotel, ParseHotel(value, key));
        ASSIGN_OR_RETURN(ScopeHotel scope_hotel, ToScopeHotel(hotel));
        scope.hotels.push_back(std::move(scope_hotel));
        return storage::ScanStep::kContinue;
      }));
  std::sort(
      scope.hotels.begin(), scope.hotels.end(),
      [](const ScopeHotel& a, const ScopeHotel& b) { return a.name < b.name; });
  return scope;
}

}  // namespace guestvoice::service
