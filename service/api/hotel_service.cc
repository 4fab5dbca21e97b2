#include "service/api/hotel_service.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "service/api/unary_call.h"
#include "service/core/crypto.h"
#include "service/core/errors.h"
#include "service/core/field_checks.h"
#include "service/core/pagination.h"
#include "service/core/proto_records.h"
#include "service/core/proto_time.h"
#include "service/core/request_log.h"
#include "service/core/resource_names.h"
#include "service/tenancy/hotels.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

constexpr size_t kMaxDisplayNameChars = 200;
constexpr size_t kMaxLocalityChars = 200;

// The mutable fields of a hotel, by update_mask path.
constexpr std::string_view kMutablePaths[] = {"display_name", "time_zone",
                                              "region_code", "locality"};

void CheckHotelFields(FieldViolations& violations, const v1::Hotel& hotel) {
  CheckDisplayText(violations, "hotel.display_name", hotel.display_name(),
                   kMaxDisplayNameChars, /*required=*/true);
  CheckTimeZone(violations, "hotel.time_zone", hotel.time_zone());
  CheckRegionCode(violations, "hotel.region_code", hotel.region_code());
  CheckDisplayText(violations, "hotel.locality", hotel.locality(),
                   kMaxLocalityChars, /*required=*/false);
}

// Copies the masked fields of `update` onto `hotel`. AIP-134: an empty mask
// means every field set in `update`.
absl::Status ApplyUpdate(const v1::UpdateHotelRequest& request,
                         v1::Hotel& hotel) {
  const v1::Hotel& update = request.hotel();
  std::vector<std::string> paths(request.update_mask().paths().begin(),
                                 request.update_mask().paths().end());
  if (paths.empty()) {
    if (!update.display_name().empty()) paths.push_back("display_name");
    if (!update.time_zone().empty()) paths.push_back("time_zone");
    if (!update.region_code().empty()) paths.push_back("region_code");
    if (!update.locality().empty()) paths.push_back("locality");
  }
  FieldViolations violations;
  for (const std::string& path : paths) {
    if (path == "*") {
      paths.assign(std::begin(kMutablePaths), std::end(kMutablePaths));
      break;
    }
    if (std::find(std::begin(kMutablePaths), std::end(kMutablePaths), path) ==
        std::end(kMutablePaths)) {
      violations.Add("update_mask",
                     absl::StrCat("\"", path,
                                  "\" is not a mutable hotel field (use "
                                  "display_name, time_zone, region_code, "
                                  "locality or *)"));
    }
  }
  RETURN_IF_ERROR(violations.ToStatus());
  for (const std::string& path : paths) {
    if (path == "display_name") hotel.set_display_name(update.display_name());
    if (path == "time_zone") hotel.set_time_zone(update.time_zone());
    if (path == "region_code") hotel.set_region_code(update.region_code());
    if (path == "locality") hotel.set_locality(update.locality());
  }
  return absl::OkStatus();
}

}  // namespace

grpc::ServerUnaryReactor* HotelService::CreateHotel(
    grpc::CallbackServerContext* context, const v1::CreateHotelRequest* request,
    v1::Hotel* response) {
  return RunUnary(
      context, deps_.authenticator, v1::SCOPE_ADMIN,
      [&](const Principal& principal) -> absl::Status {
        FieldViolations violations;
        auto organization = ParseOrganizationName("parent", request->parent());
        violations.AddAll(organization.status());
        CheckOptionalResourceId(violations, "hotel_id", request->hotel_id());
        CheckHotelFields(violations, request->hotel());
        CheckRequestId(violations, "request_id", request->request_id());
        RETURN_IF_ERROR(violations.ToStatus());
        RETURN_IF_ERROR(
            principal.RequireTenant(*organization, request->parent()));

        const std::string hotel_id =
            request->hotel_id().empty() ? NewResourceId() : request->hotel_id();
        const std::string name = FormatHotelName(*organization, hotel_id);
        const std::string hotel_key =
            storage::HotelKey(*organization, hotel_id);
        return CreateOnce(
            deps_.domain,
            {.organization = *organization,
             .method = "CreateHotel",
             .request = *request,
             .resource_key = hotel_key},
            *response, [&](storage::WriteBatch& batch) -> absl::Status {
              ASSIGN_OR_RETURN(
                  std::optional<std::string> existing,
                  deps_.domain.store.Get(storage::ColumnFamily::kEntities,
                                         hotel_key));
              if (existing.has_value()) return ResourceAlreadyExists(name);
              const absl::Time now = deps_.domain.clock.Now();
              *response = request->hotel();
              response->set_name(name);
              *response->mutable_create_time() = ToProtoTimestamp(now);
              *response->mutable_update_time() = ToProtoTimestamp(now);
              batch.Put(storage::ColumnFamily::kEntities, hotel_key,
                        response->SerializeAsString());
              return absl::OkStatus();
            });
      });
}

grpc::ServerUnaryReactor* HotelService::GetHotel(
    grpc::CallbackServerContext* context, const v1::GetHotelRequest* request,
    v1::Hotel* response) {
  return RunUnary(
      context, deps_.authenticator, kAnyScope,
      [&](const Principal& principal) -> absl::Status {
        ASSIGN_OR_RETURN(HotelName name,
                         ParseHotelName("name", request->name()));
        RETURN_IF_ERROR(
            principal.RequireTenant(name.organization, request->name()));
        ASSIGN_OR_RETURN(*response,
                         ReadHotel(deps_.domain.store, name, request->name()));
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* HotelService::ListHotels(
    grpc::CallbackServerContext* context, const v1::ListHotelsRequest* request,
    v1::ListHotelsResponse* response) {
  return RunUnary(
      context, deps_.authenticator, kAnyScope,
      [&](const Principal& principal) -> absl::Status {
        ASSIGN_OR_RETURN(std::string organization,
                         ParseOrganizationName("parent", request->parent()));
        RETURN_IF_ERROR(
            principal.RequireTenant(organization, request->parent()));
        PageQuery query{
            .family = storage::ColumnFamily::kEntities,
            .prefix = storage::HotelPrefix(organization),
            .request_identity = absl::StrCat("ListHotels|", request->parent()),
            .page_size = request->page_size(),
            .page_token = request->page_token(),
        };
        ASSIGN_OR_RETURN(
            *response->mutable_next_page_token(),
            VisitPage(deps_.domain.store, query,
                      [&](std::string_view, std::string_view value) {
                        return response->add_hotels()->ParseFromArray(
                                   value.data(), value.size())
                                   ? absl::OkStatus()
                                   : absl::DataLossError(
                                         "a stored hotel record is unreadable");
                      }));
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* HotelService::UpdateHotel(
    grpc::CallbackServerContext* context, const v1::UpdateHotelRequest* request,
    v1::Hotel* response) {
  return RunUnary(
      context, deps_.authenticator, v1::SCOPE_ADMIN,
      [&](const Principal& principal) -> absl::Status {
        ASSIGN_OR_RETURN(HotelName name,
                         ParseHotelName("hotel.name", request->hotel().name()));
        RETURN_IF_ERROR(principal.RequireTenant(name.organization,
                                                request->hotel().name()));

        const std::string hotel_key =
            storage::HotelKey(name.organization, name.hotel);
        auto guard = deps_.domain.locks.Lock(hotel_key);
        ASSIGN_OR_RETURN(v1::Hotel hotel, ReadHotel(deps_.domain.store, name,
                                                    request->hotel().name()));
        RETURN_IF_ERROR(ApplyUpdate(*request, hotel));
        FieldViolations violations;
        CheckHotelFields(violations, hotel);
        RETURN_IF_ERROR(violations.ToStatus());
        *hotel.mutable_update_time() =
            ToProtoTimestamp(deps_.domain.clock.Now());

        storage::WriteBatch batch;
        batch.Put(storage::ColumnFamily::kEntities, hotel_key,
                  hotel.SerializeAsString());
        RETURN_IF_ERROR(deps_.domain.store.Write(std::move(batch)));
        *response = std::move(hotel);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* HotelService::DeleteHotel(
    grpc::CallbackServerContext* context, const v1::DeleteHotelRequest* request,
    google::protobuf::Empty*) {
  return RunUnary(
      context, deps_.authenticator, v1::SCOPE_ADMIN,
      [&](const Principal& principal) -> absl::Status {
        ASSIGN_OR_RETURN(HotelName name,
                         ParseHotelName("name", request->name()));
        RETURN_IF_ERROR(
            principal.RequireTenant(name.organization, request->name()));

        const std::string hotel_key =
            storage::HotelKey(name.organization, name.hotel);
        auto guard = deps_.domain.locks.Lock(hotel_key);
        RETURN_IF_ERROR(
            ReadHotel(deps_.domain.store, name, request->name()).status());
        storage::WriteBatch batch;
        batch.Delete(storage::ColumnFamily::kEntities, hotel_key);
        return deps_.domain.store.Write(std::move(batch));
      });
}

}  // namespace guestvoice::service
