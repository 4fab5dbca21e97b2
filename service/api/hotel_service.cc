#include "service/api/hotel_service.h"

#include "service/api/unary_call.h"

namespace guestvoice::service {

grpc::ServerUnaryReactor* HotelService::CreateHotel(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::CreateHotelRequest, v1::Hotel>(
      context, wire_request, wire_response, deps_, v1::SCOPE_ADMIN);
}

grpc::ServerUnaryReactor* HotelService::GetHotel(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::GetHotelRequest, v1::Hotel>(
      context, wire_request, wire_response, deps_, CallWork::kRead, kAnyScope,
      [this](const Principal& caller, const auto& request, auto& response) {
        return hotels_.Get(caller, request, response);
      });
}

grpc::ServerUnaryReactor* HotelService::ListHotels(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::ListHotelsRequest, v1::ListHotelsResponse>(
      context, wire_request, wire_response, deps_, CallWork::kRead, kAnyScope,
      [this](const Principal& caller, const auto& request, auto& response) {
        return hotels_.List(caller, request, response);
      });
}

grpc::ServerUnaryReactor* HotelService::UpdateHotel(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::UpdateHotelRequest, v1::Hotel>(
      context, wire_request, wire_response, deps_, v1::SCOPE_ADMIN);
}

grpc::ServerUnaryReactor* HotelService::DeleteHotel(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::DeleteHotelRequest, google::protobuf::Empty>(
      context, wire_request, wire_response, deps_, v1::SCOPE_ADMIN);
}

}  // namespace guestvoice::service
