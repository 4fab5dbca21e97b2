#include "service/tenancy/api_keys.h"

#include <optional>
#include <string>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
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

void CheckApiKeyFields(FieldViolations& violations, const v1::ApiKey& api_key,
                       const Principal& caller, absl::Time now) {
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
               !caller.HasScope(v1::SCOPE_PLATFORM_ADMIN)) {
      violations.Add(field,
                     "only a SCOPE_PLATFORM_ADMIN key can grant "
                     "SCOPE_PLATFORM_ADMIN");
    }
  }
  if (api_key.has_expire_time() && !IsValidTimestamp(api_key.expire_time())) {
    violations.Add("api_key.expire_time", "not a valid timestamp");
  } else if (api_key.has_expire_time() &&
             FromProtoTimestamp(api_key.expire_time()) <= now) {
    violations.Add("api_key.expire_time", "must be in the future");
  }
}

// The stored key `name`, or NOT_FOUND naming `resource_name`.
absl::StatusOr<internal::v1::StoredApiKey> ReadExistingApiKey(
    const storage::Store& store, const ApiKeyName& name,
    std::string_view resource_name) {
  ASSIGN_OR_RETURN(std::optional<internal::v1::StoredApiKey> stored,
                   ReadApiKey(store, name.organization, name.api_key));
  if (!stored.has_value()) return ResourceNotFound(resource_name);
  return *std::move(stored);
}

}  // namespace

absl::Status CheckNamesOnOneLine(const v1::CreateApiKeyRequest& request) {
  FieldViolations violations;
  CheckOneLine(violations, "api_key.display_name",
               request.api_key().display_name());
  return violations.ToStatus();
}

absl::Status AttachSecretIfStored(const storage::Store& store,
                                  const ApiKeySecret& secret,
                                  v1::ApiKey& response) {
  ASSIGN_OR_RETURN(ApiKeyName name, ParseApiKeyName("name", response.name()));
  ASSIGN_OR_RETURN(std::optional<internal::v1::StoredApiKey> stored,
                   ReadApiKey(store, name.organization, name.api_key));
  if (stored.has_value() && stored->secret_sha256() == secret.sha256()) {
    response.set_key_string(secret.key_string());
  }
  return absl::OkStatus();
}

absl::Status ApiKeys::Create(const Principal& caller,
                             const v1::CreateApiKeyRequest& request,
                             v1::ApiKey& response) const {
  const ApiKeySecret secret = ApiKeySecret::Draw();
  ASSIGN_OR_RETURN(bool stored,
                   StoreNewKey(caller, request, secret.sha256(), response));
  if (stored) response.set_key_string(secret.key_string());
  return absl::OkStatus();
}

absl::StatusOr<bool> ApiKeys::StoreNewKey(
    const Principal& caller, const v1::CreateApiKeyRequest& request,
    std::string_view secret_sha256, v1::ApiKey& response) const {
  ASSIGN_OR_RETURN(std::string organization,
                   ParseOrganizationName("parent", request.parent()));
  RETURN_IF_ERROR(AuthorizeOrganizationAdmin(domain_.store, caller,
                                             organization, request.parent()));
  const absl::Time now = domain_.clock.Now();
  FieldViolations violations;
  CheckApiKeyFields(violations, request.api_key(), caller, now);
  CheckRequestId(violations, "request_id", request.request_id());
  RETURN_IF_ERROR(violations.ToStatus());

  const internal::v1::StoredApiKey minted = MintApiKey(
      organization, request.api_key(), now, domain_.ids, secret_sha256);
  ASSIGN_OR_RETURN(ApiKeyName name,
                   ParseApiKeyName("api_key.name", minted.api_key().name()));
  bool stored = false;
  RETURN_IF_ERROR(CreateOnce(
      domain_,
      {.organization = organization,
       .method = "CreateApiKey",
       .request = request,
       .resource_key = storage::ApiKeyKey(organization, name.api_key)},
      response, [&](storage::WriteBatch& batch) {
        PutApiKey(batch, organization, name.api_key, minted);
        response = minted.api_key();
        stored = true;
        return absl::OkStatus();
      }));
  return stored;
}

absl::Status ApiKeys::Get(const Principal& caller,
                          const v1::GetApiKeyRequest& request,
                          v1::ApiKey& response) const {
  ASSIGN_OR_RETURN(ApiKeyName name, ParseApiKeyName("name", request.name()));
  RETURN_IF_ERROR(AuthorizeOrganizationAdmin(
      domain_.store, caller, name.organization, request.name()));
  ASSIGN_OR_RETURN(internal::v1::StoredApiKey stored,
                   ReadExistingApiKey(domain_.store, name, request.name()));
  response = std::move(*stored.mutable_api_key());
  return absl::OkStatus();
}

absl::Status ApiKeys::List(const Principal& caller,
                           const v1::ListApiKeysRequest& request,
                           v1::ListApiKeysResponse& response) const {
  ASSIGN_OR_RETURN(std::string organization,
                   ParseOrganizationName("parent", request.parent()));
  RETURN_IF_ERROR(AuthorizeOrganizationAdmin(domain_.store, caller,
                                             organization, request.parent()));
  const PageQuery query{
      .family = storage::ColumnFamily::kEntities,
      .prefix = storage::ApiKeyPrefix(organization),
      .request_identity = absl::StrCat("ListApiKeys|", request.parent()),
      .page_size = request.page_size(),
      .page_token = request.page_token(),
  };
  ASSIGN_OR_RETURN(
      *response.mutable_next_page_token(),
      VisitPage(
          domain_.store, query, [&](std::string_view, std::string_view value) {
            internal::v1::StoredApiKey stored;
            if (!stored.ParseFromArray(value.data(), value.size())) {
              return absl::DataLossError(
                  "a stored API key record is unreadable");
            }
            *response.add_api_keys() = std::move(*stored.mutable_api_key());
            return absl::OkStatus();
          }));
  return absl::OkStatus();
}

absl::Status ApiKeys::Revoke(const Principal& caller,
                             const v1::RevokeApiKeyRequest& request,
                             v1::ApiKey& response) const {
  ASSIGN_OR_RETURN(ApiKeyName name, ParseApiKeyName("name", request.name()));
  RETURN_IF_ERROR(AuthorizeOrganizationAdmin(
      domain_.store, caller, name.organization, request.name()));
  if (caller.api_key_name() == request.name()) {
    return PreconditionFailed(
        "a key cannot revoke itself; revoke it with another admin key");
  }
  const std::string key = storage::ApiKeyKey(name.organization, name.api_key);
  auto guard = domain_.locks.Lock(key);
  ASSIGN_OR_RETURN(internal::v1::StoredApiKey stored,
                   ReadExistingApiKey(domain_.store, name, request.name()));
  // As only a platform admin's key can grant SCOPE_PLATFORM_ADMIN, only one
  // can take it away: an organization's admin (of the organization the first
  // platform admin key belongs to) must not lock the operator out.
  if (absl::c_linear_search(stored.api_key().scopes(),
                            v1::SCOPE_PLATFORM_ADMIN) &&
      !caller.HasScope(v1::SCOPE_PLATFORM_ADMIN)) {
    return ScopeMissing(v1::SCOPE_PLATFORM_ADMIN);
  }
  if (!stored.api_key().has_revoke_time()) {
    *stored.mutable_api_key()->mutable_revoke_time() =
        ToProtoTimestamp(domain_.clock.Now());
    storage::WriteBatch batch;
    PutApiKey(batch, name.organization, name.api_key, stored);
    RETURN_IF_ERROR(domain_.store.Write(std::move(batch)));
    verifier_.Forget(stored.api_key().name());
  }
  response = std::move(*stored.mutable_api_key());
  return absl::OkStatus();
}

}  // namespace guestvoice::service
