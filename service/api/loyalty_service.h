#ifndef GUESTVOICE_SERVICE_API_LOYALTY_SERVICE_H_
#define GUESTVOICE_SERVICE_API_LOYALTY_SERVICE_H_

#include "guestvoice/v1/loyalty_service.grpc.pb.h"
#include "service/api/service_deps.h"
#include "service/api/wire_messages.h"
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
// Its methods are registered raw, so the server decodes every request itself
// and names a string that is not UTF-8 (wire_messages.h).
class LoyaltyService final
    : public RawMethods<
          v1::LoyaltyService::Service,
          v1::LoyaltyService::WithRawCallbackMethod_CreateGuest,
          v1::LoyaltyService::WithRawCallbackMethod_GetGuest,
          v1::LoyaltyService::WithRawCallbackMethod_LookupGuest,
          v1::LoyaltyService::WithRawCallbackMethod_ListGuests,
          v1::LoyaltyService::WithRawCallbackMethod_LinkIdentity,
          v1::LoyaltyService::WithRawCallbackMethod_UnlinkIdentity,
          v1::LoyaltyService::WithRawCallbackMethod_MergeGuests,
          v1::LoyaltyService::WithRawCallbackMethod_EraseGuest,
          v1::LoyaltyService::WithRawCallbackMethod_ExportGuest,
          v1::LoyaltyService::WithRawCallbackMethod_RecordStay,
          v1::LoyaltyService::WithRawCallbackMethod_UpdateStay,
          v1::LoyaltyService::WithRawCallbackMethod_CancelStay,
          v1::LoyaltyService::WithRawCallbackMethod_ListStays,
          v1::LoyaltyService::WithRawCallbackMethod_RecordCheckIn,
          v1::LoyaltyService::WithRawCallbackMethod_ListCheckIns,
          v1::LoyaltyService::WithRawCallbackMethod_GetLoyaltyProgram,
          v1::LoyaltyService::WithRawCallbackMethod_UpdateLoyaltyProgram,
          v1::LoyaltyService::WithRawCallbackMethod_GetLoyaltyStatus,
          v1::LoyaltyService::WithRawCallbackMethod_SetManualTier> {
 public:
  explicit LoyaltyService(ServiceDeps deps)
      : deps_(deps),
        guests_(deps.domain),
        programs_(deps.domain),
        statuses_(deps.domain),
        stays_(deps.domain),
        check_ins_(deps.domain) {}

  grpc::ServerUnaryReactor* CreateGuest(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* GetGuest(grpc::CallbackServerContext* context,
                                     const grpc::ByteBuffer* wire_request,
                                     grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* LookupGuest(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* ListGuests(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* LinkIdentity(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* UnlinkIdentity(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* MergeGuests(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* EraseGuest(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* ExportGuest(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;

  grpc::ServerUnaryReactor* RecordStay(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* UpdateStay(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* CancelStay(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* ListStays(grpc::CallbackServerContext* context,
                                      const grpc::ByteBuffer* wire_request,
                                      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* RecordCheckIn(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* ListCheckIns(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* GetLoyaltyProgram(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* UpdateLoyaltyProgram(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* GetLoyaltyStatus(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* SetManualTier(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;

 private:
  ServiceDeps deps_;
  Guests guests_;
  LoyaltyPrograms programs_;
  LoyaltyStatuses statuses_;
  Stays stays_;
  CheckIns check_ins_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_LOYALTY_SERVICE_H_
