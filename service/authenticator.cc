#include "service/authenticator.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "service/crypto.h"
#include "service/errors.h"
#include "service/proto_time.h"
#include "service/resource_names.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

constexpr std::string_view kBearerPrefix = "bearer ";

uint32_t ScopeBit(v1::Scope scope) { return uint32_t{1} << scope; }

}  // namespace

Principal::Principal(std::string organization, std::string api_key_name,
                     const google::protobuf::RepeatedField<int>& scopes)
    : organization_(std::move(organization)),
      api_key_name_(std::move(api_key_name)) {
  for (int scope : scopes) {
    if (v1::Scope_IsValid(scope)) {
      scope_bits_ |= ScopeBit(static_cast<v1::Scope>(scope));
    }
  }
}

bool Principal::HasScope(v1::Scope scope) const {
  return (scope_bits_ & ScopeBit(scope)) != 0;
}

absl::Status Principal::RequireScope(v1::Scope scope) const {
  return HasScope(scope) ? absl::OkStatus() : ScopeMissing(scope);
}

absl::Status Principal::RequireTenant(std::string_view organization,
                                      std::string_view resource_name) const {
  return organization == organization_ ? absl::OkStatus()
                                       : ResourceNotFound(resource_name);
}

absl::StatusOr<Principal> Authenticator::Authenticate(
    const grpc::ServerContextBase& context) const {
  const auto& metadata = context.client_metadata();
  const auto found = metadata.find("authorization");
  if (found == metadata.end()) {
    return Unauthenticated(v1::ERROR_REASON_API_KEY_MISSING,
                           "send the API key as `authorization: Bearer <key>` "
                           "metadata");
  }
  const std::string_view value(found->second.data(), found->second.size());
  if (value.size() <= kBearerPrefix.size() ||
      !absl::StartsWithIgnoreCase(AbslView(value), AbslView(kBearerPrefix))) {
    return Unauthenticated(v1::ERROR_REASON_API_KEY_MISSING,
                           "the authorization metadata must be `Bearer <key>`");
  }
  const absl::string_view key =
      absl::StripAsciiWhitespace(AbslView(value.substr(kBearerPrefix.size())));
  return AuthenticateKey(std::string_view(key.data(), key.size()));
}

absl::StatusOr<Principal> Authenticator::AuthenticateKey(
    std::string_view key) const {
  ASSIGN_OR_RETURN(std::optional<std::string> record,
                   store_.Get(storage::ColumnFamily::kIndexes,
                              storage::ApiKeyHashIndexKey(Sha256(key))));
  internal::v1::StoredApiKey stored;
  if (!record.has_value() || !stored.ParseFromString(*record) ||
      stored.api_key().has_revoke_time()) {
    return Unauthenticated(v1::ERROR_REASON_API_KEY_INVALID,
                           "the API key is unknown or revoked");
  }
  const v1::ApiKey& api_key = stored.api_key();
  if (api_key.has_expire_time() &&
      FromProtoTimestamp(api_key.expire_time()) <= clock_.Now()) {
    return Unauthenticated(v1::ERROR_REASON_API_KEY_EXPIRED,
                           "the API key has expired");
  }
  auto name = ParseApiKeyName("api_key.name", api_key.name());
  if (!name.ok()) {
    return absl::DataLossError("a stored API key has a malformed name");
  }
  return Principal(name->organization, api_key.name(), api_key.scopes());
}

}  // namespace guestvoice::service
