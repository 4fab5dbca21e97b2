#include "service/loyalty/identity_respelling.h"

#include <string>
#include <utility>
#include <vector>

#include "common/status_macros.h"
#include "guestvoice/v1/loyalty.pb.h"
#include "service/core/handle_spelling.h"
#include "service/loyalty/identities.h"
#include "service/loyalty/records.h"
#include "service/tenancy/organization_ids.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

constexpr auto kFamily = storage::ColumnFamily::kIndexes;

// A handle identity whose index key schema 8 spells otherwise.
struct MisspelledIdentity {
  std::string key;
  std::string guest_id;
  v1::Identity identity;  // as indexed
  std::string respelled;
};

absl::StatusOr<std::vector<MisspelledIdentity>> MisspelledIdentities(
    const storage::Store& store, std::string_view organization) {
  std::vector<MisspelledIdentity> misspelled;
  RETURN_IF_ERROR(store.Scan(
      kFamily,
      storage::IdentityIndexPrefix(organization, v1::IDENTITY_KIND_HANDLE), "",
      0,
      [&](std::string_view key,
          std::string_view value) -> absl::StatusOr<storage::ScanStep> {
        ASSIGN_OR_RETURN(storage::IdentityIndexKeyParts parts,
                         storage::ParseIdentityIndexKey(key));
        std::string respelled =
            HandleSpelling(parts.value, LeadingAt::kDropped);
        // One spelled as nothing is refused now; such an identity stays as
        // it was, as its author does (author_respelling.h).
        if (respelled == parts.value || respelled.empty()) {
          return storage::ScanStep::kContinue;
        }
        MisspelledIdentity identity{
            std::string(key), std::string(value), {}, std::move(respelled)};
        identity.identity.set_kind(v1::IDENTITY_KIND_HANDLE);
        identity.identity.set_source(static_cast<v1::Source>(parts.source));
        identity.identity.set_value(std::string(parts.value));
        misspelled.push_back(std::move(identity));
        return storage::ScanStep::kContinue;
      }));
  return misspelled;
}

// The guest's identities with `old` spelled `respelled`, or without it
// where `keep_old` is false or the guest has that spelling already.
void RespellOnGuest(v1::Guest& guest, const v1::Identity& old,
                    const v1::Identity& respelled, bool keep_old) {
  auto& identities = *guest.mutable_identities();
  const bool has_respelled = std::any_of(
      identities.begin(), identities.end(), [&](const v1::Identity& identity) {
        return SameIdentity(identity, respelled);
      });
  for (int i = 0; i < identities.size(); ++i) {
    if (!SameIdentity(identities[i], old)) continue;
    if (has_respelled || !keep_old) {
      identities.erase(identities.begin() + i);
    } else {
      identities[i].set_value(respelled.value());
    }
    return;
  }
}

absl::Status RespellIdentitiesOf(storage::Store& store,
                                 std::string_view organization,
                                 IdentityRespelling& respelling) {
  ASSIGN_OR_RETURN(std::vector<MisspelledIdentity> misspelled,
                   MisspelledIdentities(store, organization));
  for (const MisspelledIdentity& entry : misspelled) {
    v1::Identity respelled = entry.identity;
    respelled.set_value(entry.respelled);
    const std::string respelled_key =
        IdentityIndexKeyOf(organization, respelled);
    ASSIGN_OR_RETURN(std::optional<std::string> owner,
                     store.Get(kFamily, respelled_key));
    storage::WriteBatch batch;
    batch.Delete(kFamily, entry.key);
    const bool another_guests = owner.has_value() && *owner != entry.guest_id;
    if (another_guests) {
      // The handle is one identity now, and one guest holds it: the one
      // holding it first (in key order), as its author is the one the
      // others merged into (author_respelling.h).
      ++respelling.to_another_guest;
    } else if (owner.has_value()) {
      ++respelling.merged;
    } else {
      batch.Put(kFamily, respelled_key, entry.guest_id);
      ++respelling.respelled;
    }
    ASSIGN_OR_RETURN(std::optional<internal::v1::StoredGuest> guest,
                     ReadGuest(store, organization, entry.guest_id));
    if (guest.has_value()) {
      RespellOnGuest(*guest->mutable_guest(), entry.identity, respelled,
                     /*keep_old=*/!another_guests);
      PutGuest(batch, organization, entry.guest_id, *guest);
    }
    RETURN_IF_ERROR(store.Write(std::move(batch)));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<IdentityRespelling> RespellHandleIdentities(
    storage::Store& store) {
  IdentityRespelling respelling;
  ASSIGN_OR_RETURN(std::vector<std::string> organizations,
                   ListOrganizationIds(store));
  for (const std::string& organization : organizations) {
    RETURN_IF_ERROR(RespellIdentitiesOf(store, organization, respelling));
  }
  return respelling;
}

}  // namespace guestvoice::service
