#ifndef GUESTVOICE_SERVICE_CORE_REGION_CODES_H_
#define GUESTVOICE_SERVICE_CORE_REGION_CODES_H_

#include <string_view>

namespace guestvoice::service {

// Whether `code` is an officially assigned ISO 3166-1 alpha-2 code: one of
// the 249 countries and territories of the standard, so not a user-assigned
// code (AA, QM-QZ, XA-XZ, ZZ; XK for Kosovo is one), an exceptionally
// reserved one (UK, EU, UN, AC, IC...) or a withdrawn one (AN, CS, YU).
bool IsIso3166Region(std::string_view code);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_REGION_CODES_H_
