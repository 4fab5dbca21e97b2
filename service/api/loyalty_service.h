#ifndef GUESTVOICE_SERVICE_API_LOYALTY_SERVICE_H_
#define GUESTVOICE_SERVICE_API_LOYALTY_SERVICE_H_

#include "guestvoice/v1/loyalty_service.grpc.pb.h"
#include "service/api/service_deps.h"
#include "service/loyalty/check_ins.h"
#include "service/loyalty/guests.h"
#include "service/loyalty/loyalty_programs.h"
#include "service/loyalty/loyalty_statuses.h"
#include "service/loyalty/stays.h"

namespace guestvoice::service {

// guestvoice.v1.LoyaltyService: guests and their identities, stays,
// check-ins, the loyalty program and guests' status. Each handler
// authenticates the call and hands it to one operation of the loyalty domain
// (service/loyalty/), which documents what it does and how it locks.
class LoyaltyService final : public v1::LoyaltyService::CallbackService {
 public:
  explicit LoyaltyService(ServiceDeps deps)
      : deps_(deps),
        guests_(deps.domain),
        stays_(deps.domain),
        check_ins_(deps.domain),
        programs_(deps.domain),
        statuses_(deps.domain) {}

  grpc::ServerUnaryReactor* CreateGuest(grpc::CallbackServerContext* context,
                                        const v1::CreateGuestRequest* request,
                                        v1::Guest* response) override;
  grpc::ServerUnaryReactor* GetGuest(grpc::CallbackServerContext* context,
                                     const v1::GetGuestRequest* request,
                                     v1::Guest* response) override;
  grpc::ServerUnaryReactor* LookupGuest(grpc::CallbackServerContext* context,
                                        const v1::LookupGuestRequest* request,
                                        v1::Guest* response) override;
  grpc::ServerUnaryReactor* ListGuests(
      grpc::CallbackServerContext* context,
      const v1::ListGuestsRequest* request,
      v1::ListGuestsResponse* response) override;
  grpc::ServerUnaryReactor* LinkIdentity(grpc::CallbackServerContext* context,
                                         const v1::LinkIdentityRequest* request,
                                         v1::Guest* response) override;
  grpc::ServerUnaryReactor* UnlinkIdentity(
      grpc::CallbackServerContext* context,
      const v1::UnlinkIdentityRequest* request, v1::Guest* response) override;
  grpc::ServerUnaryReactor* MergeGuests(grpc::CallbackServerContext* context,
                                        const v1::MergeGuestsRequest* request,
                                        v1::Guest* response) override;
  grpc::ServerUnaryReactor* EraseGuest(
      grpc::CallbackServerContext* context,
      const v1::EraseGuestRequest* request,
      google::protobuf::Empty* response) override;
  grpc::ServerUnaryReactor* ExportGuest(
      grpc::CallbackServerContext* context,
      const v1::ExportGuestRequest* request,
      v1::ExportGuestResponse* response) override;

  grpc::ServerUnaryReactor* RecordStay(grpc::CallbackServerContext* context,
                                       const v1::RecordStayRequest* request,
                                       v1::Stay* response) override;
  grpc::ServerUnaryReactor* CancelStay(grpc::CallbackServerContext* context,
                                       const v1::CancelStayRequest* request,
                                       v1::Stay* response) override;
  grpc::ServerUnaryReactor* RecordCheckIn(
      grpc::CallbackServerContext* context,
      const v1::RecordCheckInRequest* request, v1::CheckIn* response) override;
  grpc::ServerUnaryReactor* GetLoyaltyProgram(
      grpc::CallbackServerContext* context,
      const v1::GetLoyaltyProgramRequest* request,
      v1::LoyaltyProgram* response) override;
  grpc::ServerUnaryReactor* UpdateLoyaltyProgram(
      grpc::CallbackServerContext* context,
      const v1::UpdateLoyaltyProgramRequest* request,
      v1::LoyaltyProgram* response) override;
  grpc::ServerUnaryReactor* GetLoyaltyStatus(
      grpc::CallbackServerContext* context,
      const v1::GetLoyaltyStatusRequest* request,
      v1::LoyaltyStatus* response) override;
  grpc::ServerUnaryReactor* SetManualTier(
      grpc::CallbackServerContext* context,
      const v1::SetManualTierRequest* request,
      v1::LoyaltyStatus* response) override;

 private:
  ServiceDeps deps_;
  Guests guests_;
  Stays stays_;
  CheckIns check_ins_;
  LoyaltyPrograms programs_;
  LoyaltyStatuses statuses_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_LOYALTY_SERVICE_H_
