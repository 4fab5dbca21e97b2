#ifndef GUESTVOICE_SERVICE_TENANCY_HOTELS_H_
#define GUESTVOICE_SERVICE_TENANCY_HOTELS_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "guestvoice/v1/hotel.pb.h"
#include "service/core/resource_names.h"
#include "storage/store.h"

namespace guestvoice::service {

// The hotel `name`, or NOT_FOUND naming `resource_name` (the name as the
// caller wrote it). Every reader of a hotel record goes through here.
absl::StatusOr<v1::Hotel> ReadHotel(const storage::Store& store,
                                    const HotelName& name,
                                    std::string_view resource_name);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_TENANCY_HOTELS_H_
