#include "service/api/admin_service.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "service/api/unary_call.h"
#include "service/core/crypto.h"
#include "service/core/errors.h"
#include "service/core/field_checks.h"
#include "service/core/pagination.h"
#include "service/core/proto_time.h"
#include "service/core/request_log.h"
#include "service/core/resource_names.h"
#include "service/tenancy/organizations.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

constexpr size_t kMaxDisplayNameChars = 200;

// Organization administration is open to the organization's own SCOPE_ADMIN
// keys and to SCOPE_PLATFORM_ADMIN keys; to anyone else the organization does
// not exist.
absl::Status AuthorizeOrganizationAdmin(const storage::Store& store,
                                        const Principal& principal,
                                        std::string_view organization,
                                        std::string_view resource_name) {
  const bool platform = principal.HasScope(v1::SCOPE_PLATFORM_ADMIN);
  if (principal.organization() == organization) {
    return platform ? absl::OkStatus()
                    : principal.RequireScope(v1::SCOPE_ADMIN);
  }
  if (!platform) return ResourceNotFound(resource_name);
  ASSIGN_OR_RETURN(std::optional<v1::Organization> existing,
                   ReadOrganization(store, organization));
  return existing.has_value() ? absl::OkStatus()
                              : ResourceNotFound(resource_name);
}

void CheckApiKeyFields(FieldViolations& violations, const v1::ApiKey& api_key,
                       const Principal& principal, absl::Time now) {
  CheckDisplayText(violations, "api_key.display_name", api_key.display_name(),
                   kMaxDisplayNameChars, /*required=*/true);
  if (api_key.scopes().empty()) {
    violations.Add("api_key.scopes", "at least one scope is required");
  }
  for (int i = 0; i < api_key.scopes_size(); ++i) {
    const int scope = api_key.scopes(i);
    const std::string field = absl::StrCat("api_key.scopes[", i, "]");
    if (!v1::Scope_IsValid(scope) || scope == v1::SCOPE_UNSPECIFIED) {
      violations.Add(field, absl::StrCat(scope, " is not a known scope"));
    } else if (scope == v1::SCOPE_PLATFORM_ADMIN &&
               !principal.HasScope(v1::SCOPE_PLATFORM_ADMIN)) {
      violations.Add(field,
                     "only a SCOPE_PLATFORM_ADMIN key can grant "
                     "SCOPE_PLATFORM_ADMIN");
    }
  }
  if (api_key.has_expire_time() &&
      FromProtoTimestamp(api_key.expire_time()) <= now) {
    violations.Add("api_key.expire_time", "must be in the future");
  }
}

absl::StatusOr<internal::v1::StoredApiKey> ReadExistingApiKey(
    const storage::Store& store, const ApiKeyName& name,
    std::string_view resource_name) {
  ASSIGN_OR_RETURN(std::optional<internal::v1::StoredApiKey> stored,
                   ReadApiKey(store, name.organization, name.api_key));
  if (!stored.has_value()) return ResourceNotFound(resource_name);
  return *std::move(stored);
}

}  // namespace

grpc::ServerUnaryReactor* AdminService::CreateOrganization(
    grpc::CallbackServerContext* context,
    const v1::CreateOrganizationRequest* request, v1::Organization* response) {
  return RunUnary(
      context, deps_.authenticator, v1::SCOPE_PLATFORM_ADMIN,
      [&](const Principal& principal) -> absl::Status {
        FieldViolations violations;
        CheckOptionalResourceId(violations, "organization_id",
                                request->organization_id());
        CheckDisplayText(violations, "organization.display_name",
                         request->organization().display_name(),
                         kMaxDisplayNameChars, /*required=*/true);
        CheckRequestId(violations, "request_id", request->request_id());
        RETURN_IF_ERROR(violations.ToStatus());

        const std::string organization = request->organization_id().empty()
                                             ? NewResourceId()
                                             : request->organization_id();
        const std::string name = FormatOrganizationName(organization);
        const std::string organization_key =
            storage::OrganizationKey(organization);
        return CreateOnce(
            deps_.domain,
            {.organization = principal.organization(),
             .method = "CreateOrganization",
             .request = *request,
             .resource_key = organization_key},
            *response, [&](storage::WriteBatch& batch) -> absl::Status {
              ASSIGN_OR_RETURN(
                  std::optional<v1::Organization> existing,
                  ReadOrganization(deps_.domain.store, organization));
              if (existing.has_value()) return ResourceAlreadyExists(name);
              response->set_name(name);
              response->set_display_name(
                  request->organization().display_name());
              *response->mutable_create_time() =
                  ToProtoTimestamp(deps_.domain.clock.Now());
              PutOrganization(batch, organization, *response);
              return absl::OkStatus();
            });
      });
}

grpc::ServerUnaryReactor* AdminService::GetOrganization(
    grpc::CallbackServerContext* context,
    const v1::GetOrganizationRequest* request, v1::Organization* response) {
  return RunUnary(
      context, deps_.authenticator, kAnyScope,
      [&](const Principal& principal) -> absl::Status {
        ASSIGN_OR_RETURN(std::string organization,
                         ParseOrganizationName("name", request->name()));
        if (!principal.HasScope(v1::SCOPE_PLATFORM_ADMIN)) {
          RETURN_IF_ERROR(
              principal.RequireTenant(organization, request->name()));
        }
        ASSIGN_OR_RETURN(std::optional<v1::Organization> found,
                         ReadOrganization(deps_.domain.store, organization));
        if (!found.has_value()) return ResourceNotFound(request->name());
        *response = *std::move(found);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AdminService::ListOrganizations(
    grpc::CallbackServerContext* context,
    const v1::ListOrganizationsRequest* request,
    v1::ListOrganizationsResponse* response) {
  return RunUnary(
      context, deps_.authenticator, v1::SCOPE_PLATFORM_ADMIN,
      [&](const Principal& principal) -> absl::Status {
        PageQuery query{
            .family = storage::ColumnFamily::kIndexes,
            .prefix = storage::OrganizationIndexPrefix(),
            .request_identity = "ListOrganizations",
            .page_size = request->page_size(),
            .page_token = request->page_token(),
        };
        ASSIGN_OR_RETURN(
            *response->mutable_next_page_token(),
            VisitPage(
                deps_.domain.store, query,
                [&](std::string_view key, std::string_view) -> absl::Status {
                  ASSIGN_OR_RETURN(storage::OrganizationIndexKeyParts index,
                                   storage::ParseOrganizationIndexKey(key));
                  const std::string_view organization = index.org_id;
                  ASSIGN_OR_RETURN(
                      std::optional<v1::Organization> found,
                      ReadOrganization(deps_.domain.store, organization));
                  if (!found.has_value()) {
                    return absl::DataLossError(
                        absl::StrCat("organization ", AbslView(organization),
                                     " is listed but has no record"));
                  }
                  *response->add_organizations() = *std::move(found);
                  return absl::OkStatus();
                }));
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AdminService::CreateApiKey(
    grpc::CallbackServerContext* context,
    const v1::CreateApiKeyRequest* request, v1::ApiKey* response) {
  return RunUnary(
      context, deps_.authenticator, kAnyScope,
      [&](const Principal& principal) -> absl::Status {
        ASSIGN_OR_RETURN(std::string organization,
                         ParseOrganizationName("parent", request->parent()));
        RETURN_IF_ERROR(AuthorizeOrganizationAdmin(
            deps_.domain.store, principal, organization, request->parent()));
        const absl::Time now = deps_.domain.clock.Now();
        FieldViolations violations;
        CheckApiKeyFields(violations, request->api_key(), principal, now);
        CheckRequestId(violations, "request_id", request->request_id());
        RETURN_IF_ERROR(violations.ToStatus());

        NewApiKey minted = MintApiKey(organization, request->api_key(), now);
        ASSIGN_OR_RETURN(
            ApiKeyName name,
            ParseApiKeyName("api_key.name", minted.stored.api_key().name()));
        return CreateOnce(
            deps_.domain,
            {.organization = organization,
             .method = "CreateApiKey",
             .request = *request,
             .resource_key = storage::ApiKeyKey(organization, name.api_key)},
            *response,
            [&](storage::WriteBatch& batch) {
              PutApiKey(batch, organization, name.api_key, minted.stored);
              *response = std::move(minted.with_secret);
              return absl::OkStatus();
            },
            // The secret is shown once: a retry gets the key without it.
            [](google::protobuf::Message& recorded) {
              static_cast<v1::ApiKey&>(recorded).clear_key_string();
            });
      });
}

grpc::ServerUnaryReactor* AdminService::GetApiKey(
    grpc::CallbackServerContext* context, const v1::GetApiKeyRequest* request,
    v1::ApiKey* response) {
  return RunUnary(
      context, deps_.authenticator, kAnyScope,
      [&](const Principal& principal) -> absl::Status {
        ASSIGN_OR_RETURN(ApiKeyName name,
                         ParseApiKeyName("name", request->name()));
        RETURN_IF_ERROR(AuthorizeOrganizationAdmin(
            deps_.domain.store, principal, name.organization, request->name()));
        ASSIGN_OR_RETURN(
            internal::v1::StoredApiKey stored,
            ReadExistingApiKey(deps_.domain.store, name, request->name()));
        *response = std::move(*stored.mutable_api_key());
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AdminService::ListApiKeys(
    grpc::CallbackServerContext* context, const v1::ListApiKeysRequest* request,
    v1::ListApiKeysResponse* response) {
  return RunUnary(
      context, deps_.authenticator, kAnyScope,
      [&](const Principal& principal) -> absl::Status {
        ASSIGN_OR_RETURN(std::string organization,
                         ParseOrganizationName("parent", request->parent()));
        RETURN_IF_ERROR(AuthorizeOrganizationAdmin(
            deps_.domain.store, principal, organization, request->parent()));
        PageQuery query{
            .family = storage::ColumnFamily::kEntities,
            .prefix = storage::ApiKeyPrefix(organization),
            .request_identity = absl::StrCat("ListApiKeys|", request->parent()),
            .page_size = request->page_size(),
            .page_token = request->page_token(),
        };
        ASSIGN_OR_RETURN(
            *response->mutable_next_page_token(),
            VisitPage(deps_.domain.store, query,
                      [&](std::string_view, std::string_view value) {
                        internal::v1::StoredApiKey stored;
                        if (!stored.ParseFromArray(value.data(),
                                                   value.size())) {
                          return absl::DataLossError(
                              "a stored API key record is unreadable");
                        }
                        *response->add_api_keys() =
                            std::move(*stored.mutable_api_key());
                        return absl::OkStatus();
                      }));
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* AdminService::RevokeApiKey(
    grpc::CallbackServerContext* context,
    const v1::RevokeApiKeyRequest* request, v1::ApiKey* response) {
  return RunUnary(
      context, deps_.authenticator, kAnyScope,
      [&](const Principal& principal) -> absl::Status {
        ASSIGN_OR_RETURN(ApiKeyName name,
                         ParseApiKeyName("name", request->name()));
        RETURN_IF_ERROR(AuthorizeOrganizationAdmin(
            deps_.domain.store, principal, name.organization, request->name()));
        if (principal.api_key_name() == request->name()) {
          return PreconditionFailed(
              "a key cannot revoke itself; revoke it with another admin key");
        }
        const std::string key =
            storage::ApiKeyKey(name.organization, name.api_key);
        auto guard = deps_.domain.locks.Lock(key);
        ASSIGN_OR_RETURN(
            internal::v1::StoredApiKey stored,
            ReadExistingApiKey(deps_.domain.store, name, request->name()));
        if (!stored.api_key().has_revoke_time()) {
          *stored.mutable_api_key()->mutable_revoke_time() =
              ToProtoTimestamp(deps_.domain.clock.Now());
          storage::WriteBatch batch;
          PutApiKey(batch, name.organization, name.api_key, stored);
          RETURN_IF_ERROR(deps_.domain.store.Write(std::move(batch)));
        }
        *response = std::move(*stored.mutable_api_key());
        return absl::OkStatus();
      });
}

}  // namespace guestvoice::service
