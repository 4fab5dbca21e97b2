#ifndef GUESTVOICE_SERVICE_TENANCY_ORGANIZATIONS_H_
#define GUESTVOICE_SERVICE_TENANCY_ORGANIZATIONS_H_

// Organizations and their API keys as they are stored, read and written only
// here so that the Organizations and ApiKeys (api_keys.h) operations, the
// first-start bootstrap and the authenticator all store them alike; and
// Organizations, AdminService's organization operations.

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "guestvoice/v1/admin.pb.h"
#include "guestvoice/v1/admin_service.pb.h"
#include "service/core/domain_context.h"
#include "service/core/id_source.h"
#include "service/core/principal.h"
#include "storage/store.h"

namespace guestvoice::service {

// The organization with id `organization`, or nullopt.
absl::StatusOr<std::optional<v1::Organization>> ReadOrganization(
    const storage::Store& store, std::string_view organization);

// Administering `organization` (its API keys, its operations) is open to the
// organization's own SCOPE_ADMIN keys and to SCOPE_PLATFORM_ADMIN keys; to
// anyone else the organization, and `resource_name` in it, does not exist
// (NOT_FOUND naming `resource_name`).
absl::Status AuthorizeOrganizationAdmin(const storage::Store& store,
                                        const Principal& caller,
                                        std::string_view organization,
                                        std::string_view resource_name);

// Adds an organization's record and its listing entry to `batch`.
void PutOrganization(storage::WriteBatch& batch, std::string_view organization,
                     const v1::Organization& record);

// A new API key's secret and its SHA-256. Drawn where the call is received,
// from the system's CSPRNG (SystemIdSource), never from DomainContext::ids:
// in a cluster those ids come from a seed carried in the command log, and a
// secret drawn from it would be readable by whoever reads the log. Only the
// hash goes on to the domain write (and into a command); the secret goes
// back to the caller once.
class ApiKeySecret {
 public:
  static ApiKeySecret Draw();

  // "gv_" and 43 web-safe base64 characters (32 random bytes).
  const std::string& key_string() const { return key_string_; }
  // SHA-256 of key_string, 32 raw bytes: all that is stored.
  const std::string& sha256() const { return sha256_; }

 private:
  explicit ApiKeySecret(std::string key_string);

  std::string key_string_;
  std::string sha256_;
};

// The record of a new API key for `organization` with the request's display
// name, scopes and expiry, created at `now`, its id drawn from `ids`, and
// authenticated by the secret whose SHA-256 is `secret_sha256`: the domain
// write's half of minting, which never sees the secret itself.
internal::v1::StoredApiKey MintApiKey(std::string_view organization,
                                      const v1::ApiKey& request, absl::Time now,
                                      IdSource& ids,
                                      std::string_view secret_sha256);

// Adds (or replaces) an API key's record and its hash index entry.
void PutApiKey(storage::WriteBatch& batch, std::string_view organization,
               std::string_view key_id,
               const internal::v1::StoredApiKey& stored);

// The stored API key, or nullopt.
absl::StatusOr<std::optional<internal::v1::StoredApiKey>> ReadApiKey(
    const storage::Store& store, std::string_view organization,
    std::string_view key_id);

// A stored, unrevoked API key as the caller it stands for (and until when:
// Principal::key_expire_time).
struct ApiKeyHolder {
  Principal principal;
};

// The holder of API key `key` (the secret itself, as sent), looked up by its
// SHA-256, since keys themselves are never stored; its expiry is not checked.
// UNAUTHENTICATED (API_KEY_INVALID) for an unknown or revoked key.
absl::StatusOr<ApiKeyHolder> LookupApiKeyHolder(const storage::Store& store,
                                                std::string_view key);

// UNAUTHENTICATED (API_KEY_EXPIRED) once `holder`'s key expired at `now`.
absl::Status CheckApiKeyExpiry(const ApiKeyHolder& holder, absl::Time now);

// The CheckOneLine checks of the names in `request`, made where the call is
// received (the mutation's prepare), not by Organizations::Create, which a node
// of an earlier build applies without them (docs/cluster.md, "Record formats").
// INVALID_ARGUMENT (FIELD_INVALID) naming the field.
absl::Status CheckNamesOnOneLine(const v1::CreateOrganizationRequest& request);

// The id of the organization `request` creates, decided where the call is
// received, before anything is stored, so that a cluster puts the command in
// the new organization's own partition, beside every later command of the
// organization (docs/cluster.md, "How a command is applied"): the id the
// request names; one derived from the caller's organization and the request
// id, so that a retry goes where the first attempt went and is answered from
// its record there; or, without a request id, one drawn from `ids`.
std::string NewOrganizationId(const Principal& caller,
                              const v1::CreateOrganizationRequest& request,
                              IdSource& ids);

// The organization operations of AdminService. Creating and listing
// organizations takes SCOPE_PLATFORM_ADMIN, which is checked before these
// run.
class Organizations {
 public:
  explicit Organizations(const DomainContext& domain) : domain_(domain) {}

  // Stores a new organization with NewOrganizationId's id; a retry with the
  // same request_id returns the first result. The request id is remembered
  // in the organization created, so that a cluster keeps it in that
  // organization's partition, where the retry's command goes too.
  absl::Status Create(const Principal& caller,
                      const v1::CreateOrganizationRequest& request,
                      v1::Organization& response) const;
  // As Create, with the id `organization` decided where the call was
  // received (a cluster's command carries it), and the request id remembered
  // in organization `request_id_scope`: `organization`, or the caller's as
  // builds before command format 3 did.
  absl::Status CreateWithId(const Principal& caller,
                            const v1::CreateOrganizationRequest& request,
                            std::string_view organization,
                            std::string_view request_id_scope,
                            v1::Organization& response) const;
  // Open to the organization's own keys and to SCOPE_PLATFORM_ADMIN keys; to
  // any other caller the organization does not exist.
  absl::Status Get(const Principal& caller,
                   const v1::GetOrganizationRequest& request,
                   v1::Organization& response) const;
  // Every organization, in id order.
  absl::Status List(const Principal& caller,
                    const v1::ListOrganizationsRequest& request,
                    v1::ListOrganizationsResponse& response) const;

 private:
  DomainContext domain_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_TENANCY_ORGANIZATIONS_H_
