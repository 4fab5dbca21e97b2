#include "service/tenancy/organizations.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "service/core/crypto.h"
#include "service/core/errors.h"
#include "service/core/field_checks.h"
#include "service/core/pagination.h"
#include "service/core/proto_records.h"
#include "service/core/proto_time.h"
#include "service/core/request_log.h"
#include "service/core/resource_names.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

// Prefix that makes a guestvoice key recognisable to secret scanners and to
// people reading logs.
constexpr std::string_view kKeyPrefix = "gv_";
constexpr size_t kSecretBytes = 32;

constexpr size_t kMaxDisplayNameChars = 200;

}  // namespace

absl::Status CheckNamesOnOneLine(const v1::CreateOrganizationRequest& request) {
  FieldViolations violations;
  CheckOneLine(violations, "organization.display_name",
               request.organization().display_name());
  return violations.ToStatus();
}

absl::StatusOr<std::optional<v1::Organization>> ReadOrganization(
    const storage::Store& store, std::string_view organization) {
  return ReadProto<v1::Organization>(store, storage::ColumnFamily::kEntities,
                                     storage::OrganizationKey(organization),
                                     FormatOrganizationName(organization));
}

absl::Status AuthorizeOrganizationAdmin(const storage::Store& store,
                                        const Principal& caller,
                                        std::string_view organization,
                                        std::string_view resource_name) {
  const bool platform = caller.HasScope(v1::SCOPE_PLATFORM_ADMIN);
  if (caller.organization() == organization) {
    return platform ? absl::OkStatus() : caller.RequireScope(v1::SCOPE_ADMIN);
  }
  if (!platform) return ResourceNotFound(resource_name);
  ASSIGN_OR_RETURN(std::optional<v1::Organization> existing,
                   ReadOrganization(store, organization));
  return existing.has_value() ? absl::OkStatus()
                              : ResourceNotFound(resource_name);
}

void PutOrganization(storage::WriteBatch& batch, std::string_view organization,
                     const v1::Organization& record) {
  batch.Put(storage::ColumnFamily::kEntities,
            storage::OrganizationKey(organization), record.SerializeAsString());
  batch.Put(storage::ColumnFamily::kIndexes,
            storage::OrganizationIndexKey(organization), "");
}

ApiKeySecret::ApiKeySecret(std::string key_string)
    : key_string_(std::move(key_string)), sha256_(Sha256(key_string_)) {}

ApiKeySecret ApiKeySecret::Draw() {
  SystemIdSource csprng;
  return ApiKeySecret(
      absl::StrCat(AbslView(kKeyPrefix), csprng.NewSecret(kSecretBytes)));
}

internal::v1::StoredApiKey MintApiKey(std::string_view organization,
                                      const v1::ApiKey& request, absl::Time now,
                                      IdSource& ids,
                                      std::string_view secret_sha256) {
  const std::string key_id = ids.NewResourceId();
  internal::v1::StoredApiKey stored;
  v1::ApiKey& api_key = *stored.mutable_api_key();
  api_key.set_name(FormatApiKeyName(organization, key_id));
  api_key.set_display_name(request.display_name());
  // Each scope once, in enum order, whatever order the caller sent.
  for (int scope = v1::Scope_MIN; scope <= v1::Scope_MAX; ++scope) {
    if (scope != v1::SCOPE_UNSPECIFIED &&
        std::find(request.scopes().begin(), request.scopes().end(), scope) !=
            request.scopes().end()) {
      api_key.add_scopes(static_cast<v1::Scope>(scope));
    }
  }
  if (request.has_expire_time()) {
    *api_key.mutable_expire_time() = request.expire_time();
  }
  *api_key.mutable_create_time() = ToProtoTimestamp(now);
  stored.set_secret_sha256(std::string(secret_sha256));
  return stored;
}

void PutApiKey(storage::WriteBatch& batch, std::string_view organization,
               std::string_view key_id,
               const internal::v1::StoredApiKey& stored) {
  const std::string bytes = stored.SerializeAsString();
  batch.Put(storage::ColumnFamily::kEntities,
            storage::ApiKeyKey(organization, key_id), bytes);
  batch.Put(storage::ColumnFamily::kIndexes,
            storage::ApiKeyHashIndexKey(stored.secret_sha256()), bytes);
}

absl::StatusOr<std::optional<internal::v1::StoredApiKey>> ReadApiKey(
    const storage::Store& store, std::string_view organization,
    std::string_view key_id) {
  return ReadProto<internal::v1::StoredApiKey>(
      store, storage::ColumnFamily::kEntities,
      storage::ApiKeyKey(organization, key_id),
      FormatApiKeyName(organization, key_id));
}

absl::StatusOr<ApiKeyHolder> LookupApiKeyHolder(const storage::Store& store,
                                                std::string_view key) {
  ASSIGN_OR_RETURN(std::optional<std::string> record,
                   store.Get(storage::ColumnFamily::kIndexes,
                             storage::ApiKeyHashIndexKey(Sha256(key))));
  internal::v1::StoredApiKey stored;
  if (!record.has_value() || !stored.ParseFromString(*record) ||
      stored.api_key().has_revoke_time()) {
    return Unauthenticated(v1::ERROR_REASON_API_KEY_INVALID,
                           "the API key is unknown or revoked");
  }
  const v1::ApiKey& api_key = stored.api_key();
  auto name = ParseApiKeyName("api_key.name", api_key.name());
  if (!name.ok()) {
    return absl::DataLossError("a stored API key has a malformed name");
  }
  return ApiKeyHolder{
      .principal =
          Principal(name->organization, api_key.name(), api_key.scopes(),
                    api_key.has_expire_time()
                        ? std::optional<absl::Time>(
                              FromProtoTimestamp(api_key.expire_time()))
                        : std::nullopt),
  };
}

absl::Status CheckApiKeyExpiry(const ApiKeyHolder& holder, absl::Time now) {
  const std::optional<absl::Time>& expire_time =
      holder.principal.key_expire_time();
  if (expire_time.has_value() && *expire_time <= now) {
    return Unauthenticated(v1::ERROR_REASON_API_KEY_EXPIRED,
                           "the API key has expired");
  }
  return absl::OkStatus();
}

std::string NewOrganizationId(const Principal& caller,
                              const v1::CreateOrganizationRequest& request,
                              IdSource& ids) {
  if (!request.organization_id().empty()) return request.organization_id();
  if (request.request_id().empty()) return ids.NewResourceId();
  return SeededIdSource(
             Sha256(absl::StrCat("CreateOrganization\n", caller.organization(),
                                 "\n", request.request_id())))
      .NewResourceId();
}

absl::Status Organizations::Create(const Principal& caller,
                                   const v1::CreateOrganizationRequest& request,
                                   v1::Organization& response) const {
  const std::string organization =
      NewOrganizationId(caller, request, domain_.ids);
  return CreateWithId(caller, request, organization, organization, response);
}

absl::Status Organizations::CreateWithId(
    const Principal& caller, const v1::CreateOrganizationRequest& request,
    std::string_view organization, std::string_view request_id_scope,
    v1::Organization& response) const {
  FieldViolations violations;
  CheckOptionalResourceId(violations, "organization_id",
                          request.organization_id());
  CheckDisplayText(violations, "organization.display_name",
                   request.organization().display_name(), kMaxDisplayNameChars,
                   /*required=*/true);
  CheckRequestId(violations, "request_id", request.request_id());
  RETURN_IF_ERROR(violations.ToStatus());

  const std::string name = FormatOrganizationName(organization);
  const std::string organization_key = storage::OrganizationKey(organization);
  return CreateOnce(
      domain_,
      {.organization = request_id_scope,
       .method = "CreateOrganization",
       .request = request,
       .resource_key = organization_key},
      response, [&](storage::WriteBatch& batch) -> absl::Status {
        ASSIGN_OR_RETURN(std::optional<v1::Organization> existing,
                         ReadOrganization(domain_.store, organization));
        if (existing.has_value()) return ResourceAlreadyExists(name);
        response.set_name(name);
        response.set_display_name(request.organization().display_name());
        *response.mutable_create_time() = ToProtoTimestamp(domain_.clock.Now());
        PutOrganization(batch, organization, response);
        return absl::OkStatus();
      });
}

absl::Status Organizations::Get(const Principal& caller,
                                const v1::GetOrganizationRequest& request,
                                v1::Organization& response) const {
  ASSIGN_OR_RETURN(std::string organization,
                   ParseOrganizationName("name", request.name()));
  if (!caller.HasScope(v1::SCOPE_PLATFORM_ADMIN)) {
    RETURN_IF_ERROR(caller.RequireTenant(organization, request.name()));
  }
  ASSIGN_OR_RETURN(std::optional<v1::Organization> found,
                   ReadOrganization(domain_.store, organization));
  if (!found.has_value()) return ResourceNotFound(request.name());
  response = *std::move(found);
  return absl::OkStatus();
}

// The caller is not consulted: SCOPE_PLATFORM_ADMIN, checked before this
// runs, is what lets it see every organization.
absl::Status Organizations::List(
    const Principal& /*caller*/, const v1::ListOrganizationsRequest& request,
    v1::ListOrganizationsResponse& response) const {
  const PageQuery query{
      .family = storage::ColumnFamily::kIndexes,
      .prefix = storage::OrganizationIndexPrefix(),
      .request_identity = "ListOrganizations",
      .page_size = request.page_size(),
      .page_token = request.page_token(),
  };
  ASSIGN_OR_RETURN(
      *response.mutable_next_page_token(),
      VisitPage(domain_.store, query,
                [&](std::string_view key, std::string_view) -> absl::Status {
                  ASSIGN_OR_RETURN(storage::OrganizationIndexKeyParts index,
                                   storage::ParseOrganizationIndexKey(key));
                  const std::string_view organization = index.org_id;
                  ASSIGN_OR_RETURN(
                      std::optional<v1::Organization> found,
                      ReadOrganization(domain_.store, organization));
                  if (!found.has_value()) {
                    return absl::DataLossError(
                        absl::StrCat("organization ", AbslView(organization),
                                     " is listed but has no record"));
                  }
                  *response.add_organizations() = *std::move(found);
                  return absl::OkStatus();
                }));
  return absl::OkStatus();
}

}  // namespace guestvoice::service
