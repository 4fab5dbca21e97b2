#include "service/tenancy/hotels.h"

#include <optional>
#include <utility>

#include "common/status_macros.h"
#include "service/core/errors.h"
#include "service/core/proto_records.h"
#include "storage/keys.h"

namespace guestvoice::service {

absl::StatusOr<v1::Hotel> ReadHotel(const storage::Store& store,
                                    const HotelName& name,
                                    std::string_view resource_name) {
  ASSIGN_OR_RETURN(
      std::optional<v1::Hotel> hotel,
      ReadProto<v1::Hotel>(store, storage::ColumnFamily::kEntities,
                           storage::HotelKey(name.organization, name.hotel),
                           resource_name));
  if (!hotel.has_value()) return ResourceNotFound(resource_name);
  return *std::move(hotel);
}

}  // namespace guestvoice::service
