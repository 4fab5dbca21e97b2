#ifndef GUESTVOICE_SERVICE_API_ADMIN_SERVICE_H_
#define GUESTVOICE_SERVICE_API_ADMIN_SERVICE_H_

#include "guestvoice/v1/admin_service.grpc.pb.h"
#include "service/api/service_deps.h"
#include "service/tenancy/api_keys.h"
#include "service/tenancy/organizations.h"

namespace guestvoice::service {

// guestvoice.v1.AdminService: organizations (Organizations) and their API
// keys (ApiKeys).
class AdminService final : public v1::AdminService::CallbackService {
 public:
  explicit AdminService(ServiceDeps deps)
      : deps_(deps),
        organizations_(deps.domain),
        api_keys_(deps.domain, deps.api_key_verifier) {}

  grpc::ServerUnaryReactor* CreateOrganization(
      grpc::CallbackServerContext* context,
      const v1::CreateOrganizationRequest* request,
      v1::Organization* response) override;
  grpc::ServerUnaryReactor* GetOrganization(
      grpc::CallbackServerContext* context,
      const v1::GetOrganizationRequest* request,
      v1::Organization* response) override;
  grpc::ServerUnaryReactor* ListOrganizations(
      grpc::CallbackServerContext* context,
      const v1::ListOrganizationsRequest* request,
      v1::ListOrganizationsResponse* response) override;
  grpc::ServerUnaryReactor* CreateApiKey(grpc::CallbackServerContext* context,
                                         const v1::CreateApiKeyRequest* request,
                                         v1::ApiKey* response) override;
  grpc::ServerUnaryReactor* GetApiKey(grpc::CallbackServerContext* context,
                                      const v1::GetApiKeyRequest* request,
                                      v1::ApiKey* response) override;
  grpc::ServerUnaryReactor* ListApiKeys(
      grpc::CallbackServerContext* context,
      const v1::ListApiKeysRequest* request,
      v1::ListApiKeysResponse* response) override;
  grpc::ServerUnaryReactor* RevokeApiKey(grpc::CallbackServerContext* context,
                                         const v1::RevokeApiKeyRequest* request,
                                         v1::ApiKey* response) override;

 private:
  ServiceDeps deps_;
  Organizations organizations_;
  ApiKeys api_keys_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_ADMIN_SERVICE_H_
