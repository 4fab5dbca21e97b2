#include "service/loyalty/records.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "service/core/errors.h"
#include "service/core/proto_date.h"
#include "service/core/proto_records.h"
#include "service/core/resource_names.h"
#include "service/loyalty/program.h"
#include "storage/key_codec.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

using storage::ColumnFamily;

// Ledger values: u32 nights, i64 spend units, str(currency); encoded with the
// key codec's fixed-width big-endian integers.
std::string EncodeLedgerValue(const LedgerEntry& entry) {
  return storage::KeyBuilder()
      .AppendUint32(static_cast<uint32_t>(entry.nights))
      .AppendInt64(entry.spend_units)
      .AppendString(entry.spend_currency)
      .Release();
}

absl::Status DecodeLedgerValue(std::string_view value, LedgerEntry& entry) {
  storage::KeyReader reader(value);
  ASSIGN_OR_RETURN(uint32_t nights, reader.ReadUint32());
  ASSIGN_OR_RETURN(entry.spend_units, reader.ReadInt64());
  ASSIGN_OR_RETURN(std::string_view currency, reader.ReadString());
  entry.nights = static_cast<int32_t>(nights);
  entry.spend_currency = std::string(currency);
  return absl::OkStatus();
}

template <typename Record>
absl::StatusOr<std::vector<KeyedRecord<Record>>> ReadAll(
    const storage::Store& store, const std::string& prefix,
    std::string_view what) {
  std::vector<KeyedRecord<Record>> records;
  RETURN_IF_ERROR(store.Scan(
      ColumnFamily::kEntities, prefix, "", 0,
      [&](std::string_view key,
          std::string_view value) -> absl::StatusOr<storage::ScanStep> {
        KeyedRecord<Record>& record = records.emplace_back();
        record.key = std::string(key);
        if (!record.record.ParseFromArray(value.data(),
                                          static_cast<int>(value.size()))) {
          return absl::DataLossError(
              absl::StrCat("a stored ", AbslView(what), " is unreadable"));
        }
        return storage::ScanStep::kContinue;
      }));
  return records;
}

}  // namespace

absl::StatusOr<std::optional<internal::v1::StoredGuest>> ReadGuest(
    const storage::Store& store, std::string_view organization,
    std::string_view guest_id) {
  return ReadCachedProto<internal::v1::StoredGuest>(
      store, ColumnFamily::kEntities, storage::GuestKey(organization, guest_id),
      FormatGuestName(organization, guest_id));
}

absl::StatusOr<internal::v1::StoredGuest> ReadExistingGuest(
    const storage::Store& store, std::string_view organization,
    std::string_view guest_id, std::string_view resource_name) {
  ASSIGN_OR_RETURN(std::optional<internal::v1::StoredGuest> guest,
                   ReadGuest(store, organization, guest_id));
  if (!guest.has_value()) return ResourceNotFound(resource_name);
  return *std::move(guest);
}

void PutGuest(storage::WriteBatch& batch, std::string_view organization,
              std::string_view guest_id,
              const internal::v1::StoredGuest& guest) {
  batch.Put(ColumnFamily::kEntities, storage::GuestKey(organization, guest_id),
            guest.SerializeAsString());
}

std::string IdentityIndexKeyOf(std::string_view organization,
                               const v1::Identity& identity) {
  return storage::IdentityIndexKey(
      organization, static_cast<uint32_t>(identity.kind()),
      static_cast<uint32_t>(identity.source()), identity.value());
}

absl::StatusOr<std::optional<std::string>> LookupIdentityOwner(
    const storage::Store& store, std::string_view organization,
    const v1::Identity& identity) {
  return store.GetCached(ColumnFamily::kIndexes,
                         IdentityIndexKeyOf(organization, identity));
}

absl::StatusOr<v1::LoyaltyProgram> ReadLoyaltyProgram(
    const storage::Store& store, std::string_view organization) {
  ASSIGN_OR_RETURN(std::optional<v1::LoyaltyProgram> stored,
                   ReadStoredLoyaltyProgram(store, organization));
  v1::LoyaltyProgram program =
      stored.has_value() ? *std::move(stored) : DefaultLoyaltyProgram();
  program.set_name(FormatLoyaltyProgramName(organization));
  return program;
}

absl::StatusOr<std::optional<v1::LoyaltyProgram>> ReadStoredLoyaltyProgram(
    const storage::Store& store, std::string_view organization) {
  return ReadCachedProto<v1::LoyaltyProgram>(
      store, ColumnFamily::kEntities, storage::LoyaltyProgramKey(organization),
      FormatLoyaltyProgramName(organization));
}

void PutLedgerEntry(storage::WriteBatch& batch, std::string_view organization,
                    std::string_view guest_id, const LedgerEntry& entry) {
  batch.Put(ColumnFamily::kIndexes,
            storage::LoyaltyLedgerKey(organization, guest_id, entry.credit_day,
                                      static_cast<uint32_t>(entry.kind),
                                      entry.record_id),
            EncodeLedgerValue(entry));
}

void DeleteLedgerEntry(storage::WriteBatch& batch,
                       std::string_view organization, std::string_view guest_id,
                       const LedgerEntry& entry) {
  batch.Delete(ColumnFamily::kIndexes,
               storage::LoyaltyLedgerKey(
                   organization, guest_id, entry.credit_day,
                   static_cast<uint32_t>(entry.kind), entry.record_id));
}

absl::StatusOr<std::vector<LedgerEntry>> ReadLedger(
    const storage::Store& store, std::string_view organization,
    std::string_view guest_id, std::optional<absl::CivilDay> through) {
  const std::string prefix =
      storage::LoyaltyLedgerPrefix(organization, guest_id);
  const std::optional<int64_t> last_day =
      through.has_value() ? std::optional<int64_t>(DayNumber(*through))
                          : std::nullopt;
  std::vector<LedgerEntry> entries;
  RETURN_IF_ERROR(store.Scan(
      ColumnFamily::kIndexes, prefix, "", 0,
      [&](std::string_view key,
          std::string_view value) -> absl::StatusOr<storage::ScanStep> {
        ASSIGN_OR_RETURN(storage::LoyaltyLedgerKeyParts parts,
                         storage::ParseLoyaltyLedgerKey(key));
        if (last_day.has_value() && parts.credit_day > *last_day) {
          // keys are in day order: nothing later counts yet
          return storage::ScanStep::kStop;
        }
        LedgerEntry& entry = entries.emplace_back();
        entry.credit_day = parts.credit_day;
        entry.kind = static_cast<LedgerEntryKind>(parts.entry_kind);
        entry.record_id = std::string(parts.record_id);
        RETURN_IF_ERROR(DecodeLedgerValue(value, entry));
        return storage::ScanStep::kContinue;
      }));
  return entries;
}

LedgerEntry StayLedgerEntry(std::string_view stay_id, const v1::Stay& stay) {
  LedgerEntry entry;
  const std::optional<absl::CivilDay> arrival =
      FromProtoDate(stay.arrival_date());
  entry.credit_day = DayNumber(StayCreditDay(
      arrival.value_or(absl::CivilDay(1970, 1, 1)), stay.nights()));
  entry.kind = LedgerEntryKind::kStay;
  entry.record_id = std::string(stay_id);
  entry.nights = stay.nights();
  entry.spend_units = stay.qualifying_spend().units();
  entry.spend_currency = stay.qualifying_spend().currency_code();
  return entry;
}

LedgerEntry CheckInLedgerEntry(std::string_view check_in_id,
                               int64_t local_day) {
  LedgerEntry entry;
  entry.credit_day = local_day;
  entry.kind = LedgerEntryKind::kCheckIn;
  entry.record_id = std::string(check_in_id);
  return entry;
}

void PutNewStay(storage::WriteBatch& batch, std::string_view organization,
                std::string_view guest_id, std::string_view hotel_id,
                std::string_view stay_id, const v1::Stay& stay) {
  const int64_t arrival_day = DayNumber(
      FromProtoDate(stay.arrival_date()).value_or(absl::CivilDay(1970, 1, 1)));
  internal::v1::StayLocator locator;
  locator.set_guest_id(std::string(guest_id));
  locator.set_stay_id(std::string(stay_id));
  locator.set_arrival_day(arrival_day);
  batch.Put(ColumnFamily::kEntities,
            storage::StayKey(organization, guest_id, arrival_day, stay_id),
            stay.SerializeAsString());
  batch.Put(
      ColumnFamily::kIndexes,
      storage::StayBookingIndexKey(organization, stay.booking_reference()),
      locator.SerializeAsString());
  batch.Put(ColumnFamily::kIndexes,
            storage::HotelGuestIndexKey(organization, hotel_id, guest_id), "");
  PutLedgerEntry(batch, organization, guest_id, StayLedgerEntry(stay_id, stay));
}

void PutNewCheckIn(storage::WriteBatch& batch, std::string_view organization,
                   std::string_view guest_id, std::string_view check_in_id,
                   int64_t local_day, const v1::CheckIn& check_in) {
  internal::v1::CheckInLocator locator;
  locator.set_guest_id(std::string(guest_id));
  locator.set_check_in_id(std::string(check_in_id));
  locator.set_local_day(local_day);
  batch.Put(ColumnFamily::kEntities,
            storage::CheckInKey(organization, guest_id, local_day, check_in_id),
            check_in.SerializeAsString());
  batch.Put(ColumnFamily::kIndexes,
            storage::CheckInSourceIndexKey(
                organization, static_cast<uint32_t>(check_in.source()),
                check_in.external_id()),
            locator.SerializeAsString());
  PutLedgerEntry(batch, organization, guest_id,
                 CheckInLedgerEntry(check_in_id, local_day));
}

StatusDay StatusDay::Today(absl::Time now) { return {UtcDay(now), true}; }

absl::StatusOr<v1::LoyaltyStatus> ReadLoyaltyStatus(
    const storage::Store& store, std::string_view organization,
    std::string_view guest_id, const internal::v1::StoredGuest& guest,
    const v1::LoyaltyProgram& program, StatusDay status_day) {
  // The hot path of GetLoyaltyStatus: decodes each entry in place, without
  // the allocations ReadLedger's LedgerEntry strings would cost.
  const std::string prefix =
      storage::LoyaltyLedgerPrefix(organization, guest_id);
  absl::CivilDay as_of = status_day.day;
  // Today reads one day further, for a check-in on the next day.
  const int64_t last_day = DayNumber(as_of) + (status_day.today ? 1 : 0);
  std::vector<LoyaltyActivity> activity;
  RETURN_IF_ERROR(store.Scan(
      ColumnFamily::kIndexes, prefix, "", 0,
      [&](std::string_view key,
          std::string_view value) -> absl::StatusOr<storage::ScanStep> {
        ASSIGN_OR_RETURN(storage::LoyaltyLedgerKeyParts parts,
                         storage::ParseLoyaltyLedgerKey(key));
        if (parts.credit_day > last_day) return storage::ScanStep::kStop;
        LoyaltyActivity& counted = activity.emplace_back();
        counted.day = DayFromNumber(parts.credit_day);
        if (parts.entry_kind != static_cast<uint32_t>(LedgerEntryKind::kStay)) {
          counted.check_ins = 1;
          as_of = std::max(as_of, counted.day);
          return storage::ScanStep::kContinue;
        }
        storage::KeyReader reader(value);
        auto nights = reader.ReadUint32();
        auto units = reader.ReadInt64();
        auto currency = reader.ReadString();
        if (!nights.ok() || !units.ok() || !currency.ok()) {
          return absl::DataLossError("a loyalty ledger entry is unreadable");
        }
        counted.nights = static_cast<int32_t>(*nights);
        counted.stays = 1;
        counted.points = StayPoints(program, counted.nights, *units, *currency);
        return storage::ScanStep::kContinue;
      }));
  std::vector<ManualTierAssignment> manual_tiers;
  for (const internal::v1::ManualTierAssignment& manual :
       guest.manual_tiers()) {
    const std::optional<absl::CivilDay> day =
        FromProtoDate(manual.effective_date());
    if (day.has_value()) manual_tiers.push_back({*day, manual.tier_id()});
  }
  v1::LoyaltyStatus status =
      ComputeLoyaltyStatus(program, std::move(activity), manual_tiers, as_of);
  status.set_guest(FormatGuestName(organization, guest_id));
  return status;
}

absl::StatusOr<std::vector<KeyedRecord<v1::Stay>>> ReadStays(
    const storage::Store& store, std::string_view organization,
    std::string_view guest_id) {
  return ReadAll<v1::Stay>(store, storage::StayPrefix(organization, guest_id),
                           "stay");
}

absl::StatusOr<std::vector<KeyedRecord<v1::CheckIn>>> ReadCheckIns(
    const storage::Store& store, std::string_view organization,
    std::string_view guest_id) {
  return ReadAll<v1::CheckIn>(
      store, storage::CheckInPrefix(organization, guest_id), "check-in");
}

std::string_view LastNameSegment(std::string_view name) {
  const size_t slash = name.rfind('/');
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

}  // namespace guestvoice::service
