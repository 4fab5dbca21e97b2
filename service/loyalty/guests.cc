#include "service/loyalty/guests.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "service/core/errors.h"
#include "service/core/field_checks.h"
#include "service/core/pagination.h"
#include "service/core/proto_date.h"
#include "service/core/proto_time.h"
#include "service/core/request_log.h"
#include "service/core/resource_names.h"
#include "service/feedback/voices.h"
#include "service/loyalty/guest_export.h"
#include "service/loyalty/identities.h"
#include "service/loyalty/program.h"
#include "service/loyalty/records.h"
#include "service/loyalty/stays.h"
#include "service/tenancy/hotels.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

using internal::v1::StoredGuest;
using storage::ColumnFamily;

constexpr size_t kMaxDisplayNameChars = 200;
constexpr int kMaxIdentitiesPerRequest = 50;
// The method request records of creates are kept under (request_log.h).
constexpr std::string_view kCreateMethod = "CreateGuest";

// ALREADY_EXISTS: the identity in `field` belongs to another guest.
absl::Status IdentityTaken(std::string_view field,
                           std::string_view owner_name) {
  return WithErrorInfo(
      absl::AlreadyExistsError(absl::StrCat(
          AbslView(field), ": the identity belongs to ", AbslView(owner_name))),
      v1::ERROR_REASON_RESOURCE_ALREADY_EXISTS,
      {{"resource", std::string(owner_name)}, {"field", std::string(field)}});
}

// Points the feedback of every author among `identities` at `guest_id` (""
// = back to the authors' own voices).
absl::Status AttributeAuthors(
    const storage::Store& store, IdSource& ids, std::string_view organization,
    const google::protobuf::RepeatedPtrField<v1::Identity>& identities,
    std::string_view guest_id, storage::WriteBatch& batch) {
  for (const v1::Identity& identity : identities) {
    if (std::optional<AuthorRef> author = AuthorOfIdentity(identity)) {
      RETURN_IF_ERROR(
          AttributeAuthor(store, ids, organization, *author, guest_id, batch));
    }
  }
  return absl::OkStatus();
}

// Moves every stay, check-in and ledger entry of `from` to `to`, with the
// indexes pointing at them.
absl::Status MoveActivity(const storage::Store& store,
                          std::string_view organization, std::string_view from,
                          std::string_view to, storage::WriteBatch& batch) {
  ASSIGN_OR_RETURN(auto stays, ReadStays(store, organization, from));
  std::set<std::string> hotels;
  for (auto& [key, stay] : stays) {
    const std::string stay_id(LastNameSegment(stay.name()));
    const int64_t arrival_day = DayNumber(*FromProtoDate(stay.arrival_date()));
    batch.Delete(ColumnFamily::kEntities, key);
    stay.set_name(FormatStayName(organization, to, stay_id));
    batch.Put(ColumnFamily::kEntities,
              storage::StayKey(organization, to, arrival_day, stay_id),
              stay.SerializeAsString());
    internal::v1::StayLocator locator;
    locator.set_guest_id(std::string(to));
    locator.set_stay_id(stay_id);
    locator.set_arrival_day(arrival_day);
    batch.Put(
        ColumnFamily::kIndexes,
        storage::StayBookingIndexKey(organization, stay.booking_reference()),
        locator.SerializeAsString());
    ASSIGN_OR_RETURN(HotelName hotel, ParseHotelName("hotel", stay.hotel()));
    if (hotels.insert(hotel.hotel).second) {
      batch.Delete(
          ColumnFamily::kIndexes,
          storage::HotelGuestIndexKey(organization, hotel.hotel, from));
    }
    if (!stay.cancelled()) {
      batch.Put(ColumnFamily::kIndexes,
                storage::HotelGuestIndexKey(organization, hotel.hotel, to), "");
    }
  }
  ASSIGN_OR_RETURN(auto check_ins, ReadCheckIns(store, organization, from));
  for (auto& [key, check_in] : check_ins) {
    const std::string check_in_id(LastNameSegment(check_in.name()));
    ASSIGN_OR_RETURN(storage::CheckInKeyParts parts,
                     storage::ParseCheckInKey(key));
    const int64_t local_day = parts.local_day;
    batch.Delete(ColumnFamily::kEntities, key);
    check_in.set_name(FormatCheckInName(organization, to, check_in_id));
    batch.Put(ColumnFamily::kEntities,
              storage::CheckInKey(organization, to, local_day, check_in_id),
              check_in.SerializeAsString());
    internal::v1::CheckInLocator locator;
    locator.set_guest_id(std::string(to));
    locator.set_check_in_id(check_in_id);
    locator.set_local_day(local_day);
    batch.Put(ColumnFamily::kIndexes,
              storage::CheckInSourceIndexKey(
                  organization, static_cast<uint32_t>(check_in.source()),
                  check_in.external_id()),
              locator.SerializeAsString());
  }
  ASSIGN_OR_RETURN(std::vector<LedgerEntry> ledger,
                   ReadLedger(store, organization, from, std::nullopt));
  for (const LedgerEntry& entry : ledger) {
    DeleteLedgerEntry(batch, organization, from, entry);
    PutLedgerEntry(batch, organization, to, entry);
  }
  return absl::OkStatus();
}

// Deletes every stay, check-in and ledger entry of a guest, with their index
// entries.
absl::Status DeleteActivity(const storage::Store& store,
                            std::string_view organization,
                            std::string_view guest_id,
                            storage::WriteBatch& batch) {
  ASSIGN_OR_RETURN(auto stays, ReadStays(store, organization, guest_id));
  for (const auto& [key, stay] : stays) {
    batch.Delete(ColumnFamily::kEntities, key);
    batch.Delete(
        ColumnFamily::kIndexes,
        storage::StayBookingIndexKey(organization, stay.booking_reference()));
    ASSIGN_OR_RETURN(HotelName hotel, ParseHotelName("hotel", stay.hotel()));
    batch.Delete(
        ColumnFamily::kIndexes,
        storage::HotelGuestIndexKey(organization, hotel.hotel, guest_id));
  }
  ASSIGN_OR_RETURN(auto check_ins, ReadCheckIns(store, organization, guest_id));
  for (const auto& [key, check_in] : check_ins) {
    batch.Delete(ColumnFamily::kEntities, key);
    batch.Delete(ColumnFamily::kIndexes,
                 storage::CheckInSourceIndexKey(
                     organization, static_cast<uint32_t>(check_in.source()),
                     check_in.external_id()));
  }
  ASSIGN_OR_RETURN(std::vector<LedgerEntry> ledger,
                   ReadLedger(store, organization, guest_id, std::nullopt));
  for (const LedgerEntry& entry : ledger) {
    DeleteLedgerEntry(batch, organization, guest_id, entry);
  }
  return absl::OkStatus();
}

// The request ids of the creates that made `guest` and the guests merged
// into it.
std::vector<std::string> CreateRequestIds(const StoredGuest& guest) {
  std::vector<std::string> ids(guest.merged_create_request_ids().begin(),
                               guest.merged_create_request_ids().end());
  if (!guest.create_request_id().empty()) {
    ids.push_back(guest.create_request_id());
  }
  return ids;
}

// Deletes the request records of the creates that made `guest` and the
// guests merged into it: they hold personal data, which must not outlive an
// erasure.
void DeleteCreateRequests(storage::WriteBatch& batch,
                          std::string_view organization,
                          const StoredGuest& guest) {
  for (const std::string& request_id : CreateRequestIds(guest)) {
    batch.Delete(
        ColumnFamily::kRequests,
        storage::RequestIdKey(organization, kCreateMethod, request_id));
  }
}

// The country of national phone numbers in a request: the region_code of the
// hotel it names in `field`, or "" when it names none. Read before the
// identities are normalised, since their normal form depends on it.
absl::StatusOr<std::string> PhoneRegionOf(const storage::Store& store,
                                          const Principal& caller,
                                          std::string_view field,
                                          std::string_view hotel_name) {
  if (hotel_name.empty()) return std::string();
  ASSIGN_OR_RETURN(HotelName hotel, ParseHotelName(field, hotel_name));
  RETURN_IF_ERROR(caller.RequireTenant(hotel.organization, hotel_name));
  ASSIGN_OR_RETURN(v1::Hotel record, ReadHotel(store, hotel, hotel_name));
  return std::move(*record.mutable_region_code());
}

// What LinkIdentity and UnlinkIdentity share: the request's guest and
// identity parsed and normalised (national phone numbers in the country of
// the request's hotel), the caller's tenancy checked, the
// organization's lock and the stripes of the guest and the
// identity entry held, and the guest read. The guards hold until it dies.
struct IdentityChange {
  GuestName name;
  v1::Identity identity;
  std::string identity_key;
  StripedLock::Guard attribution;
  StripedLock::Guard guard;
  StoredGuest stored;
};

absl::StatusOr<IdentityChange> BeginIdentityChange(
    const DomainContext& deps, const Principal& caller,
    std::string_view guest_name, const v1::Identity& requested,
    std::string_view hotel) {
  ASSIGN_OR_RETURN(const std::string phone_region,
                   PhoneRegionOf(deps.store, caller, "hotel", hotel));
  FieldViolations violations;
  auto name = ParseGuestName("guest", guest_name);
  violations.AddAll(name.status());
  std::optional<v1::Identity> identity =
      NormalizeIdentity(violations, "identity", requested, phone_region);
  RETURN_IF_ERROR(violations.ToStatus());
  RETURN_IF_ERROR(caller.RequireTenant(name->organization, guest_name));

  std::string identity_key = IdentityIndexKeyOf(name->organization, *identity);
  StripedLock::Guard attribution =
      deps.organization_locks.Lock(name->organization);
  StripedLock::Guard guard = deps.locks.Lock(
      storage::GuestKey(name->organization, name->guest), identity_key);
  ASSIGN_OR_RETURN(StoredGuest stored,
                   ReadExistingGuest(deps.store, name->organization,
                                     name->guest, guest_name));
  return IdentityChange{*std::move(name),        *std::move(identity),
                        std::move(identity_key), std::move(attribution),
                        std::move(guard),        std::move(stored)};
}

}  // namespace

absl::Status CheckCreateGuestOnReceipt(const v1::CreateGuestRequest& request) {
  FieldViolations violations;
  CheckOneLine(violations, "guest.display_name",
               request.guest().display_name());
  RETURN_IF_ERROR(violations.ToStatus());
  return request.has_stay() ? CheckStaySpendOnReceipt(request.stay())
                            : absl::OkStatus();
}

absl::Status Guests::Create(const Principal& caller,
                            const v1::CreateGuestRequest& request,
                            v1::Guest& response) const {
  ASSIGN_OR_RETURN(
      const std::string phone_region,
      PhoneRegionOf(deps_.store, caller, "hotel", request.hotel()));
  FieldViolations violations;
  auto organization = ParseOrganizationName("parent", request.parent());
  violations.AddAll(organization.status());
  // The guest is required even though all its fields are optional: a
  // request without one is a caller's mistake, not an anonymous guest.
  if (!request.has_guest()) {
    violations.Add("guest", "required (it may be empty: {})");
  }
  CheckDisplayText(violations, "guest.display_name",
                   request.guest().display_name(), kMaxDisplayNameChars,
                   /*required=*/false);
  CheckRequestId(violations, "request_id", request.request_id());
  std::optional<HotelName> stay_hotel;
  if (request.has_stay()) {
    CheckStayToRecord(violations, request.stay(), UtcDay(deps_.clock.Now()));
    auto parsed = ParseHotelName("stay.hotel", request.stay().hotel());
    violations.AddAll(parsed.status());
    if (parsed.ok()) stay_hotel = *std::move(parsed);
  }
  // Too many identities are refused before any is read: each is compared
  // with those before it.
  if (request.identities_size() > kMaxIdentitiesPerRequest) {
    violations.Add("identities",
                   absl::StrCat("at most ", kMaxIdentitiesPerRequest));
    return violations.ToStatus();
  }
  std::vector<v1::Identity> identities;
  for (int i = 0; i < request.identities_size(); ++i) {
    std::optional<v1::Identity> normal =
        NormalizeIdentity(violations, absl::StrCat("identities[", i, "]"),
                          request.identities(i), phone_region);
    if (!normal.has_value()) continue;
    bool repeated = false;
    for (const v1::Identity& seen : identities) {
      repeated = repeated || SameIdentity(seen, *normal);
    }
    if (!repeated) identities.push_back(*std::move(normal));
  }
  RETURN_IF_ERROR(violations.ToStatus());
  RETURN_IF_ERROR(caller.RequireTenant(*organization, request.parent()));
  if (stay_hotel.has_value()) {
    RETURN_IF_ERROR(
        caller.RequireTenant(stay_hotel->organization, request.stay().hotel()));
  }

  const std::string guest_id = deps_.ids.NewResourceId();
  const std::string guest_key = storage::GuestKey(*organization, guest_id);
  std::vector<std::string> identity_keys;
  for (const v1::Identity& identity : identities) {
    identity_keys.push_back(IdentityIndexKeyOf(*organization, identity));
  }
  // The keys the create claims: its identities' index entries and its
  // stay's booking.
  std::vector<std::string> claimed_keys = identity_keys;
  if (request.has_stay()) {
    claimed_keys.push_back(storage::StayBookingIndexKey(
        *organization, request.stay().booking_reference()));
  }
  // Only a guest with author identities changes whose feedback is whose; a
  // stay is written under the organization's lock as ingest reads it
  // (domain_context.h), as RecordStay writes one.
  std::optional<StripedLock::Guard> organization_guard;
  if (std::any_of(identities.begin(), identities.end(),
                  [](const v1::Identity& identity) {
                    return AuthorOfIdentity(identity).has_value();
                  })) {
    organization_guard.emplace(deps_.organization_locks.Lock(*organization));
  } else if (request.has_stay()) {
    organization_guard.emplace(
        deps_.organization_locks.LockShared(*organization));
  }
  return CreateOnce(
      deps_,
      {.organization = *organization,
       .method = kCreateMethod,
       .request = request,
       .resource_key = guest_key,
       .claimed_keys = claimed_keys},
      response, [&](storage::WriteBatch& batch) -> absl::Status {
        if (stay_hotel.has_value()) {
          RETURN_IF_ERROR(
              ReadHotel(deps_.store, *stay_hotel, request.stay().hotel())
                  .status());
        }
        for (size_t i = 0; i < identities.size(); ++i) {
          ASSIGN_OR_RETURN(
              std::optional<std::string> owner,
              LookupIdentityOwner(deps_.store, *organization, identities[i]));
          if (owner.has_value()) {
            return IdentityTaken(absl::StrCat("identities[", i, "]"),
                                 FormatGuestName(*organization, *owner));
          }
        }

        const absl::Time now = deps_.clock.Now();
        StoredGuest stored;
        v1::Guest& guest = *stored.mutable_guest();
        guest.set_name(FormatGuestName(*organization, guest_id));
        guest.set_display_name(request.guest().display_name());
        for (const v1::Identity& identity : identities) {
          *guest.add_identities() = identity;
        }
        *guest.mutable_create_time() = ToProtoTimestamp(now);
        *guest.mutable_update_time() = ToProtoTimestamp(now);
        stored.set_create_request_id(request.request_id());

        if (stay_hotel.has_value()) {
          RETURN_IF_ERROR(CheckBookingUnrecorded(
              deps_.store, *organization, request.stay().booking_reference()));
          AddNewStay(batch, deps_, *organization, guest_id, stay_hotel->hotel,
                     request.stay());
        }
        PutGuest(batch, *organization, guest_id, stored);
        for (const std::string& identity_key : identity_keys) {
          batch.Put(ColumnFamily::kIndexes, identity_key, guest_id);
        }
        RETURN_IF_ERROR(AttributeAuthors(deps_.store, deps_.ids, *organization,
                                         guest.identities(), guest_id, batch));
        response = guest;
        return absl::OkStatus();
      });
}

absl::Status Guests::Get(const Principal& caller,
                         const v1::GetGuestRequest& request,
                         v1::Guest& response) const {
  ASSIGN_OR_RETURN(GuestName name, ParseGuestName("name", request.name()));
  RETURN_IF_ERROR(caller.RequireTenant(name.organization, request.name()));
  ASSIGN_OR_RETURN(StoredGuest guest,
                   ReadExistingGuest(deps_.store, name.organization, name.guest,
                                     request.name()));
  response = std::move(*guest.mutable_guest());
  return absl::OkStatus();
}

absl::Status Guests::Lookup(const Principal& caller,
                            const v1::LookupGuestRequest& request,
                            v1::Guest& response) const {
  ASSIGN_OR_RETURN(
      const std::string phone_region,
      PhoneRegionOf(deps_.store, caller, "hotel", request.hotel()));
  FieldViolations violations;
  auto organization = ParseOrganizationName("parent", request.parent());
  violations.AddAll(organization.status());
  std::optional<v1::Identity> identity = NormalizeIdentity(
      violations, "identity", request.identity(), phone_region);
  RETURN_IF_ERROR(violations.ToStatus());
  RETURN_IF_ERROR(caller.RequireTenant(*organization, request.parent()));
  ASSIGN_OR_RETURN(std::optional<std::string> owner,
                   LookupIdentityOwner(deps_.store, *organization, *identity));
  // Built only for a miss: a found guest costs no allocation here. The
  // identity is personal data, and errors are logged, so it is not named.
  auto not_found = [&] {
    return ResourceNotFound(
        absl::StrCat(request.parent(), "/guests"),
        absl::StrCat("no guest of ", request.parent(), " has this identity"));
  };
  if (!owner.has_value()) return not_found();
  ASSIGN_OR_RETURN(std::optional<StoredGuest> guest,
                   ReadGuest(deps_.store, *organization, *owner));
  if (!guest.has_value()) return not_found();
  response = std::move(*guest->mutable_guest());
  return absl::OkStatus();
}

absl::Status Guests::List(const Principal& caller,
                          const v1::ListGuestsRequest& request,
                          v1::ListGuestsResponse& response) const {
  FieldViolations violations;
  auto organization = ParseOrganizationName("parent", request.parent());
  violations.AddAll(organization.status());
  CheckOptionalResourceId(violations, "tier", request.tier());
  std::optional<HotelName> hotel;
  if (!request.hotel().empty()) {
    auto parsed = ParseHotelName("hotel", request.hotel());
    violations.AddAll(parsed.status());
    if (parsed.ok()) hotel = *std::move(parsed);
  }
  RETURN_IF_ERROR(violations.ToStatus());
  RETURN_IF_ERROR(caller.RequireTenant(*organization, request.parent()));
  if (hotel.has_value()) {
    RETURN_IF_ERROR(caller.RequireTenant(hotel->organization, request.hotel()));
  }

  std::optional<v1::LoyaltyProgram> program;
  if (!request.tier().empty()) {
    ASSIGN_OR_RETURN(program, ReadLoyaltyProgram(deps_.store, *organization));
    RETURN_IF_ERROR(RequireTier(*program, "tier", request.tier()));
  }
  const StatusDay today = StatusDay::Today(deps_.clock.Now());
  // Adds the guest unless the tier filter excludes it.
  auto add = [&](std::string_view guest_id) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<StoredGuest> guest,
                     ReadGuest(deps_.store, *organization, guest_id));
    if (!guest.has_value()) return absl::OkStatus();
    if (program.has_value()) {
      ASSIGN_OR_RETURN(v1::LoyaltyStatus status,
                       ReadLoyaltyStatus(deps_.store, *organization, guest_id,
                                         *guest, *program, today));
      if (status.tier() != request.tier()) return absl::OkStatus();
    }
    *response.add_guests() = std::move(*guest->mutable_guest());
    return absl::OkStatus();
  };
  PageQuery query{
      .family =
          hotel.has_value() ? ColumnFamily::kIndexes : ColumnFamily::kEntities,
      .prefix = hotel.has_value() ? storage::HotelGuestIndexPrefix(
                                        *organization, hotel->hotel)
                                  : storage::GuestPrefix(*organization),
      .request_identity = absl::StrCat("ListGuests|", request.parent(), "|",
                                       request.tier(), "|", request.hotel()),
      .page_size = request.page_size(),
      .page_token = request.page_token(),
  };
  ASSIGN_OR_RETURN(
      *response.mutable_next_page_token(),
      VisitPage(deps_.store, query,
                [&](std::string_view key, std::string_view) -> absl::Status {
                  // The scan's prefix fixes the organization (and hotel).
                  if (hotel.has_value()) {
                    ASSIGN_OR_RETURN(storage::HotelGuestIndexKeyParts parts,
                                     storage::ParseHotelGuestIndexKey(key));
                    return add(parts.guest_id);
                  }
                  ASSIGN_OR_RETURN(storage::GuestKeyParts parts,
                                   storage::ParseGuestKey(key));
                  return add(parts.guest_id);
                }));
  return absl::OkStatus();
}

absl::Status Guests::LinkIdentity(const Principal& caller,
                                  const v1::LinkIdentityRequest& request,
                                  v1::Guest& response) const {
  ASSIGN_OR_RETURN(IdentityChange change,
                   BeginIdentityChange(deps_, caller, request.guest(),
                                       request.identity(), request.hotel()));
  const GuestName& name = change.name;
  ASSIGN_OR_RETURN(
      std::optional<std::string> owner,
      LookupIdentityOwner(deps_.store, name.organization, change.identity));
  if (owner.has_value() && *owner == name.guest) {
    response = std::move(*change.stored.mutable_guest());
    return absl::OkStatus();
  }
  if (owner.has_value()) {
    return IdentityTaken("identity",
                         FormatGuestName(name.organization, *owner));
  }
  v1::Guest& guest = *change.stored.mutable_guest();
  *guest.add_identities() = change.identity;
  *guest.mutable_update_time() = ToProtoTimestamp(deps_.clock.Now());

  storage::WriteBatch batch;
  PutGuest(batch, name.organization, name.guest, change.stored);
  batch.Put(ColumnFamily::kIndexes, change.identity_key, name.guest);
  if (std::optional<AuthorRef> author = AuthorOfIdentity(change.identity)) {
    RETURN_IF_ERROR(AttributeAuthor(deps_.store, deps_.ids, name.organization,
                                    *author, name.guest, batch));
  }
  RETURN_IF_ERROR(deps_.store.Write(std::move(batch)));
  response = std::move(guest);
  return absl::OkStatus();
}

absl::Status Guests::UnlinkIdentity(const Principal& caller,
                                    const v1::UnlinkIdentityRequest& request,
                                    v1::Guest& response) const {
  ASSIGN_OR_RETURN(IdentityChange change,
                   BeginIdentityChange(deps_, caller, request.guest(),
                                       request.identity(), request.hotel()));
  const GuestName& name = change.name;
  v1::Guest& guest = *change.stored.mutable_guest();
  auto* identities = guest.mutable_identities();
  auto held = std::find_if(identities->begin(), identities->end(),
                           [&](const v1::Identity& each) {
                             return SameIdentity(each, change.identity);
                           });
  if (held == identities->end()) {
    return ResourceNotFound(
        request.guest(),
        absl::StrCat(request.guest(), " has no such identity"));
  }
  identities->erase(held);
  *guest.mutable_update_time() = ToProtoTimestamp(deps_.clock.Now());

  storage::WriteBatch batch;
  PutGuest(batch, name.organization, name.guest, change.stored);
  batch.Delete(ColumnFamily::kIndexes, change.identity_key);
  if (std::optional<AuthorRef> author = AuthorOfIdentity(change.identity)) {
    RETURN_IF_ERROR(AttributeAuthor(deps_.store, deps_.ids, name.organization,
                                    *author, "", batch));
  }
  RETURN_IF_ERROR(deps_.store.Write(std::move(batch)));
  response = std::move(guest);
  return absl::OkStatus();
}

absl::Status Guests::Merge(const Principal& caller,
                           const v1::MergeGuestsRequest& request,
                           v1::Guest& response,
                           MergedCreates merged_creates) const {
  FieldViolations violations;
  auto survivor_name = ParseGuestName("survivor", request.survivor());
  auto merged_name = ParseGuestName("merged", request.merged());
  violations.AddAll(survivor_name.status());
  violations.AddAll(merged_name.status());
  RETURN_IF_ERROR(violations.ToStatus());
  RETURN_IF_ERROR(
      caller.RequireTenant(survivor_name->organization, request.survivor()));
  RETURN_IF_ERROR(
      caller.RequireTenant(merged_name->organization, request.merged()));
  if (survivor_name->guest == merged_name->guest) {
    return WithErrorInfo(
        absl::FailedPreconditionError(
            "survivor and merged are the same guest: nothing to merge"),
        v1::ERROR_REASON_FAILED_PRECONDITION, {{"field", "merged"}});
  }
  const std::string& organization = survivor_name->organization;
  const std::string& survivor_id = survivor_name->guest;
  const std::string& merged_id = merged_name->guest;

  auto attribution = deps_.organization_locks.Lock(organization);
  auto guard = deps_.locks.Lock(storage::GuestKey(organization, survivor_id),
                                storage::GuestKey(organization, merged_id));
  ASSIGN_OR_RETURN(StoredGuest survivor,
                   ReadExistingGuest(deps_.store, organization, survivor_id,
                                     request.survivor()));
  ASSIGN_OR_RETURN(StoredGuest merged,
                   ReadExistingGuest(deps_.store, organization, merged_id,
                                     request.merged()));

  storage::WriteBatch batch;
  v1::Guest& guest = *survivor.mutable_guest();
  for (const v1::Identity& identity : merged.guest().identities()) {
    *guest.add_identities() = identity;
    batch.Put(ColumnFamily::kIndexes,
              IdentityIndexKeyOf(organization, identity), survivor_id);
  }
  RETURN_IF_ERROR(AttributeAuthors(deps_.store, deps_.ids, organization,
                                   merged.guest().identities(), survivor_id,
                                   batch));
  RETURN_IF_ERROR(
      MoveActivity(deps_.store, organization, merged_id, survivor_id, batch));
  guest.add_merged_guests(merged.guest().name());
  for (const std::string& earlier : merged.guest().merged_guests()) {
    guest.add_merged_guests(earlier);
  }
  if (guest.display_name().empty()) {
    guest.set_display_name(merged.guest().display_name());
  }
  // The survivor's manual tier stands; the merged guest's applies only when
  // the survivor never had one.
  if (survivor.manual_tiers().empty()) {
    *survivor.mutable_manual_tiers() = merged.manual_tiers();
  }
  const absl::Time now = deps_.clock.Now();
  *guest.mutable_update_time() = ToProtoTimestamp(now);
  // A retry of the request that created the merged guest (or one merged
  // into it) answers the survivor: creating the person again would undo the
  // merge. A record that names another guest is a later call's, which
  // reused the id once it expired.
  if (merged_creates == MergedCreates::kForget) {
    DeleteCreateRequests(batch, organization, merged);
  } else {
    const auto answers_merged = [&](std::string_view recorded) {
      v1::Guest answered;
      return answered.ParseFromArray(recorded.data(),
                                     static_cast<int>(recorded.size())) &&
             answered.name() == merged.guest().name();
    };
    for (const std::string& request_id : CreateRequestIds(merged)) {
      ASSIGN_OR_RETURN(const bool replaced,
                       ReplaceRecordedResponse(deps_.store, batch, organization,
                                               kCreateMethod, request_id, guest,
                                               now, answers_merged));
      if (replaced) survivor.add_merged_create_request_ids(request_id);
    }
  }
  PutGuest(batch, organization, survivor_id, survivor);
  batch.Delete(ColumnFamily::kEntities,
               storage::GuestKey(organization, merged_id));
  RETURN_IF_ERROR(deps_.store.Write(std::move(batch)));
  response = std::move(guest);
  return absl::OkStatus();
}

absl::Status Guests::Erase(const Principal& caller,
                           const v1::EraseGuestRequest& request) const {
  ASSIGN_OR_RETURN(GuestName name, ParseGuestName("name", request.name()));
  RETURN_IF_ERROR(caller.RequireTenant(name.organization, request.name()));

  auto attribution = deps_.organization_locks.Lock(name.organization);
  auto guard =
      deps_.locks.Lock(storage::GuestKey(name.organization, name.guest));
  ASSIGN_OR_RETURN(StoredGuest stored,
                   ReadExistingGuest(deps_.store, name.organization, name.guest,
                                     request.name()));
  storage::WriteBatch batch;
  for (const v1::Identity& identity : stored.guest().identities()) {
    batch.Delete(ColumnFamily::kIndexes,
                 IdentityIndexKeyOf(name.organization, identity));
    if (std::optional<AuthorRef> author = AuthorOfIdentity(identity)) {
      RETURN_IF_ERROR(
          EraseAuthor(deps_.store, name.organization, *author, batch));
    }
  }
  RETURN_IF_ERROR(
      DeleteActivity(deps_.store, name.organization, name.guest, batch));
  DeleteCreateRequests(batch, name.organization, stored);
  batch.Delete(ColumnFamily::kEntities,
               storage::GuestKey(name.organization, name.guest));
  return deps_.store.Write(std::move(batch));
}

absl::Status Guests::Export(const Principal& caller,
                            const v1::ExportGuestRequest& request,
                            v1::ExportGuestResponse& response) const {
  ASSIGN_OR_RETURN(GuestName name, ParseGuestName("name", request.name()));
  RETURN_IF_ERROR(caller.RequireTenant(name.organization, request.name()));
  ASSIGN_OR_RETURN(const ExportPage page,
                   ParseExportPage(deps_.store, request));
  // Under the guest's stripe, so each page is one consistent picture.
  auto guard =
      deps_.locks.Lock(storage::GuestKey(name.organization, name.guest));
  ASSIGN_OR_RETURN(StoredGuest stored,
                   ReadExistingGuest(deps_.store, name.organization, name.guest,
                                     request.name()));
  if (page.first()) {
    ASSIGN_OR_RETURN(auto stays,
                     ReadStays(deps_.store, name.organization, name.guest));
    for (auto& stay : stays) *response.add_stays() = std::move(stay.record);
    ASSIGN_OR_RETURN(auto check_ins,
                     ReadCheckIns(deps_.store, name.organization, name.guest));
    for (auto& check_in : check_ins) {
      *response.add_check_ins() = std::move(check_in.record);
    }
    ASSIGN_OR_RETURN(v1::LoyaltyProgram program,
                     ReadLoyaltyProgram(deps_.store, name.organization));
    ASSIGN_OR_RETURN(
        *response.mutable_loyalty_status(),
        ReadLoyaltyStatus(deps_.store, name.organization, name.guest, stored,
                          program, StatusDay::Today(deps_.clock.Now())));
    *response.mutable_guest() = stored.guest();
  }
  return AddExportFeedback(deps_.store, name.organization, stored.guest(),
                           request, page, response);
}

}  // namespace guestvoice::service
