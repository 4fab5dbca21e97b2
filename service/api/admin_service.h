#ifndef GUESTVOICE_SERVICE_API_ADMIN_SERVICE_H_
#define GUESTVOICE_SERVICE_API_ADMIN_SERVICE_H_

#include "guestvoice/v1/admin_service.grpc.pb.h"
#include "service/api/service_deps.h"
#include "service/api/wire_messages.h"
#include "service/feedback/reanalysis_runner.h"
#include "service/tenancy/api_keys.h"
#include "service/tenancy/operations.h"
#include "service/tenancy/organizations.h"

namespace guestvoice::service {

// guestvoice.v1.AdminService: organizations (Organizations), their API keys
// (ApiKeys), and long-running operations (Operations; feedback re-analysis
// runs on the ReanalysisRunner).
// Its methods are registered raw, so the server decodes every request itself
// and names a string that is not UTF-8 (wire_messages.h).
class AdminService final
    : public RawMethods<
          v1::AdminService::Service,
          v1::AdminService::WithRawCallbackMethod_CreateOrganization,
          v1::AdminService::WithRawCallbackMethod_GetOrganization,
          v1::AdminService::WithRawCallbackMethod_ListOrganizations,
          v1::AdminService::WithRawCallbackMethod_CreateApiKey,
          v1::AdminService::WithRawCallbackMethod_GetApiKey,
          v1::AdminService::WithRawCallbackMethod_ListApiKeys,
          v1::AdminService::WithRawCallbackMethod_RevokeApiKey,
          v1::AdminService::WithRawCallbackMethod_ReanalyzeFeedback,
          v1::AdminService::WithRawCallbackMethod_GetOperation,
          v1::AdminService::WithRawCallbackMethod_ListOperations> {
 public:
  AdminService(ServiceDeps deps, ReanalysisRunner& reanalysis)
      : deps_(deps),
        organizations_(deps.domain),
        api_keys_(deps.domain, deps.api_key_verifier),
        operations_(deps.domain),
        reanalysis_(reanalysis) {}

  grpc::ServerUnaryReactor* CreateOrganization(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* GetOrganization(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* ListOrganizations(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* CreateApiKey(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* GetApiKey(grpc::CallbackServerContext* context,
                                      const grpc::ByteBuffer* wire_request,
                                      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* ListApiKeys(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* RevokeApiKey(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* ReanalyzeFeedback(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* GetOperation(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* ListOperations(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;

 private:
  ServiceDeps deps_;
  Organizations organizations_;
  ApiKeys api_keys_;
  Operations operations_;
  ReanalysisRunner& reanalysis_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_ADMIN_SERVICE_H_
