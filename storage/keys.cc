#include "storage/keys.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "storage/key_codec.h"

namespace guestvoice::storage {
namespace {

// Global indexes use the empty scope; see the keyspace in key_codec.h.
constexpr std::string_view kGlobalScope = "";

KeyBuilder Scoped(std::string_view scope, KeyKind kind) {
  KeyBuilder builder;
  builder.AppendString(scope).AppendKind(kind);
  return builder;
}

}  // namespace

std::string SchemaStampKey() { return "schema"; }

std::string OrganizationKey(std::string_view org_id) {
  return Scoped(org_id, KeyKind::kOrganization).Release();
}

std::string OrganizationIndexKey(std::string_view org_id) {
  return Scoped(kGlobalScope, KeyKind::kOrganizationIndex)
      .AppendString(org_id)
      .Release();
}

std::string OrganizationIndexPrefix() {
  return Scoped(kGlobalScope, KeyKind::kOrganizationIndex).Release();
}

absl::StatusOr<std::string_view> OrganizationIdFromIndexKey(
    std::string_view key) {
  const std::string prefix = OrganizationIndexPrefix();
  if (key.substr(0, prefix.size()) != prefix) {
    return absl::DataLossError("not an organization index key");
  }
  KeyReader reader(key.substr(prefix.size()));
  absl::StatusOr<std::string_view> org_id = reader.ReadString();
  if (org_id.ok() && !reader.done()) {
    return absl::DataLossError(absl::StrCat("organization index key has ",
                                            reader.remaining().size(),
                                            " trailing bytes"));
  }
  return org_id;
}

std::string HotelKey(std::string_view org_id, std::string_view hotel_id) {
  return Scoped(org_id, KeyKind::kHotel).AppendString(hotel_id).Release();
}

std::string HotelPrefix(std::string_view org_id) {
  return Scoped(org_id, KeyKind::kHotel).Release();
}

std::string ApiKeyKey(std::string_view org_id, std::string_view key_id) {
  return Scoped(org_id, KeyKind::kApiKey).AppendString(key_id).Release();
}

std::string ApiKeyPrefix(std::string_view org_id) {
  return Scoped(org_id, KeyKind::kApiKey).Release();
}

std::string ApiKeyHashIndexKey(std::string_view sha256_digest) {
  return Scoped(kGlobalScope, KeyKind::kApiKeyHashIndex)
      .AppendString(sha256_digest)
      .Release();
}

std::string RequestIdKey(std::string_view org_id, std::string_view method,
                         std::string_view request_id) {
  return Scoped(org_id, KeyKind::kRequest)
      .AppendString(method)
      .AppendString(request_id)
      .Release();
}

}  // namespace guestvoice::storage
