#ifndef GUESTVOICE_STORAGE_KEYS_H_
#define GUESTVOICE_STORAGE_KEYS_H_

// The only way keys are made: one small function per record kind, laid out as
// drawn in storage/key_codec.h. Ids are taken as given; the service validates
// them (non-empty, bounded) before they reach here. Each comment names the
// column family the key belongs to.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace guestvoice::storage {

// default: the schema stamp (storage/schema_stamp.h).
std::string SchemaStampKey();

// entities: an organization's own record.
std::string OrganizationKey(std::string_view org_id);
// indexes: one entry per organization, so organizations can be listed.
std::string OrganizationIndexKey(std::string_view org_id);
// indexes: the prefix of every OrganizationIndexKey.
std::string OrganizationIndexPrefix();
// Recovers the organization id from an OrganizationIndexKey.
absl::StatusOr<std::string_view> OrganizationIdFromIndexKey(
    std::string_view key);

// entities: a hotel, and the prefix of all hotels of one organization.
std::string HotelKey(std::string_view org_id, std::string_view hotel_id);
std::string HotelPrefix(std::string_view org_id);

// entities: an API key record, and the prefix of one organization's keys.
std::string ApiKeyKey(std::string_view org_id, std::string_view key_id);
std::string ApiKeyPrefix(std::string_view org_id);
// indexes: global (not org-scoped) entry from the SHA-256 digest of an API
// key's secret to its owner; the only way to find the organization of a
// request before it is authenticated.
std::string ApiKeyHashIndexKey(std::string_view sha256_digest);

// requests: the idempotency record of one request_id of one method.
std::string RequestIdKey(std::string_view org_id, std::string_view method,
                         std::string_view request_id);

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_KEYS_H_
