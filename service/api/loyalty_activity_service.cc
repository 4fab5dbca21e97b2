// LoyaltyService: stays, check-ins, the program and status. Guests and
// identities are in loyalty_service.cc.

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "guestvoice/v1/hotel.pb.h"
#include "service/api/loyalty_service.h"
#include "service/api/unary_call.h"
#include "service/core/crypto.h"
#include "service/core/currency_codes.h"
#include "service/core/errors.h"
#include "service/core/field_checks.h"
#include "service/core/proto_date.h"
#include "service/core/proto_records.h"
#include "service/core/proto_time.h"
#include "service/core/resource_names.h"
#include "service/loyalty/program.h"
#include "service/loyalty/records.h"
#include "service/tenancy/hotels.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

using internal::v1::StoredGuest;
using storage::ColumnFamily;

constexpr int32_t kMaxNights = 365;
// Bookings are recorded ahead of arrival, but not further than chains sell.
constexpr int kMaxDaysAhead = 365;
constexpr int64_t kMaxSpendUnits = 1'000'000'000;
constexpr size_t kMaxReferenceBytes = 128;
constexpr size_t kMaxExternalIdBytes = 256;
// Adapters' clocks drift: a check-in slightly "in the future" is not bad
// input.
constexpr absl::Duration kClockSkew = absl::Minutes(5);

// 1 to `max_bytes` printable ASCII characters (spaces allowed inside).
void CheckReference(FieldViolations& violations, std::string_view field,
                    std::string_view value, size_t max_bytes) {
  bool valid = !value.empty() && value.size() <= max_bytes &&
               value.front() != ' ' && value.back() != ' ';
  for (char c : value) valid = valid && absl::ascii_isprint(c);
  if (!valid) {
    violations.Add(std::string(field),
                   absl::StrCat("required: 1 to ", max_bytes,
                                " printable ASCII characters"));
  }
}

// The stay `stay_id` of a guest, found among the guest's stays (a bounded
// scan: CancelStay is rare and stays are keyed by date, not id).
absl::StatusOr<KeyedRecord<v1::Stay>> FindStay(const storage::Store& store,
                                               const StayName& name,
                                               std::string_view resource_name) {
  ASSIGN_OR_RETURN(auto stays, ReadStays(store, name.organization, name.guest));
  for (auto& stay : stays) {
    if (LastNameSegment(stay.record.name()) == name.stay) {
      return std::move(stay);
    }
  }
  return ResourceNotFound(resource_name);
}

}  // namespace

grpc::ServerUnaryReactor* LoyaltyService::RecordStay(
    grpc::CallbackServerContext* context, const v1::RecordStayRequest* request,
    v1::Stay* response) {
  return RunUnary(
      context, deps_.authenticator, v1::SCOPE_LOYALTY_WRITE,
      [&](const Principal& principal) -> absl::Status {
        const v1::Stay& stay = request->stay();
        const absl::CivilDay today = UtcDay(deps_.domain.clock.Now());
        FieldViolations violations;
        auto guest_name = ParseGuestName("parent", request->parent());
        violations.AddAll(guest_name.status());
        auto hotel_name = ParseHotelName("stay.hotel", stay.hotel());
        violations.AddAll(hotel_name.status());
        const std::optional<absl::CivilDay> arrival =
            FromProtoDate(stay.arrival_date());
        if (!arrival.has_value()) {
          violations.Add("stay.arrival_date", "required: a full, valid date");
        } else if (*arrival > today + kMaxDaysAhead) {
          violations.Add(
              "stay.arrival_date",
              absl::StrCat("more than ", kMaxDaysAhead, " days ahead"));
        }
        if (stay.nights() < 1 || stay.nights() > kMaxNights) {
          violations.Add("stay.nights",
                         absl::StrCat("must be 1 to ", kMaxNights));
        }
        if (stay.has_qualifying_spend()) {
          const google::type::Money& spend = stay.qualifying_spend();
          if (!IsIso4217Currency(spend.currency_code())) {
            violations.Add("stay.qualifying_spend.currency_code",
                           "not an ISO 4217 currency code in circulation");
          }
          if (spend.units() < 0 || spend.nanos() < 0 ||
              spend.nanos() >= 1'000'000'000 ||
              spend.units() > kMaxSpendUnits) {
            violations.Add("stay.qualifying_spend",
                           absl::StrCat("must be 0 to ", kMaxSpendUnits,
                                        " with nanos 0 to 999999999"));
          }
        }
        CheckReference(violations, "stay.booking_reference",
                       stay.booking_reference(), kMaxReferenceBytes);
        RETURN_IF_ERROR(violations.ToStatus());
        RETURN_IF_ERROR(principal.RequireTenant(guest_name->organization,
                                                request->parent()));
        RETURN_IF_ERROR(
            principal.RequireTenant(hotel_name->organization, stay.hotel()));
        const std::string& organization = guest_name->organization;
        const std::string& guest_id = guest_name->guest;
        RETURN_IF_ERROR(
            ReadHotel(deps_.domain.store, *hotel_name, stay.hotel()).status());

        const std::string booking_key = storage::StayBookingIndexKey(
            organization, stay.booking_reference());
        auto guard = deps_.domain.locks.Lock(
            storage::GuestKey(organization, guest_id), booking_key);
        ASSIGN_OR_RETURN(std::optional<internal::v1::StayLocator> booked,
                         ReadProto<internal::v1::StayLocator>(
                             deps_.domain.store, ColumnFamily::kIndexes,
                             booking_key, "a booking"));
        if (booked.has_value()) {
          if (booked->guest_id() != guest_id) {
            return WithErrorInfo(
                absl::AlreadyExistsError(
                    "stay.booking_reference: recorded for another guest"),
                v1::ERROR_REASON_RESOURCE_ALREADY_EXISTS,
                {{"field", "stay.booking_reference"}});
          }
          ASSIGN_OR_RETURN(
              std::optional<v1::Stay> recorded,
              ReadProto<v1::Stay>(
                  deps_.domain.store, ColumnFamily::kEntities,
                  storage::StayKey(organization, guest_id,
                                   booked->arrival_day(), booked->stay_id()),
                  "a stay"));
          if (!recorded.has_value()) {
            return absl::DataLossError("a booking points at a missing stay");
          }
          *response = *std::move(recorded);
          return absl::OkStatus();
        }
        RETURN_IF_ERROR(ReadExistingGuest(deps_.domain.store, organization,
                                          guest_id, request->parent())
                            .status());

        const std::string stay_id = NewResourceId();
        v1::Stay recorded = stay;
        recorded.set_name(FormatStayName(organization, guest_id, stay_id));
        recorded.set_cancelled(false);
        *recorded.mutable_create_time() =
            ToProtoTimestamp(deps_.domain.clock.Now());
        storage::WriteBatch batch;
        PutNewStay(batch, organization, guest_id, hotel_name->hotel, stay_id,
                   recorded);
        RETURN_IF_ERROR(deps_.domain.store.Write(std::move(batch)));
        *response = std::move(recorded);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* LoyaltyService::CancelStay(
    grpc::CallbackServerContext* context, const v1::CancelStayRequest* request,
    v1::Stay* response) {
  return RunUnary(
      context, deps_.authenticator, v1::SCOPE_LOYALTY_WRITE,
      [&](const Principal& principal) -> absl::Status {
        ASSIGN_OR_RETURN(StayName name, ParseStayName("name", request->name()));
        RETURN_IF_ERROR(
            principal.RequireTenant(name.organization, request->name()));
        auto guard = deps_.domain.locks.Lock(
            storage::GuestKey(name.organization, name.guest));
        ASSIGN_OR_RETURN(KeyedRecord<v1::Stay> found,
                         FindStay(deps_.domain.store, name, request->name()));
        v1::Stay& stay = found.record;
        if (stay.cancelled()) {
          *response = std::move(stay);
          return absl::OkStatus();
        }
        stay.set_cancelled(true);
        storage::WriteBatch batch;
        batch.Put(ColumnFamily::kEntities, found.key, stay.SerializeAsString());
        DeleteLedgerEntry(batch, name.organization, name.guest,
                          StayLedgerEntry(name.stay, stay));
        // The guest leaves the hotel's list unless another stay keeps them on
        // it.
        ASSIGN_OR_RETURN(auto stays, ReadStays(deps_.domain.store,
                                               name.organization, name.guest));
        bool stayed_otherwise = false;
        for (const auto& other : stays) {
          stayed_otherwise =
              stayed_otherwise ||
              (other.key != found.key && !other.record.cancelled() &&
               other.record.hotel() == stay.hotel());
        }
        if (!stayed_otherwise) {
          ASSIGN_OR_RETURN(HotelName hotel,
                           ParseHotelName("hotel", stay.hotel()));
          batch.Delete(ColumnFamily::kIndexes,
                       storage::HotelGuestIndexKey(name.organization,
                                                   hotel.hotel, name.guest));
        }
        RETURN_IF_ERROR(deps_.domain.store.Write(std::move(batch)));
        *response = std::move(stay);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* LoyaltyService::RecordCheckIn(
    grpc::CallbackServerContext* context,
    const v1::RecordCheckInRequest* request, v1::CheckIn* response) {
  return RunUnary(
      context, deps_.authenticator, v1::SCOPE_LOYALTY_WRITE,
      [&](const Principal& principal) -> absl::Status {
        const v1::CheckIn& check_in = request->check_in();
        const absl::Time now = deps_.domain.clock.Now();
        FieldViolations violations;
        auto guest_name = ParseGuestName("parent", request->parent());
        violations.AddAll(guest_name.status());
        auto hotel_name = ParseHotelName("check_in.hotel", check_in.hotel());
        violations.AddAll(hotel_name.status());
        if (!v1::Outlet_IsValid(check_in.outlet())) {
          violations.Add("check_in.outlet", "unknown outlet");
        }
        if (check_in.source() == v1::SOURCE_UNSPECIFIED ||
            !v1::Source_IsValid(check_in.source())) {
          violations.Add("check_in.source", "required");
        }
        CheckReference(violations, "check_in.external_id",
                       check_in.external_id(), kMaxExternalIdBytes);
        if (!check_in.has_check_in_time()) {
          violations.Add("check_in.check_in_time", "required");
        } else if (FromProtoTimestamp(check_in.check_in_time()) >
                   now + kClockSkew) {
          violations.Add("check_in.check_in_time", "in the future");
        }
        RETURN_IF_ERROR(violations.ToStatus());
        RETURN_IF_ERROR(principal.RequireTenant(guest_name->organization,
                                                request->parent()));
        RETURN_IF_ERROR(principal.RequireTenant(hotel_name->organization,
                                                check_in.hotel()));
        const std::string& organization = guest_name->organization;
        const std::string& guest_id = guest_name->guest;
        ASSIGN_OR_RETURN(
            v1::Hotel hotel,
            ReadHotel(deps_.domain.store, *hotel_name, check_in.hotel()));
        absl::TimeZone zone;
        if (!absl::LoadTimeZone(hotel.time_zone(), &zone)) {
          zone = absl::UTCTimeZone();
        }
        const int64_t local_day = DayNumber(absl::ToCivilDay(
            FromProtoTimestamp(check_in.check_in_time()), zone));

        const std::string source_key = storage::CheckInSourceIndexKey(
            organization, static_cast<uint32_t>(check_in.source()),
            check_in.external_id());
        auto guard = deps_.domain.locks.Lock(
            storage::GuestKey(organization, guest_id), source_key);
        ASSIGN_OR_RETURN(std::optional<internal::v1::CheckInLocator> seen,
                         ReadProto<internal::v1::CheckInLocator>(
                             deps_.domain.store, ColumnFamily::kIndexes,
                             source_key, "a check-in"));
        if (seen.has_value()) {
          if (seen->guest_id() != guest_id) {
            return WithErrorInfo(
                absl::AlreadyExistsError(
                    "check_in.external_id: recorded for another guest"),
                v1::ERROR_REASON_RESOURCE_ALREADY_EXISTS,
                {{"field", "check_in.external_id"}});
          }
          ASSIGN_OR_RETURN(
              std::optional<v1::CheckIn> recorded,
              ReadProto<v1::CheckIn>(
                  deps_.domain.store, ColumnFamily::kEntities,
                  storage::CheckInKey(organization, guest_id, seen->local_day(),
                                      seen->check_in_id()),
                  "a check-in"));
          if (!recorded.has_value()) {
            return absl::DataLossError("a check-in index points at nothing");
          }
          *response = *std::move(recorded);
          return absl::OkStatus();
        }
        RETURN_IF_ERROR(ReadExistingGuest(deps_.domain.store, organization,
                                          guest_id, request->parent())
                            .status());

        const std::string check_in_id = NewResourceId();
        v1::CheckIn recorded = check_in;
        recorded.set_name(
            FormatCheckInName(organization, guest_id, check_in_id));
        storage::WriteBatch batch;
        PutNewCheckIn(batch, organization, guest_id, check_in_id, local_day,
                      recorded);
        RETURN_IF_ERROR(deps_.domain.store.Write(std::move(batch)));
        *response = std::move(recorded);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* LoyaltyService::GetLoyaltyProgram(
    grpc::CallbackServerContext* context,
    const v1::GetLoyaltyProgramRequest* request, v1::LoyaltyProgram* response) {
  return RunUnary(
      context, deps_.authenticator, v1::SCOPE_LOYALTY_READ,
      [&](const Principal& principal) -> absl::Status {
        ASSIGN_OR_RETURN(std::string organization,
                         ParseLoyaltyProgramName("name", request->name()));
        RETURN_IF_ERROR(principal.RequireTenant(organization, request->name()));
        ASSIGN_OR_RETURN(*response,
                         ReadLoyaltyProgram(deps_.domain.store, organization));
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* LoyaltyService::UpdateLoyaltyProgram(
    grpc::CallbackServerContext* context,
    const v1::UpdateLoyaltyProgramRequest* request,
    v1::LoyaltyProgram* response) {
  return RunUnary(
      context, deps_.authenticator, v1::SCOPE_ADMIN,
      [&](const Principal& principal) -> absl::Status {
        const std::string& name = request->loyalty_program().name();
        ASSIGN_OR_RETURN(std::string organization,
                         ParseLoyaltyProgramName("loyalty_program.name", name));
        RETURN_IF_ERROR(principal.RequireTenant(organization, name));

        const std::string key = storage::LoyaltyProgramKey(organization);
        auto guard = deps_.domain.locks.Lock(key);
        ASSIGN_OR_RETURN(v1::LoyaltyProgram program,
                         ReadLoyaltyProgram(deps_.domain.store, organization));
        RETURN_IF_ERROR(ApplyLoyaltyProgramUpdate(*request, program));
        FieldViolations violations;
        CheckLoyaltyProgram(violations, "loyalty_program", program);
        RETURN_IF_ERROR(violations.ToStatus());
        *program.mutable_update_time() =
            ToProtoTimestamp(deps_.domain.clock.Now());
        storage::WriteBatch batch;
        batch.Put(ColumnFamily::kEntities, key, program.SerializeAsString());
        RETURN_IF_ERROR(deps_.domain.store.Write(std::move(batch)));
        *response = std::move(program);
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* LoyaltyService::GetLoyaltyStatus(
    grpc::CallbackServerContext* context,
    const v1::GetLoyaltyStatusRequest* request, v1::LoyaltyStatus* response) {
  return RunUnary(
      context, deps_.authenticator, v1::SCOPE_LOYALTY_READ,
      [&](const Principal& principal) -> absl::Status {
        FieldViolations violations;
        auto name = ParseGuestName("guest", request->guest());
        violations.AddAll(name.status());
        std::optional<absl::CivilDay> as_of = UtcDay(deps_.domain.clock.Now());
        if (request->has_as_of_date()) {
          as_of = FromProtoDate(request->as_of_date());
          if (!as_of.has_value()) {
            violations.Add("as_of_date", "a full, valid date");
          }
        }
        RETURN_IF_ERROR(violations.ToStatus());
        RETURN_IF_ERROR(
            principal.RequireTenant(name->organization, request->guest()));
        ASSIGN_OR_RETURN(
            StoredGuest guest,
            ReadExistingGuest(deps_.domain.store, name->organization,
                              name->guest, request->guest()));
        ASSIGN_OR_RETURN(
            v1::LoyaltyProgram program,
            ReadLoyaltyProgram(deps_.domain.store, name->organization));
        ASSIGN_OR_RETURN(
            *response, ReadLoyaltyStatus(deps_.domain.store, name->organization,
                                         name->guest, guest, program, *as_of));
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* LoyaltyService::SetManualTier(
    grpc::CallbackServerContext* context,
    const v1::SetManualTierRequest* request, v1::LoyaltyStatus* response) {
  return RunUnary(
      context, deps_.authenticator, v1::SCOPE_LOYALTY_WRITE,
      [&](const Principal& principal) -> absl::Status {
        const absl::CivilDay today = UtcDay(deps_.domain.clock.Now());
        FieldViolations violations;
        auto name = ParseGuestName("guest", request->guest());
        violations.AddAll(name.status());
        CheckOptionalResourceId(violations, "tier", request->tier());
        std::optional<absl::CivilDay> effective = today;
        if (request->has_effective_date()) {
          effective = FromProtoDate(request->effective_date());
          if (!effective.has_value()) {
            violations.Add("effective_date", "a full, valid date");
          } else if (*effective > today + kMaxDaysAhead ||
                     *effective < today - kMaxDaysAhead) {
            violations.Add(
                "effective_date",
                absl::StrCat("more than ", kMaxDaysAhead, " days from today"));
          }
        }
        RETURN_IF_ERROR(violations.ToStatus());
        RETURN_IF_ERROR(
            principal.RequireTenant(name->organization, request->guest()));
        ASSIGN_OR_RETURN(
            v1::LoyaltyProgram program,
            ReadLoyaltyProgram(deps_.domain.store, name->organization));
        if (!request->tier().empty() &&
            std::none_of(program.tiers().begin(), program.tiers().end(),
                         [&](const v1::Tier& tier) {
                           return tier.tier_id() == request->tier();
                         })) {
          return InvalidField("tier", absl::StrCat("the program has no tier \"",
                                                   request->tier(), "\""));
        }

        auto guard = deps_.domain.locks.Lock(
            storage::GuestKey(name->organization, name->guest));
        ASSIGN_OR_RETURN(
            StoredGuest guest,
            ReadExistingGuest(deps_.domain.store, name->organization,
                              name->guest, request->guest()));
        // Kept in effective-date order; a later assignment for the same day
        // replaces the earlier one's effect by coming after it.
        auto* manual_tiers = guest.mutable_manual_tiers();
        int position = manual_tiers->size();
        while (position > 0 &&
               FromProtoDate(manual_tiers->Get(position - 1).effective_date())
                       .value_or(absl::CivilDay()) > *effective) {
          --position;
        }
        internal::v1::ManualTierAssignment assignment;
        *assignment.mutable_effective_date() = ToProtoDate(*effective);
        assignment.set_tier_id(request->tier());
        manual_tiers->Add(std::move(assignment));
        for (int i = manual_tiers->size() - 1; i > position; --i) {
          manual_tiers->SwapElements(i, i - 1);
        }
        *guest.mutable_guest()->mutable_update_time() =
            ToProtoTimestamp(deps_.domain.clock.Now());
        storage::WriteBatch batch;
        batch.Put(ColumnFamily::kEntities,
                  storage::GuestKey(name->organization, name->guest),
                  guest.SerializeAsString());
        RETURN_IF_ERROR(deps_.domain.store.Write(std::move(batch)));
        ASSIGN_OR_RETURN(
            *response,
            ReadLoyaltyStatus(deps_.domain.store, name->organization,
                              name->guest, guest, program, *effective));
        return absl::OkStatus();
      });
}

}  // namespace guestvoice::service
