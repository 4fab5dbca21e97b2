#ifndef GUESTVOICE_SERVICE_API_ADMIN_SERVICE_H_
#define GUESTVOICE_SERVICE_API_ADMIN_SERVICE_H_

#include "guestvoice/v1/admin_service.grpc.pb.h"
#include "service/api/service_deps.h"
#include "service/api/wire_messages.h"
#include "service/tenancy/api_keys.h"
#include "service/tenancy/operations.h"
#include "service/tenancy/organizations.h"
#include "service/tenancy/server_info.h"
#include "service/tenancy/store_backups.h"

namespace guestvoice::service {

// guestvoice.v1.AdminService: organizations (Organizations), their API keys
// (ApiKeys), long-running operations (Operations; feedback re-analysis runs
// on the ReanalysisRunner) and the server itself (ServerInfoReader,
// StoreBackups).
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
          v1::AdminService::WithRawCallbackMethod_ListOperations,
          v1::AdminService::WithRawCallbackMethod_GetServerInfo,
          v1::AdminService::WithRawCallbackMethod_CreateBackup,
          v1::AdminService::WithRawCallbackMethod_ListBackups,
          v1::AdminService::WithRawCallbackMethod_DeleteBackup> {
 public:
  // `start_time`: when the server started, for its uptime. `backups`: the
  // server's, which the mutations (deps.mutations) create and delete.
  AdminService(ServiceDeps deps, absl::Time start_time,
               const StoreBackups& backups);

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
  grpc::ServerUnaryReactor* GetServerInfo(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* CreateBackup(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* ListBackups(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;
  grpc::ServerUnaryReactor* DeleteBackup(
      grpc::CallbackServerContext* context,
      const grpc::ByteBuffer* wire_request,
      grpc::ByteBuffer* wire_response) override;

 private:
  ServiceDeps deps_;
  Organizations organizations_;
  ApiKeys api_keys_;
  Operations operations_;
  ServerInfoReader server_info_;
  const StoreBackups& backups_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_ADMIN_SERVICE_H_
