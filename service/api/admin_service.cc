#include "service/api/admin_service.h"

#include "service/api/cluster_node.h"
#include "service/api/unary_call.h"
#include "service/api/versions.h"

namespace guestvoice::service {

AdminService::AdminService(ServiceDeps deps, absl::Time start_time,
                           const StoreBackups& backups)
    : deps_(deps),
      organizations_(deps.domain),
      api_keys_(deps.domain, deps.api_key_verifier),
      operations_(deps.domain),
      server_info_(deps.domain, RunningVersions(), start_time),
      backups_(backups) {}

grpc::ServerUnaryReactor* AdminService::CreateOrganization(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::CreateOrganizationRequest, v1::Organization>(
      context, wire_request, wire_response, deps_, v1::SCOPE_PLATFORM_ADMIN);
}

grpc::ServerUnaryReactor* AdminService::GetOrganization(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::GetOrganizationRequest, v1::Organization>(
      context, wire_request, wire_response, deps_, CallWork::kRead, kAnyScope,
      [this](const Principal& caller, const auto& request, auto& response) {
        return organizations_.Get(caller, request, response);
      });
}

grpc::ServerUnaryReactor* AdminService::ListOrganizations(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::ListOrganizationsRequest, v1::ListOrganizationsResponse>(
      context, wire_request, wire_response, deps_, CallWork::kRead,
      v1::SCOPE_PLATFORM_ADMIN,
      [this](const Principal& caller, const auto& request, auto& response) {
        return organizations_.List(caller, request, response);
      });
}

grpc::ServerUnaryReactor* AdminService::CreateApiKey(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::CreateApiKeyRequest, v1::ApiKey>(
      context, wire_request, wire_response, deps_, kAnyScope);
}

grpc::ServerUnaryReactor* AdminService::GetApiKey(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::GetApiKeyRequest, v1::ApiKey>(
      context, wire_request, wire_response, deps_, CallWork::kRead, kAnyScope,
      [this](const Principal& caller, const auto& request, auto& response) {
        return api_keys_.Get(caller, request, response);
      });
}

grpc::ServerUnaryReactor* AdminService::ListApiKeys(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::ListApiKeysRequest, v1::ListApiKeysResponse>(
      context, wire_request, wire_response, deps_, CallWork::kRead, kAnyScope,
      [this](const Principal& caller, const auto& request, auto& response) {
        return api_keys_.List(caller, request, response);
      });
}

grpc::ServerUnaryReactor* AdminService::RevokeApiKey(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::RevokeApiKeyRequest, v1::ApiKey>(
      context, wire_request, wire_response, deps_, kAnyScope);
}

grpc::ServerUnaryReactor* AdminService::ReanalyzeFeedback(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::ReanalyzeFeedbackRequest, v1::Operation>(
      context, wire_request, wire_response, deps_, kAnyScope);
}

grpc::ServerUnaryReactor* AdminService::GetOperation(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::GetOperationRequest, v1::Operation>(
      context, wire_request, wire_response, deps_, CallWork::kRead, kAnyScope,
      [this](const Principal& caller, const auto& request, auto& response) {
        return operations_.Get(caller, request, response);
      });
}

grpc::ServerUnaryReactor* AdminService::ListOperations(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::ListOperationsRequest, v1::ListOperationsResponse>(
      context, wire_request, wire_response, deps_, CallWork::kRead, kAnyScope,
      [this](const Principal& caller, const auto& request, auto& response) {
        return operations_.List(caller, request, response);
      });
}

grpc::ServerUnaryReactor* AdminService::GetServerInfo(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::GetServerInfoRequest, v1::ServerInfo>(
      context, wire_request, wire_response, deps_, CallWork::kRead,
      v1::SCOPE_PLATFORM_ADMIN,
      [this](const Principal& caller, const auto& request, auto& response) {
        absl::Status status = server_info_.Get(caller, request, response);
        if (status.ok() && deps_.cluster_node != nullptr) {
          *response.mutable_cluster() = deps_.cluster_node->Describe();
        }
        return status;
      });
}

// A backup copies files for seconds; it runs as a write so that reads never
// wait behind it, and writers, of which there are many, keep flowing.
grpc::ServerUnaryReactor* AdminService::CreateBackup(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::CreateBackupRequest, v1::Backup>(
      context, wire_request, wire_response, deps_, v1::SCOPE_PLATFORM_ADMIN);
}

grpc::ServerUnaryReactor* AdminService::ListBackups(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunUnary<v1::ListBackupsRequest, v1::ListBackupsResponse>(
      context, wire_request, wire_response, deps_, CallWork::kRead,
      v1::SCOPE_PLATFORM_ADMIN,
      [this](const Principal& caller, const auto& request, auto& response) {
        return backups_.List(caller, request, response);
      });
}

grpc::ServerUnaryReactor* AdminService::DeleteBackup(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* wire_request,
    grpc::ByteBuffer* wire_response) {
  return RunMutation<v1::DeleteBackupRequest, google::protobuf::Empty>(
      context, wire_request, wire_response, deps_, v1::SCOPE_PLATFORM_ADMIN);
}

}  // namespace guestvoice::service
