#include "service/api/hotel_service.h"

#include "service/api/unary_call.h"

namespace guestvoice::service {

grpc::ServerUnaryReactor* HotelService::CreateHotel(
    grpc::CallbackServerContext* context, const v1::CreateHotelRequest* request,
    v1::Hotel* response) {
  return RunUnary(context, deps_, CallWork::kWrite, v1::SCOPE_ADMIN,
                  [=](const Principal& caller) -> absl::Status {
                    return hotels_.Create(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* HotelService::GetHotel(
    grpc::CallbackServerContext* context, const v1::GetHotelRequest* request,
    v1::Hotel* response) {
  return RunUnary(context, deps_, CallWork::kRead, kAnyScope,
                  [=](const Principal& caller) -> absl::Status {
                    return hotels_.Get(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* HotelService::ListHotels(
    grpc::CallbackServerContext* context, const v1::ListHotelsRequest* request,
    v1::ListHotelsResponse* response) {
  return RunUnary(context, deps_, CallWork::kRead, kAnyScope,
                  [=](const Principal& caller) -> absl::Status {
                    return hotels_.List(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* HotelService::UpdateHotel(
    grpc::CallbackServerContext* context, const v1::UpdateHotelRequest* request,
    v1::Hotel* response) {
  return RunUnary(context, deps_, CallWork::kWrite, v1::SCOPE_ADMIN,
                  [=](const Principal& caller) -> absl::Status {
                    return hotels_.Update(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* HotelService::DeleteHotel(
    grpc::CallbackServerContext* context, const v1::DeleteHotelRequest* request,
    google::protobuf::Empty*) {
  return RunUnary(context, deps_, CallWork::kWrite, v1::SCOPE_ADMIN,
                  [=](const Principal& caller) -> absl::Status {
                    return hotels_.Delete(caller, *request);
                  });
}

}  // namespace guestvoice::service
