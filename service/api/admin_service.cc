#include "service/api/admin_service.h"

#include "service/api/unary_call.h"

namespace guestvoice::service {

grpc::ServerUnaryReactor* AdminService::CreateOrganization(
    grpc::CallbackServerContext* context,
    const v1::CreateOrganizationRequest* request, v1::Organization* response) {
  return RunUnary(context, deps_, CallWork::kWrite, v1::SCOPE_PLATFORM_ADMIN,
                  [=](const Principal& caller) -> absl::Status {
                    return organizations_.Create(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* AdminService::GetOrganization(
    grpc::CallbackServerContext* context,
    const v1::GetOrganizationRequest* request, v1::Organization* response) {
  return RunUnary(context, deps_, CallWork::kRead, kAnyScope,
                  [=](const Principal& caller) -> absl::Status {
                    return organizations_.Get(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* AdminService::ListOrganizations(
    grpc::CallbackServerContext* context,
    const v1::ListOrganizationsRequest* request,
    v1::ListOrganizationsResponse* response) {
  return RunUnary(context, deps_, CallWork::kRead, v1::SCOPE_PLATFORM_ADMIN,
                  [=](const Principal& caller) -> absl::Status {
                    return organizations_.List(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* AdminService::CreateApiKey(
    grpc::CallbackServerContext* context,
    const v1::CreateApiKeyRequest* request, v1::ApiKey* response) {
  return RunUnary(context, deps_, CallWork::kWrite, kAnyScope,
                  [=](const Principal& caller) -> absl::Status {
                    return api_keys_.Create(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* AdminService::GetApiKey(
    grpc::CallbackServerContext* context, const v1::GetApiKeyRequest* request,
    v1::ApiKey* response) {
  return RunUnary(context, deps_, CallWork::kRead, kAnyScope,
                  [=](const Principal& caller) -> absl::Status {
                    return api_keys_.Get(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* AdminService::ListApiKeys(
    grpc::CallbackServerContext* context, const v1::ListApiKeysRequest* request,
    v1::ListApiKeysResponse* response) {
  return RunUnary(context, deps_, CallWork::kRead, kAnyScope,
                  [=](const Principal& caller) -> absl::Status {
                    return api_keys_.List(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* AdminService::RevokeApiKey(
    grpc::CallbackServerContext* context,
    const v1::RevokeApiKeyRequest* request, v1::ApiKey* response) {
  return RunUnary(context, deps_, CallWork::kWrite, kAnyScope,
                  [=](const Principal& caller) -> absl::Status {
                    return api_keys_.Revoke(caller, *request, *response);
                  });
}

}  // namespace guestvoice::service
