#include "service/api/loyalty_service.h"

#include "service/api/unary_call.h"

namespace guestvoice::service {

grpc::ServerUnaryReactor* LoyaltyService::CreateGuest(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::CreateGuestRequest, v1::Guest>(
      context, wire_request, wire_response, deps_, v1::SCOPE_LOYALTY_WRITE);
}

grpc::ServerUnaryReactor* LoyaltyService::GetGuest(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::GetGuestRequest, v1::Guest>(
      context, wire_request, wire_response, deps_, CallWork::kQuickRead,
      v1::SCOPE_LOYALTY_READ,
      [this](const Principal& caller, const auto& request, auto& response) {
        return guests_.Get(caller, request, response);
      });
}

grpc::ServerUnaryReactor* LoyaltyService::LookupGuest(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::LookupGuestRequest, v1::Guest>(
      context, wire_request, wire_response, deps_, CallWork::kQuickRead,
      v1::SCOPE_LOYALTY_READ,
      [this](const Principal& caller, const auto& request, auto& response) {
        return guests_.Lookup(caller, request, response);
      });
}

grpc::ServerUnaryReactor* LoyaltyService::ListGuests(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::ListGuestsRequest, v1::ListGuestsResponse>(
      context, wire_request, wire_response, deps_, CallWork::kRead,
      v1::SCOPE_LOYALTY_READ,
      [this](const Principal& caller, const auto& request, auto& response) {
        return guests_.List(caller, request, response);
      });
}

grpc::ServerUnaryReactor* LoyaltyService::LinkIdentity(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::LinkIdentityRequest, v1::Guest>(
      context, wire_request, wire_response, deps_, v1::SCOPE_LOYALTY_WRITE);
}

grpc::ServerUnaryReactor* LoyaltyService::UnlinkIdentity(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::UnlinkIdentityRequest, v1::Guest>(
      context, wire_request, wire_response, deps_, v1::SCOPE_LOYALTY_WRITE);
}

grpc::ServerUnaryReactor* LoyaltyService::MergeGuests(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::MergeGuestsRequest, v1::Guest>(
      context, wire_request, wire_response, deps_, v1::SCOPE_LOYALTY_WRITE);
}

grpc::ServerUnaryReactor* LoyaltyService::EraseGuest(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::EraseGuestRequest, google::protobuf::Empty>(
      context, wire_request, wire_response, deps_, v1::SCOPE_LOYALTY_WRITE);
}

grpc::ServerUnaryReactor* LoyaltyService::ExportGuest(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::ExportGuestRequest, v1::ExportGuestResponse>(
      context, wire_request, wire_response, deps_, CallWork::kRead,
      v1::SCOPE_LOYALTY_READ,
      [this](const Principal& caller, const auto& request, auto& response) {
        return guests_.Export(caller, request, response);
      });
}

grpc::ServerUnaryReactor* LoyaltyService::RecordStay(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::RecordStayRequest, v1::Stay>(
      context, wire_request, wire_response, deps_, v1::SCOPE_LOYALTY_WRITE);
}

grpc::ServerUnaryReactor* LoyaltyService::UpdateStay(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::UpdateStayRequest, v1::Stay>(
      context, wire_request, wire_response, deps_, v1::SCOPE_LOYALTY_WRITE);
}

grpc::ServerUnaryReactor* LoyaltyService::CancelStay(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::CancelStayRequest, v1::Stay>(
      context, wire_request, wire_response, deps_, v1::SCOPE_LOYALTY_WRITE);
}

grpc::ServerUnaryReactor* LoyaltyService::ListStays(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::ListStaysRequest, v1::ListStaysResponse>(
      context, wire_request, wire_response, deps_, CallWork::kRead,
      v1::SCOPE_LOYALTY_READ,
      [this](const Principal& caller, const auto& request, auto& response) {
        return stays_.List(caller, request, response);
      });
}

grpc::ServerUnaryReactor* LoyaltyService::RecordCheckIn(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::RecordCheckInRequest, v1::CheckIn>(
      context, wire_request, wire_response, deps_, v1::SCOPE_LOYALTY_WRITE);
}

grpc::ServerUnaryReactor* LoyaltyService::ListCheckIns(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::ListCheckInsRequest, v1::ListCheckInsResponse>(
      context, wire_request, wire_response, deps_, CallWork::kRead,
      v1::SCOPE_LOYALTY_READ,
      [this](const Principal& caller, const auto& request, auto& response) {
        return check_ins_.List(caller, request, response);
      });
}

grpc::ServerUnaryReactor* LoyaltyService::GetLoyaltyProgram(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::GetLoyaltyProgramRequest, v1::LoyaltyProgram>(
      context, wire_request, wire_response, deps_, CallWork::kRead,
      v1::SCOPE_LOYALTY_READ,
      [this](const Principal& caller, const auto& request, auto& response) {
        return programs_.Get(caller, request, response);
      });
}

grpc::ServerUnaryReactor* LoyaltyService::UpdateLoyaltyProgram(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::UpdateLoyaltyProgramRequest, v1::LoyaltyProgram>(
      context, wire_request, wire_response, deps_, v1::SCOPE_ADMIN);
}

grpc::ServerUnaryReactor* LoyaltyService::GetLoyaltyStatus(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::GetLoyaltyStatusRequest, v1::LoyaltyStatus>(
      context, wire_request, wire_response, deps_, CallWork::kQuickRead,
      v1::SCOPE_LOYALTY_READ,
      [this](const Principal& caller, const auto& request, auto& response) {
        return statuses_.Get(caller, request, response);
      });
}

grpc::ServerUnaryReactor* LoyaltyService::SetManualTier(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::SetManualTierRequest, v1::LoyaltyStatus>(
      context, wire_request, wire_response, deps_, v1::SCOPE_LOYALTY_WRITE);
}

}  // namespace guestvoice::service
