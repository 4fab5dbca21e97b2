#ifndef GUESTVOICE_SERVICE_LOYALTY_RECORDS_H_
#define GUESTVOICE_SERVICE_LOYALTY_RECORDS_H_

// How LoyaltyService keeps guests, stays, check-ins and the program in the
// store (keyspace in storage/key_codec.h), and the reads GetLoyaltyStatus is
// made of: the guest (a point read), the program (a point read) and the
// guest's loyalty ledger (one prefix scan that stops at the as-of date).
//
// The ledger holds one small entry per counting stay or check-in, keyed by
// the day it counts, beside the full Stay and CheckIn records: status
// computation decodes a few fixed-width fields per entry instead of parsing
// protos. Every mutation writes the record and its ledger entry in one batch.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "guestvoice/v1/loyalty.pb.h"
#include "guestvoice/v1/loyalty_program.pb.h"
#include "service/loyalty/rules.h"
#include "storage/store.h"

namespace guestvoice::service {

// The guest `guest_id`, or nullopt. Guests, their identity index entries and
// the program are read through Store::GetCached: every LookupGuest and
// GetLoyaltyStatus reads them, and two RocksDB Gets were a sixth of a
// lookup's server CPU.
absl::StatusOr<std::optional<internal::v1::StoredGuest>> ReadGuest(
    const storage::Store& store, std::string_view organization,
    std::string_view guest_id);
// The guest, or NOT_FOUND naming `resource_name`.
absl::StatusOr<internal::v1::StoredGuest> ReadExistingGuest(
    const storage::Store& store, std::string_view organization,
    std::string_view guest_id, std::string_view resource_name);

// Puts the guest's record (a new one or a change to it).
void PutGuest(storage::WriteBatch& batch, std::string_view organization,
              std::string_view guest_id,
              const internal::v1::StoredGuest& guest);

// The index key of a normalised identity.
std::string IdentityIndexKeyOf(std::string_view organization,
                               const v1::Identity& identity);
// The id of the guest holding a normalised identity, or nullopt.
absl::StatusOr<std::optional<std::string>> LookupIdentityOwner(
    const storage::Store& store, std::string_view organization,
    const v1::Identity& identity);

// The organization's program with its name set: the stored one, or the
// default (DefaultLoyaltyProgram) until it is updated.
absl::StatusOr<v1::LoyaltyProgram> ReadLoyaltyProgram(
    const storage::Store& store, std::string_view organization);

// The program the organization stored, or nullopt while it has the default;
// for readers that need only its rules (no name), such as a status, and so
// need not copy the default.
absl::StatusOr<std::optional<v1::LoyaltyProgram>> ReadStoredLoyaltyProgram(
    const storage::Store& store, std::string_view organization);

// What a ledger entry counts.
enum class LedgerEntryKind : uint32_t { kStay = 1, kCheckIn = 2 };

// A ledger entry: `nights` 0 for check-ins; spend only for stays.
struct LedgerEntry {
  int64_t credit_day;  // days since 1970-01-01
  LedgerEntryKind kind;
  std::string record_id;
  int32_t nights = 0;
  int64_t spend_units = 0;
  std::string spend_currency;
};
void PutLedgerEntry(storage::WriteBatch& batch, std::string_view organization,
                    std::string_view guest_id, const LedgerEntry& entry);
void DeleteLedgerEntry(storage::WriteBatch& batch,
                       std::string_view organization, std::string_view guest_id,
                       const LedgerEntry& entry);
// Every ledger entry of a guest counting on or before `through`, by day.
absl::StatusOr<std::vector<LedgerEntry>> ReadLedger(
    const storage::Store& store, std::string_view organization,
    std::string_view guest_id, std::optional<absl::CivilDay> through);

// The ledger entry of a stay (credited at departure) and of a check-in.
LedgerEntry StayLedgerEntry(std::string_view stay_id, const v1::Stay& stay);
LedgerEntry CheckInLedgerEntry(std::string_view check_in_id, int64_t local_day);

// Adds a newly recorded stay (its name set) of guest `guest_id` at hotel
// `hotel_id` to `batch`: the record, its booking index entry, the hotel's
// guest list entry and its ledger entry.
void PutNewStay(storage::WriteBatch& batch, std::string_view organization,
                std::string_view guest_id, std::string_view hotel_id,
                std::string_view stay_id, const v1::Stay& stay);
// Adds a newly recorded check-in (its name set) to `batch`: the record, its
// (source, external id) index entry and its ledger entry.
void PutNewCheckIn(storage::WriteBatch& batch, std::string_view organization,
                   std::string_view guest_id, std::string_view check_in_id,
                   int64_t local_day, const v1::CheckIn& check_in);

// The day a status is for: a date the caller names, or today. Today is the
// UTC date, or the hotel-local date of the guest's latest check-in where that
// is the next day: a check-in is recorded only once it has happened, so at a
// hotel ahead of UTC (Tokyo until 09:00 UTC) the guest already lives on its
// day, and a status of the UTC date would not yet count the check-in.
struct StatusDay {
  static StatusDay On(absl::CivilDay day) { return {day, false}; }
  static StatusDay Today(absl::Time now);

  absl::CivilDay day;  // today: the UTC date
  bool today = false;
};

// The guest's status on `as_of` under `program`.
absl::StatusOr<v1::LoyaltyStatus> ReadLoyaltyStatus(
    const storage::Store& store, std::string_view organization,
    std::string_view guest_id, const internal::v1::StoredGuest& guest,
    const v1::LoyaltyProgram& program, StatusDay as_of);

// Every stay or check-in of a guest with its key, in key (date) order.
template <typename Record>
struct KeyedRecord {
  std::string key;
  Record record;
};
absl::StatusOr<std::vector<KeyedRecord<v1::Stay>>> ReadStays(
    const storage::Store& store, std::string_view organization,
    std::string_view guest_id);
absl::StatusOr<std::vector<KeyedRecord<v1::CheckIn>>> ReadCheckIns(
    const storage::Store& store, std::string_view organization,
    std::string_view guest_id);

// The last segment of a resource name ("stays/abc" -> "abc").
std::string_view LastNameSegment(std::string_view name);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_LOYALTY_RECORDS_H_
