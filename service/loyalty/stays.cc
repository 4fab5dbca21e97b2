#include "service/loyalty/stays.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/status_macros.h"
#include "google/protobuf/util/message_differencer.h"
#include "service/core/currency_codes.h"
#include "service/core/errors.h"
#include "service/core/pagination.h"
#include "service/core/proto_date.h"
#include "service/core/proto_records.h"
#include "service/core/proto_time.h"
#include "service/core/resource_names.h"
#include "service/core/update_mask.h"
#include "service/loyalty/external_references.h"
#include "service/loyalty/records.h"
#include "service/tenancy/hotels.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

using storage::ColumnFamily;

constexpr int32_t kMaxNights = 365;
// Bookings are recorded ahead of arrival, but not further than chains sell.
constexpr int kMaxDaysAhead = 365;
constexpr int64_t kMaxSpendUnits = 1'000'000'000;
constexpr size_t kMaxReferenceBytes = 128;

constexpr std::string_view kMutableStayPaths[] = {"hotel", "arrival_date",
                                                  "nights", "qualifying_spend"};
constexpr MutableFields kMutableStayFields{.resource = "stay",
                                           .paths = kMutableStayPaths};

// The checks of RecordStay and UpdateStay on a stay's fields, each under
// "stay." and its own name.
void CheckArrival(FieldViolations& violations, const v1::Stay& stay,
                  absl::CivilDay today) {
  const std::optional<absl::CivilDay> arrival =
      FromProtoDate(stay.arrival_date());
  if (!arrival.has_value()) {
    violations.Add("stay.arrival_date", "required: a full, valid date");
  } else if (*arrival > today + kMaxDaysAhead) {
    violations.Add("stay.arrival_date",
                   absl::StrCat("more than ", kMaxDaysAhead, " days ahead"));
  } else if (*arrival < kEarliestCalendarDay) {
    violations.Add("stay.arrival_date", "before 1900-01-01");
  }
}

void CheckNights(FieldViolations& violations, const v1::Stay& stay) {
  if (stay.nights() < 1 || stay.nights() > kMaxNights) {
    violations.Add("stay.nights", absl::StrCat("must be 1 to ", kMaxNights));
  }
}

// Whether the spend lies outside 0..10^9 units and 0..999999999 nanos; with
// `to_the_nano`, also 10^9 units and some nanos. RecordStay applies its
// commands without that (CheckStaySpendOnReceipt makes it where the call is
// received), as nodes of earlier builds applied them.
bool SpendOutOfRange(const google::type::Money& spend, bool to_the_nano) {
  return spend.units() < 0 || spend.nanos() < 0 ||
         spend.nanos() >= 1'000'000'000 || spend.units() > kMaxSpendUnits ||
         (to_the_nano && spend.units() == kMaxSpendUnits && spend.nanos() > 0);
}

void AddSpendOutOfRange(FieldViolations& violations) {
  violations.Add("stay.qualifying_spend",
                 absl::StrCat("must be 0 to ", kMaxSpendUnits,
                              " with nanos 0 to 999999999"));
}

void CheckSpend(FieldViolations& violations, const v1::Stay& stay,
                bool to_the_nano) {
  if (!stay.has_qualifying_spend()) return;
  const google::type::Money& spend = stay.qualifying_spend();
  if (!IsIso4217Currency(spend.currency_code())) {
    violations.Add("stay.qualifying_spend.currency_code",
                   "not an ISO 4217 currency code in circulation");
  }
  if (SpendOutOfRange(spend, to_the_nano)) AddSpendOutOfRange(violations);
}

// Takes the guest off `hotel`'s guest list in `batch` unless a stay of
// `stays` other than the one under `leaving_key` keeps them on it.
absl::Status LeaveHotelUnlessStayedOtherwise(
    storage::WriteBatch& batch, const StayName& name,
    const std::vector<KeyedRecord<v1::Stay>>& stays,
    std::string_view leaving_key, std::string_view hotel) {
  for (const auto& other : stays) {
    if (other.key != leaving_key && !other.record.cancelled() &&
        other.record.hotel() == hotel) {
      return absl::OkStatus();
    }
  }
  ASSIGN_OR_RETURN(HotelName hotel_name, ParseHotelName("hotel", hotel));
  batch.Delete(ColumnFamily::kIndexes,
               storage::HotelGuestIndexKey(name.organization, hotel_name.hotel,
                                           name.guest));
  return absl::OkStatus();
}

// The stay `name` among its guest's `stays`, or null (a bounded scan:
// cancels and amendments are rare, and stays are keyed by date, not id).
KeyedRecord<v1::Stay>* StayAmong(std::vector<KeyedRecord<v1::Stay>>& stays,
                                 const StayName& name) {
  for (auto& stay : stays) {
    if (LastNameSegment(stay.record.name()) == name.stay) return &stay;
  }
  return nullptr;
}

// The stay `name`, read with its guest's stays.
absl::StatusOr<KeyedRecord<v1::Stay>> FindStay(const storage::Store& store,
                                               const StayName& name,
                                               std::string_view resource_name) {
  ASSIGN_OR_RETURN(auto stays, ReadStays(store, name.organization, name.guest));
  KeyedRecord<v1::Stay>* stay = StayAmong(stays, name);
  if (stay == nullptr) return ResourceNotFound(resource_name);
  return std::move(*stay);
}

// A booking reference's stay, and whose it is.
struct BookedStay {
  std::string guest_id;
  v1::Stay stay;
};

// A stay's spend as a person writes it ("540.10 EUR", "0.099999999 USD"),
// or "none".
std::string SpendText(const v1::Stay& stay) {
  if (!stay.has_qualifying_spend()) return "none";
  const google::type::Money& spend = stay.qualifying_spend();
  // Nine digits of nanos, trailing zeros dropped down to cents.
  std::string fraction = absl::StrFormat("%09d", spend.nanos());
  while (fraction.size() > 2 && fraction.back() == '0') fraction.pop_back();
  return absl::StrCat(spend.units(), ".", fraction, " ", spend.currency_code());
}

// How `sent` differs from `recorded`, the stay stored under the same
// booking reference: empty for a retry.
std::vector<std::string> StayDifferences(const v1::Stay& recorded,
                                         const v1::Stay& sent) {
  using google::protobuf::util::MessageDifferencer;
  std::vector<std::string> differences;
  if (recorded.hotel() != sent.hotel()) {
    differences.push_back(Difference("hotel", recorded.hotel(), sent.hotel()));
  }
  if (!MessageDifferencer::Equals(recorded.arrival_date(),
                                  sent.arrival_date())) {
    // Both are valid dates: one was checked when it was recorded, the other
    // before this comparison.
    differences.push_back(Difference(
        "arrival_date",
        absl::FormatCivilTime(*FromProtoDate(recorded.arrival_date())),
        absl::FormatCivilTime(*FromProtoDate(sent.arrival_date()))));
  }
  if (recorded.nights() != sent.nights()) {
    differences.push_back(Difference("nights", absl::StrCat(recorded.nights()),
                                     absl::StrCat(sent.nights())));
  }
  if (recorded.has_qualifying_spend() != sent.has_qualifying_spend() ||
      !MessageDifferencer::Equals(recorded.qualifying_spend(),
                                  sent.qualifying_spend())) {
    differences.push_back(
        Difference("qualifying_spend", SpendText(recorded), SpendText(sent)));
  }
  return differences;
}

// The stay recorded under `booking_key` (StayBookingIndexKey), whoever's it
// is; nullopt when the reference is unknown.
absl::StatusOr<std::optional<BookedStay>> ReadBookedStay(
    const storage::Store& store, std::string_view organization,
    std::string_view booking_key) {
  // One snapshot for both reads: UpdateStay moves a stay to the key of its
  // new arrival day and repoints the booking in one batch, and a reader
  // without the lock must not see the entry of one state and the stay of
  // the other.
  const std::unique_ptr<storage::Snapshot> snapshot = store.GetSnapshot();
  ASSIGN_OR_RETURN(
      std::optional<std::string> locator_bytes,
      store.Get(ColumnFamily::kIndexes, booking_key, snapshot.get()));
  ASSIGN_OR_RETURN(
      std::optional<internal::v1::StayLocator> booked,
      ParseStoredRecord<internal::v1::StayLocator>(locator_bytes, "a booking"));
  if (!booked.has_value()) return std::nullopt;
  ASSIGN_OR_RETURN(
      std::optional<std::string> stay_bytes,
      store.Get(ColumnFamily::kEntities,
                storage::StayKey(organization, booked->guest_id(),
                                 booked->arrival_day(), booked->stay_id()),
                snapshot.get()));
  ASSIGN_OR_RETURN(std::optional<v1::Stay> stay,
                   ParseStoredRecord<v1::Stay>(stay_bytes, "a stay"));
  if (!stay.has_value()) {
    return absl::DataLossError("a booking points at a missing stay");
  }
  return BookedStay{booked->guest_id(), *std::move(stay)};
}

// The parent of every guest's stays (AIP-159), for a booking's.
constexpr absl::string_view kAnyGuest = "/guests/-";

}  // namespace

void CheckStayToRecord(FieldViolations& violations, const v1::Stay& stay,
                       absl::CivilDay today) {
  CheckArrival(violations, stay, today);
  CheckNights(violations, stay);
  CheckSpend(violations, stay, /*to_the_nano=*/false);
  CheckExternalReference(violations, "stay.booking_reference",
                         stay.booking_reference(), kMaxReferenceBytes);
}

absl::Status CheckBookingUnrecorded(const storage::Store& store,
                                    std::string_view organization,
                                    std::string_view booking_reference) {
  ASSIGN_OR_RETURN(
      std::optional<std::string> booked,
      store.Get(ColumnFamily::kIndexes,
                storage::StayBookingIndexKey(organization, booking_reference)));
  if (booked.has_value()) {
    return RecordedForAnotherGuest("stay.booking_reference");
  }
  return absl::OkStatus();
}

v1::Stay AddNewStay(storage::WriteBatch& batch, const DomainContext& deps,
                    std::string_view organization, std::string_view guest_id,
                    std::string_view hotel_id, const v1::Stay& stay) {
  const std::string stay_id = deps.ids.NewResourceId();
  v1::Stay recorded = stay;
  recorded.set_name(FormatStayName(organization, guest_id, stay_id));
  recorded.set_cancelled(false);
  *recorded.mutable_create_time() = ToProtoTimestamp(deps.clock.Now());
  PutNewStay(batch, organization, guest_id, hotel_id, stay_id, recorded);
  return recorded;
}

absl::Status CheckStaySpendOnReceipt(const v1::Stay& stay) {
  if (!stay.has_qualifying_spend() ||
      !SpendOutOfRange(stay.qualifying_spend(), /*to_the_nano=*/true)) {
    return absl::OkStatus();
  }
  FieldViolations violations;
  AddSpendOutOfRange(violations);
  return violations.ToStatus();
}

absl::Status Stays::Record(const Principal& caller,
                           const v1::RecordStayRequest& request,
                           v1::Stay& response) const {
  const v1::Stay& stay = request.stay();
  const absl::CivilDay today = UtcDay(deps_.clock.Now());
  FieldViolations violations;
  auto guest_name = ParseGuestName("parent", request.parent());
  violations.AddAll(guest_name.status());
  auto hotel_name = ParseHotelName("stay.hotel", stay.hotel());
  violations.AddAll(hotel_name.status());
  CheckStayToRecord(violations, stay, today);
  RETURN_IF_ERROR(violations.ToStatus());
  RETURN_IF_ERROR(
      caller.RequireTenant(guest_name->organization, request.parent()));
  RETURN_IF_ERROR(caller.RequireTenant(hotel_name->organization, stay.hotel()));
  const std::string& organization = guest_name->organization;
  const std::string& guest_id = guest_name->guest;
  // Under the organization's lock, as ingest reads it (domain_context.h).
  auto organization_guard = deps_.organization_locks.LockShared(organization);
  RETURN_IF_ERROR(ReadHotel(deps_.store, *hotel_name, stay.hotel()).status());

  const std::string booking_key =
      storage::StayBookingIndexKey(organization, stay.booking_reference());
  auto guard =
      deps_.locks.Lock(storage::GuestKey(organization, guest_id), booking_key);
  ASSIGN_OR_RETURN(std::optional<BookedStay> booked,
                   ReadBookedStay(deps_.store, organization, booking_key));
  if (booked.has_value()) {
    if (booked->guest_id != guest_id) {
      // A retry under a guest merged away since (its stays moved to the
      // survivor) names a guest that is gone, which is what to say.
      RETURN_IF_ERROR(ReadExistingGuest(deps_.store, organization, guest_id,
                                        request.parent())
                          .status());
      return RecordedForAnotherGuest("stay.booking_reference");
    }
    // A booking amended at the source (a stay extended, a spend corrected)
    // is no retry: answering it with the first record would drop the
    // amendment unnoticed.
    const std::vector<std::string> differences =
        StayDifferences(booked->stay, stay);
    if (!differences.empty()) {
      return RecordedWithOtherDetails(
          "stay.booking_reference", booked->stay.name(), differences,
          booked->stay.cancelled()
              ? "It was cancelled, and a cancelled booking stays "
                "cancelled: if the guest did stay, record the stay under a "
                "booking reference of its own"
              : "A booking's first record is kept as it is: amend it with "
                "UpdateStay, or if it should not count, cancel it "
                "(CancelStay)");
    }
    response = std::move(booked->stay);
    return absl::OkStatus();
  }
  RETURN_IF_ERROR(
      ReadExistingGuest(deps_.store, organization, guest_id, request.parent())
          .status());

  storage::WriteBatch batch;
  v1::Stay recorded =
      AddNewStay(batch, deps_, organization, guest_id, hotel_name->hotel, stay);
  RETURN_IF_ERROR(deps_.store.Write(std::move(batch)));
  response = std::move(recorded);
  return absl::OkStatus();
}

absl::Status Stays::Cancel(const Principal& caller,
                           const v1::CancelStayRequest& request,
                           v1::Stay& response) const {
  ASSIGN_OR_RETURN(StayName name, ParseStayName("name", request.name()));
  RETURN_IF_ERROR(caller.RequireTenant(name.organization, request.name()));
  auto guard =
      deps_.locks.Lock(storage::GuestKey(name.organization, name.guest));
  ASSIGN_OR_RETURN(KeyedRecord<v1::Stay> found,
                   FindStay(deps_.store, name, request.name()));
  v1::Stay& stay = found.record;
  if (stay.cancelled()) {
    response = std::move(stay);
    return absl::OkStatus();
  }
  stay.set_cancelled(true);
  storage::WriteBatch batch;
  batch.Put(ColumnFamily::kEntities, found.key, stay.SerializeAsString());
  DeleteLedgerEntry(batch, name.organization, name.guest,
                    StayLedgerEntry(name.stay, stay));
  ASSIGN_OR_RETURN(auto stays,
                   ReadStays(deps_.store, name.organization, name.guest));
  RETURN_IF_ERROR(LeaveHotelUnlessStayedOtherwise(batch, name, stays, found.key,
                                                  stay.hotel()));
  RETURN_IF_ERROR(deps_.store.Write(std::move(batch)));
  response = std::move(stay);
  return absl::OkStatus();
}

absl::Status Stays::Update(const Principal& caller,
                           const v1::UpdateStayRequest& request,
                           v1::Stay& response, SameValues same_values) const {
  const v1::Stay& update = request.stay();
  FieldViolations violations;
  auto name = ParseStayName("stay.name", update.name());
  violations.AddAll(name.status());
  const ChangedFields changed = ResolveUpdateMask(
      violations, request.update_mask(), update, kMutableStayFields);
  std::optional<HotelName> hotel_name;
  if (changed.Contains("hotel")) {
    auto parsed = ParseHotelName("stay.hotel", update.hotel());
    violations.AddAll(parsed.status());
    if (parsed.ok()) hotel_name = *std::move(parsed);
  }
  if (changed.Contains("arrival_date")) {
    CheckArrival(violations, update, UtcDay(deps_.clock.Now()));
  }
  if (changed.Contains("nights")) CheckNights(violations, update);
  if (changed.Contains("qualifying_spend")) {
    CheckSpend(violations, update, /*to_the_nano=*/true);
  }
  RETURN_IF_ERROR(violations.ToStatus());
  RETURN_IF_ERROR(caller.RequireTenant(name->organization, update.name()));
  if (hotel_name.has_value()) {
    RETURN_IF_ERROR(
        caller.RequireTenant(hotel_name->organization, update.hotel()));
  }
  // Under the organization's lock, as ingest reads it (domain_context.h).
  auto organization_guard =
      deps_.organization_locks.LockShared(name->organization);
  if (hotel_name.has_value()) {
    RETURN_IF_ERROR(
        ReadHotel(deps_.store, *hotel_name, update.hotel()).status());
  }
  // The booking reference never changes, so it can be read before the lock
  // that RecordStay also takes for it: a concurrent RecordStay under the same
  // reference then sees the stay before or after, never half moved.
  ASSIGN_OR_RETURN(KeyedRecord<v1::Stay> unlocked,
                   FindStay(deps_.store, *name, update.name()));
  auto guard = deps_.locks.Lock(
      storage::GuestKey(name->organization, name->guest),
      storage::StayBookingIndexKey(name->organization,
                                   unlocked.record.booking_reference()));
  ASSIGN_OR_RETURN(auto stays,
                   ReadStays(deps_.store, name->organization, name->guest));
  const KeyedRecord<v1::Stay>* found = StayAmong(stays, *name);
  if (found == nullptr) return ResourceNotFound(update.name());
  // An immutable field sent with another value is refused, not ignored
  // (AIP-203): the caller meant to change it.
  if (!update.booking_reference().empty() &&
      update.booking_reference() != found->record.booking_reference()) {
    return InvalidField(
        "stay.booking_reference",
        absl::StrCat("cannot change (", found->record.booking_reference(),
                     " recorded): a stay is recorded once per booking "
                     "reference; record another booking as a stay of its own"));
  }
  if (found->record.cancelled()) {
    return PreconditionFailed(absl::StrCat(
        update.name(),
        " is cancelled, and a cancelled stay stays cancelled: if the guest "
        "did stay, record the stay under a booking reference of its own"));
  }

  v1::Stay amended = found->record;
  if (changed.Contains("hotel")) amended.set_hotel(update.hotel());
  if (changed.Contains("arrival_date")) {
    *amended.mutable_arrival_date() = update.arrival_date();
  }
  if (changed.Contains("nights")) amended.set_nights(update.nights());
  if (changed.Contains("qualifying_spend")) {
    if (update.has_qualifying_spend()) {
      *amended.mutable_qualifying_spend() = update.qualifying_spend();
    } else {
      amended.clear_qualifying_spend();
    }
  }
  // Values the stay has already (a retried amendment) change nothing, its
  // update_time included.
  if (same_values == SameValues::kChangeNothing &&
      google::protobuf::util::MessageDifferencer::Equals(amended,
                                                         found->record)) {
    response = std::move(amended);
    return absl::OkStatus();
  }
  *amended.mutable_update_time() = ToProtoTimestamp(deps_.clock.Now());

  // The stay is written as if recorded so: its record (keyed by arrival),
  // booking index entry, hotel's guest list and ledger entry (keyed by
  // departure) put anew, those of the old details deleted first.
  storage::WriteBatch batch;
  batch.Delete(ColumnFamily::kEntities, found->key);
  DeleteLedgerEntry(batch, name->organization, name->guest,
                    StayLedgerEntry(name->stay, found->record));
  if (amended.hotel() != found->record.hotel()) {
    RETURN_IF_ERROR(LeaveHotelUnlessStayedOtherwise(
        batch, *name, stays, found->key, found->record.hotel()));
  }
  ASSIGN_OR_RETURN(HotelName hotel, ParseHotelName("hotel", amended.hotel()));
  PutNewStay(batch, name->organization, name->guest, hotel.hotel, name->stay,
             amended);
  RETURN_IF_ERROR(deps_.store.Write(std::move(batch)));
  response = std::move(amended);
  return absl::OkStatus();
}

absl::Status Stays::ListBooking(const Principal& caller,
                                const v1::ListStaysRequest& request,
                                v1::ListStaysResponse& response) const {
  const std::string_view parent = request.parent();
  FieldViolations violations;
  auto organization = ParseOrganizationName(
      "parent", parent.substr(0, parent.size() - kAnyGuest.size()));
  violations.AddAll(organization.status());
  if (request.booking_reference().empty()) {
    violations.Add("booking_reference",
                   "required with every guest's stays (guests/-)");
  } else {
    CheckExternalReference(violations, "booking_reference",
                           request.booking_reference(), kMaxReferenceBytes);
  }
  violations.AddAll(ResolvePageSize(request.page_size()).status());
  RETURN_IF_ERROR(violations.ToStatus());
  RETURN_IF_ERROR(caller.RequireTenant(*organization, parent));
  // A lookup is one page and gives no token: any token is another request's.
  if (!request.page_token().empty()) return PageTokenInvalid();
  ASSIGN_OR_RETURN(
      std::optional<BookedStay> booked,
      ReadBookedStay(deps_.store, *organization,
                     storage::StayBookingIndexKey(
                         *organization, request.booking_reference())));
  if (booked.has_value()) *response.add_stays() = std::move(booked->stay);
  return absl::OkStatus();
}

absl::Status Stays::List(const Principal& caller,
                         const v1::ListStaysRequest& request,
                         v1::ListStaysResponse& response) const {
  if (absl::EndsWith(request.parent(), kAnyGuest)) {
    return ListBooking(caller, request, response);
  }
  FieldViolations violations;
  auto name = ParseGuestName("parent", request.parent());
  violations.AddAll(name.status());
  if (!request.booking_reference().empty()) {
    CheckExternalReference(violations, "booking_reference",
                           request.booking_reference(), kMaxReferenceBytes);
  }
  violations.AddAll(ResolvePageSize(request.page_size()).status());
  RETURN_IF_ERROR(violations.ToStatus());
  RETURN_IF_ERROR(caller.RequireTenant(name->organization, request.parent()));
  RETURN_IF_ERROR(ReadExistingGuest(deps_.store, name->organization,
                                    name->guest, request.parent())
                      .status());

  if (!request.booking_reference().empty()) {
    if (!request.page_token().empty()) return PageTokenInvalid();
    ASSIGN_OR_RETURN(
        std::optional<BookedStay> booked,
        ReadBookedStay(deps_.store, name->organization,
                       storage::StayBookingIndexKey(
                           name->organization, request.booking_reference())));
    if (booked.has_value() && booked->guest_id == name->guest) {
      *response.add_stays() = std::move(booked->stay);
    }
    return absl::OkStatus();
  }

  PageQuery query{
      .family = ColumnFamily::kEntities,
      .prefix = storage::StayPrefix(name->organization, name->guest),
      .request_identity = absl::StrCat("ListStays|", request.parent()),
      .page_size = request.page_size(),
      .page_token = request.page_token(),
  };
  ASSIGN_OR_RETURN(*response.mutable_next_page_token(),
                   VisitPage(deps_.store, query,
                             [&](std::string_view, std::string_view value) {
                               return ParseStoredInto(
                                   value, *response.add_stays(), "a stay");
                             }));
  return absl::OkStatus();
}

}  // namespace guestvoice::service
