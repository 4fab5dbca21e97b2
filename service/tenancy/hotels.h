#ifndef GUESTVOICE_SERVICE_TENANCY_HOTELS_H_
#define GUESTVOICE_SERVICE_TENANCY_HOTELS_H_

// An organization's hotels, stored in the entities family under
// HotelKey(organization, hotel).

#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "guestvoice/v1/hotel.pb.h"
#include "guestvoice/v1/hotel_service.pb.h"
#include "service/core/domain_context.h"
#include "service/core/principal.h"
#include "service/core/resource_names.h"
#include "storage/store.h"

namespace guestvoice::service {

// The hotel `name`, or NOT_FOUND naming `resource_name` (the name as the
// caller wrote it). Every reader of a hotel record goes through here.
absl::StatusOr<v1::Hotel> ReadHotel(const storage::Store& store,
                                    const HotelName& name,
                                    std::string_view resource_name);

// The CheckOneLine checks of the names in `request` (in an update, those its
// mask changes), made where the call is
// received (the mutation's prepare), not by Hotels::Create and Update, which a
// node of an earlier build applies without them (docs/cluster.md, "Record
// formats"). INVALID_ARGUMENT (FIELD_INVALID) naming the field.
absl::Status CheckNamesOnOneLine(const v1::CreateHotelRequest& request);
absl::Status CheckNamesOnOneLine(const v1::UpdateHotelRequest& request);

// The operations of HotelService. Every one is confined to the caller's own
// organization: another tenant's hotels are NOT_FOUND. Which scope a caller
// needs is checked before these run.
class Hotels {
 public:
  explicit Hotels(const DomainContext& domain) : domain_(domain) {}

  // Stores request.hotel under request.parent, as request.hotel_id or a new
  // id; a retry with the same request_id returns the first result.
  absl::Status Create(const Principal& caller,
                      const v1::CreateHotelRequest& request,
                      v1::Hotel& response) const;
  absl::Status Get(const Principal& caller, const v1::GetHotelRequest& request,
                   v1::Hotel& response) const;
  absl::Status List(const Principal& caller,
                    const v1::ListHotelsRequest& request,
                    v1::ListHotelsResponse& response) const;
  // Changes the fields update_mask names (AIP-134); the result must be a
  // valid hotel, or nothing changes.
  absl::Status Update(const Principal& caller,
                      const v1::UpdateHotelRequest& request,
                      v1::Hotel& response) const;
  absl::Status Delete(const Principal& caller,
                      const v1::DeleteHotelRequest& request) const;

 private:
  DomainContext domain_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_TENANCY_HOTELS_H_
