#include "service/api/loyalty_service.h"

#include "service/api/unary_call.h"

namespace guestvoice::service {

grpc::ServerUnaryReactor* LoyaltyService::CreateGuest(
    grpc::CallbackServerContext* context, const v1::CreateGuestRequest* request,
    v1::Guest* response) {
  return RunUnary(context, deps_, CallWork::kWrite, v1::SCOPE_LOYALTY_WRITE,
                  [=](const Principal& caller) -> absl::Status {
                    return guests_.Create(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* LoyaltyService::GetGuest(
    grpc::CallbackServerContext* context, const v1::GetGuestRequest* request,
    v1::Guest* response) {
  return RunUnary(context, deps_, CallWork::kRead, v1::SCOPE_LOYALTY_READ,
                  [=](const Principal& caller) -> absl::Status {
                    return guests_.Get(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* LoyaltyService::LookupGuest(
    grpc::CallbackServerContext* context, const v1::LookupGuestRequest* request,
    v1::Guest* response) {
  return RunUnary(context, deps_, CallWork::kRead, v1::SCOPE_LOYALTY_READ,
                  [=](const Principal& caller) -> absl::Status {
                    return guests_.Lookup(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* LoyaltyService::ListGuests(
    grpc::CallbackServerContext* context, const v1::ListGuestsRequest* request,
    v1::ListGuestsResponse* response) {
  return RunUnary(context, deps_, CallWork::kRead, v1::SCOPE_LOYALTY_READ,
                  [=](const Principal& caller) -> absl::Status {
                    return guests_.List(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* LoyaltyService::LinkIdentity(
    grpc::CallbackServerContext* context,
    const v1::LinkIdentityRequest* request, v1::Guest* response) {
  return RunUnary(context, deps_, CallWork::kWrite, v1::SCOPE_LOYALTY_WRITE,
                  [=](const Principal& caller) -> absl::Status {
                    return guests_.LinkIdentity(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* LoyaltyService::UnlinkIdentity(
    grpc::CallbackServerContext* context,
    const v1::UnlinkIdentityRequest* request, v1::Guest* response) {
  return RunUnary(context, deps_, CallWork::kWrite, v1::SCOPE_LOYALTY_WRITE,
                  [=](const Principal& caller) -> absl::Status {
                    return guests_.UnlinkIdentity(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* LoyaltyService::MergeGuests(
    grpc::CallbackServerContext* context, const v1::MergeGuestsRequest* request,
    v1::Guest* response) {
  return RunUnary(context, deps_, CallWork::kWrite, v1::SCOPE_LOYALTY_WRITE,
                  [=](const Principal& caller) -> absl::Status {
                    return guests_.Merge(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* LoyaltyService::EraseGuest(
    grpc::CallbackServerContext* context, const v1::EraseGuestRequest* request,
    google::protobuf::Empty*) {
  return RunUnary(context, deps_, CallWork::kWrite, v1::SCOPE_LOYALTY_WRITE,
                  [=](const Principal& caller) -> absl::Status {
                    return guests_.Erase(caller, *request);
                  });
}

grpc::ServerUnaryReactor* LoyaltyService::ExportGuest(
    grpc::CallbackServerContext* context, const v1::ExportGuestRequest* request,
    v1::ExportGuestResponse* response) {
  return RunUnary(context, deps_, CallWork::kRead, v1::SCOPE_LOYALTY_READ,
                  [=](const Principal& caller) -> absl::Status {
                    return guests_.Export(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* LoyaltyService::RecordStay(
    grpc::CallbackServerContext* context, const v1::RecordStayRequest* request,
    v1::Stay* response) {
  return RunUnary(context, deps_, CallWork::kWrite, v1::SCOPE_LOYALTY_WRITE,
                  [=](const Principal& caller) -> absl::Status {
                    return stays_.Record(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* LoyaltyService::CancelStay(
    grpc::CallbackServerContext* context, const v1::CancelStayRequest* request,
    v1::Stay* response) {
  return RunUnary(context, deps_, CallWork::kWrite, v1::SCOPE_LOYALTY_WRITE,
                  [=](const Principal& caller) -> absl::Status {
                    return stays_.Cancel(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* LoyaltyService::RecordCheckIn(
    grpc::CallbackServerContext* context,
    const v1::RecordCheckInRequest* request, v1::CheckIn* response) {
  return RunUnary(context, deps_, CallWork::kWrite, v1::SCOPE_LOYALTY_WRITE,
                  [=](const Principal& caller) -> absl::Status {
                    return check_ins_.Record(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* LoyaltyService::GetLoyaltyProgram(
    grpc::CallbackServerContext* context,
    const v1::GetLoyaltyProgramRequest* request, v1::LoyaltyProgram* response) {
  return RunUnary(context, deps_, CallWork::kRead, v1::SCOPE_LOYALTY_READ,
                  [=](const Principal& caller) -> absl::Status {
                    return programs_.Get(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* LoyaltyService::UpdateLoyaltyProgram(
    grpc::CallbackServerContext* context,
    const v1::UpdateLoyaltyProgramRequest* request,
    v1::LoyaltyProgram* response) {
  return RunUnary(context, deps_, CallWork::kWrite, v1::SCOPE_ADMIN,
                  [=](const Principal& caller) -> absl::Status {
                    return programs_.Update(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* LoyaltyService::GetLoyaltyStatus(
    grpc::CallbackServerContext* context,
    const v1::GetLoyaltyStatusRequest* request, v1::LoyaltyStatus* response) {
  return RunUnary(context, deps_, CallWork::kRead, v1::SCOPE_LOYALTY_READ,
                  [=](const Principal& caller) -> absl::Status {
                    return statuses_.Get(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* LoyaltyService::SetManualTier(
    grpc::CallbackServerContext* context,
    const v1::SetManualTierRequest* request, v1::LoyaltyStatus* response) {
  return RunUnary(context, deps_, CallWork::kWrite, v1::SCOPE_LOYALTY_WRITE,
                  [=](const Principal& caller) -> absl::Status {
                    return statuses_.SetManualTier(caller, *request, *response);
                  });
}

}  // namespace guestvoice::service
