#ifndef GUESTVOICE_SERVICE_TENANCY_API_KEYS_H_
#define GUESTVOICE_SERVICE_TENANCY_API_KEYS_H_

#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "guestvoice/v1/admin.pb.h"
#include "guestvoice/v1/admin_service.pb.h"
#include "service/core/domain_context.h"
#include "service/core/principal.h"
#include "service/tenancy/api_key_verifier.h"
#include "service/tenancy/organizations.h"
#include "storage/store.h"

namespace guestvoice::service {

// Adds `secret`'s key string to `response`, the answer of a StoreNewKey
// given secret.sha256(), when the key it names is the one that secret
// authenticates, that is when the call that drew the secret stored the key:
// a replayed request id's answer names the first call's key, whose secret
// was another, and stays without one. For the receiving node of a cluster,
// which learns the outcome of its command from the applied response.
absl::Status AttachSecretIfStored(const storage::Store& store,
                                  const ApiKeySecret& secret,
                                  v1::ApiKey& response);

// The CheckOneLine checks of the names in `request`, made where the call is
// received (the mutation's prepare), not by ApiKeys::Create, which a node of an
// earlier build applies without them (docs/cluster.md, "Record formats").
// INVALID_ARGUMENT (FIELD_INVALID) naming the field.
absl::Status CheckNamesOnOneLine(const v1::CreateApiKeyRequest& request);

// The API key operations of AdminService. An organization's keys are
// administered by its own SCOPE_ADMIN keys and by SCOPE_PLATFORM_ADMIN keys
// (for organizations that exist); to any other caller the organization does
// not exist (NOT_FOUND). Keys are stored as organizations.h writes them.
class ApiKeys {
 public:
  // Revoke tells `verifier` to forget the revoked key at once.
  ApiKeys(const DomainContext& domain, ApiKeyVerifier& verifier)
      : domain_(domain), verifier_(verifier) {}

  // Mints a key under request.parent, both halves as the embedded mode runs
  // them: draws the secret (ApiKeySecret::Draw), then stores the key
  // (StoreNewKey). The response carries the secret in key_string, shown this
  // once: a retry with the same request_id returns the key without it.
  absl::Status Create(const Principal& caller,
                      const v1::CreateApiKeyRequest& request,
                      v1::ApiKey& response) const;
  // The domain write of Create, which is given only the SHA-256 of the
  // secret drawn where the call was received (what a command carries, so the
  // log never holds the secret). Only a SCOPE_PLATFORM_ADMIN caller may
  // grant SCOPE_PLATFORM_ADMIN. The response never has key_string. True
  // when this call stored the key; false when request_id was used before and
  // the response is the first call's, whose secret was another.
  absl::StatusOr<bool> StoreNewKey(const Principal& caller,
                                   const v1::CreateApiKeyRequest& request,
                                   std::string_view secret_sha256,
                                   v1::ApiKey& response) const;
  absl::Status Get(const Principal& caller, const v1::GetApiKeyRequest& request,
                   v1::ApiKey& response) const;
  absl::Status List(const Principal& caller,
                    const v1::ListApiKeysRequest& request,
                    v1::ListApiKeysResponse& response) const;
  // Stamps the key's revoke_time, once: revoking it again changes nothing.
  // From the moment the revocation is durable the key authenticates nothing.
  // FAILED_PRECONDITION for the caller's own key, which another admin key
  // has to revoke.
  absl::Status Revoke(const Principal& caller,
                      const v1::RevokeApiKeyRequest& request,
                      v1::ApiKey& response) const;

 private:
  DomainContext domain_;
  ApiKeyVerifier& verifier_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_TENANCY_API_KEYS_H_
