#include "service/tenancy/hotels.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "service/core/errors.h"
#include "service/core/field_checks.h"
#include "service/core/pagination.h"
#include "service/core/proto_records.h"
#include "service/core/proto_time.h"
#include "service/core/request_log.h"
#include "service/core/update_mask.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

constexpr size_t kMaxDisplayNameChars = 200;
constexpr size_t kMaxLocalityChars = 200;

constexpr std::string_view kMutablePaths[] = {"display_name", "time_zone",
                                              "region_code", "locality"};
constexpr MutableFields kMutableHotelFields{.resource = "hotel",
                                            .paths = kMutablePaths};

void CheckHotelFields(FieldViolations& violations, const v1::Hotel& hotel) {
  CheckDisplayText(violations, "hotel.display_name", hotel.display_name(),
                   kMaxDisplayNameChars, /*required=*/true);
  CheckTimeZone(violations, "hotel.time_zone", hotel.time_zone());
  CheckRegionCode(violations, "hotel.region_code", hotel.region_code());
  CheckDisplayText(violations, "hotel.locality", hotel.locality(),
                   kMaxLocalityChars, /*required=*/false);
}

// Copies the fields the request's update_mask names onto `hotel`.
absl::Status ApplyUpdate(const v1::UpdateHotelRequest& request,
                         v1::Hotel& hotel) {
  const v1::Hotel& update = request.hotel();
  FieldViolations violations;
  const ChangedFields changed = ResolveUpdateMask(
      violations, request.update_mask(), update, kMutableHotelFields);
  RETURN_IF_ERROR(violations.ToStatus());
  if (changed.Contains("display_name")) {
    hotel.set_display_name(update.display_name());
  }
  if (changed.Contains("time_zone")) hotel.set_time_zone(update.time_zone());
  if (changed.Contains("region_code")) {
    hotel.set_region_code(update.region_code());
  }
  if (changed.Contains("locality")) hotel.set_locality(update.locality());
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckNamesOnOneLine(const v1::CreateHotelRequest& request) {
  FieldViolations violations;
  CheckOneLine(violations, "hotel.display_name",
               request.hotel().display_name());
  CheckOneLine(violations, "hotel.locality", request.hotel().locality());
  return violations.ToStatus();
}

absl::Status CheckNamesOnOneLine(const v1::UpdateHotelRequest& request) {
  // Only the names the update changes: a caller that read the hotel and
  // sends it back with another field masked is not refused for a name
  // stored before names had to fit on one line. Hotels::Update refuses a
  // mask it cannot resolve.
  FieldViolations mask_violations;
  const ChangedFields changed =
      ResolveUpdateMask(mask_violations, request.update_mask(), request.hotel(),
                        kMutableHotelFields);
  FieldViolations violations;
  if (changed.Contains("display_name")) {
    CheckOneLine(violations, "hotel.display_name",
                 request.hotel().display_name());
  }
  if (changed.Contains("locality")) {
    CheckOneLine(violations, "hotel.locality", request.hotel().locality());
  }
  return violations.ToStatus();
}

absl::StatusOr<v1::Hotel> ReadHotel(const storage::Store& store,
                                    const HotelName& name,
                                    std::string_view resource_name) {
  // Cached: ingest reads the hotel's time zone for every item.
  ASSIGN_OR_RETURN(
      std::optional<v1::Hotel> hotel,
      ReadCachedProto<v1::Hotel>(
          store, storage::ColumnFamily::kEntities,
          storage::HotelKey(name.organization, name.hotel), resource_name));
  if (!hotel.has_value()) return ResourceNotFound(resource_name);
  return *std::move(hotel);
}

absl::Status Hotels::Create(const Principal& caller,
                            const v1::CreateHotelRequest& request,
                            v1::Hotel& response) const {
  FieldViolations violations;
  auto organization = ParseOrganizationName("parent", request.parent());
  violations.AddAll(organization.status());
  CheckOptionalResourceId(violations, "hotel_id", request.hotel_id());
  CheckHotelFields(violations, request.hotel());
  CheckRequestId(violations, "request_id", request.request_id());
  RETURN_IF_ERROR(violations.ToStatus());
  RETURN_IF_ERROR(caller.RequireTenant(*organization, request.parent()));

  const std::string hotel_id = request.hotel_id().empty()
                                   ? domain_.ids.NewResourceId()
                                   : request.hotel_id();
  const std::string name = FormatHotelName(*organization, hotel_id);
  const std::string hotel_key = storage::HotelKey(*organization, hotel_id);
  return CreateOnce(
      domain_,
      {.organization = *organization,
       .method = "CreateHotel",
       .request = request,
       .resource_key = hotel_key},
      response, [&](storage::WriteBatch& batch) -> absl::Status {
        ASSIGN_OR_RETURN(
            std::optional<std::string> existing,
            domain_.store.Get(storage::ColumnFamily::kEntities, hotel_key));
        if (existing.has_value()) return ResourceAlreadyExists(name);
        const absl::Time now = domain_.clock.Now();
        response = request.hotel();
        response.set_name(name);
        *response.mutable_create_time() = ToProtoTimestamp(now);
        *response.mutable_update_time() = ToProtoTimestamp(now);
        batch.Put(storage::ColumnFamily::kEntities, hotel_key,
                  response.SerializeAsString());
        return absl::OkStatus();
      });
}

absl::Status Hotels::Get(const Principal& caller,
                         const v1::GetHotelRequest& request,
                         v1::Hotel& response) const {
  ASSIGN_OR_RETURN(HotelName name, ParseHotelName("name", request.name()));
  RETURN_IF_ERROR(caller.RequireTenant(name.organization, request.name()));
  ASSIGN_OR_RETURN(response, ReadHotel(domain_.store, name, request.name()));
  return absl::OkStatus();
}

absl::Status Hotels::List(const Principal& caller,
                          const v1::ListHotelsRequest& request,
                          v1::ListHotelsResponse& response) const {
  ASSIGN_OR_RETURN(std::string organization,
                   ParseOrganizationName("parent", request.parent()));
  RETURN_IF_ERROR(caller.RequireTenant(organization, request.parent()));
  const PageQuery query{
      .family = storage::ColumnFamily::kEntities,
      .prefix = storage::HotelPrefix(organization),
      .request_identity = absl::StrCat("ListHotels|", request.parent()),
      .page_size = request.page_size(),
      .page_token = request.page_token(),
  };
  ASSIGN_OR_RETURN(
      *response.mutable_next_page_token(),
      VisitPage(domain_.store, query,
                [&](std::string_view, std::string_view value) {
                  return response.add_hotels()->ParseFromArray(value.data(),
                                                               value.size())
                             ? absl::OkStatus()
                             : absl::DataLossError(
                                   "a stored hotel record is unreadable");
                }));
  return absl::OkStatus();
}

absl::Status Hotels::Update(const Principal& caller,
                            const v1::UpdateHotelRequest& request,
                            v1::Hotel& response) const {
  ASSIGN_OR_RETURN(HotelName name,
                   ParseHotelName("hotel.name", request.hotel().name()));
  RETURN_IF_ERROR(
      caller.RequireTenant(name.organization, request.hotel().name()));

  const std::string hotel_key =
      storage::HotelKey(name.organization, name.hotel);
  auto guard = domain_.locks.Lock(hotel_key);
  ASSIGN_OR_RETURN(v1::Hotel hotel,
                   ReadHotel(domain_.store, name, request.hotel().name()));
  RETURN_IF_ERROR(ApplyUpdate(request, hotel));
  FieldViolations violations;
  CheckHotelFields(violations, hotel);
  RETURN_IF_ERROR(violations.ToStatus());
  *hotel.mutable_update_time() = ToProtoTimestamp(domain_.clock.Now());

  storage::WriteBatch batch;
  batch.Put(storage::ColumnFamily::kEntities, hotel_key,
            hotel.SerializeAsString());
  RETURN_IF_ERROR(domain_.store.Write(std::move(batch)));
  response = std::move(hotel);
  return absl::OkStatus();
}

absl::Status Hotels::Delete(const Principal& caller,
                            const v1::DeleteHotelRequest& request) const {
  ASSIGN_OR_RETURN(HotelName name, ParseHotelName("name", request.name()));
  RETURN_IF_ERROR(caller.RequireTenant(name.organization, request.name()));

  const std::string hotel_key =
      storage::HotelKey(name.organization, name.hotel);
  // Exclusively: every write that names a hotel (feedback, stays, check-ins)
  // reads it under this lock shared, so each is either written, and its
  // history seen below, or will find the hotel gone.
  auto organization_guard = domain_.organization_locks.Lock(name.organization);
  auto guard = domain_.locks.Lock(hotel_key);
  RETURN_IF_ERROR(ReadHotel(domain_.store, name, request.name()).status());
  // A hotel with history stays: deleted, its feedback would still be listed
  // for the organization but no longer counted in its figures, and a hotel
  // created later with its id would inherit it all (feedback, and guests'
  // stays and check-ins there).
  for (const auto& [family, prefix] :
       {std::pair{storage::ColumnFamily::kFeedback,
                  storage::FeedbackHotelTimeIndexPrefix(name.organization,
                                                        name.hotel)},
        std::pair{
            storage::ColumnFamily::kIndexes,
            storage::HotelGuestIndexPrefix(name.organization, name.hotel)}}) {
    bool named = false;
    RETURN_IF_ERROR(domain_.store.Scan(family, prefix, "", /*limit=*/1,
                                       [&](std::string_view, std::string_view) {
                                         named = true;
                                         return storage::ScanStep::kStop;
                                       }));
    if (named) {
      return PreconditionFailed(absl::StrCat(
          request.name(),
          " has feedback or guests' stays or check-ins, which keep naming it; "
          "only a hotel without history can be deleted"));
    }
  }
  storage::WriteBatch batch;
  batch.Delete(storage::ColumnFamily::kEntities, hotel_key);
  return domain_.store.Write(std::move(batch));
}

}  // namespace guestvoice::service
