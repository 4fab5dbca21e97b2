#include "service/loyalty/loyalty_statuses.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "service/core/errors.h"
#include "service/core/field_checks.h"
#include "service/core/proto_date.h"
#include "service/core/proto_time.h"
#include "service/core/resource_names.h"
#include "service/loyalty/program.h"
#include "service/loyalty/records.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

using internal::v1::StoredGuest;

// How far from today a manual tier may take effect, either way.
constexpr int kMaxDaysFromToday = 365;

}  // namespace

absl::Status LoyaltyStatuses::Get(const Principal& caller,
                                  const v1::GetLoyaltyStatusRequest& request,
                                  v1::LoyaltyStatus& response) const {
  FieldViolations violations;
  auto name = ParseGuestName("guest", request.guest());
  violations.AddAll(name.status());
  std::optional<absl::CivilDay> as_of;
  if (request.has_as_of_date()) {
    as_of = FromProtoDate(request.as_of_date());
    if (!as_of.has_value()) {
      violations.Add("as_of_date", "a full, valid date");
    } else if (*as_of < kEarliestCalendarDay) {
      violations.Add("as_of_date", "before 1900-01-01");
    }
  }
  RETURN_IF_ERROR(violations.ToStatus());
  RETURN_IF_ERROR(caller.RequireTenant(name->organization, request.guest()));
  ASSIGN_OR_RETURN(StoredGuest guest,
                   ReadExistingGuest(deps_.store, name->organization,
                                     name->guest, request.guest()));
  ASSIGN_OR_RETURN(std::optional<v1::LoyaltyProgram> stored_program,
                   ReadStoredLoyaltyProgram(deps_.store, name->organization));
  const v1::LoyaltyProgram& program =
      stored_program.has_value() ? *stored_program : DefaultLoyaltyProgram();
  ASSIGN_OR_RETURN(
      response, ReadLoyaltyStatus(deps_.store, name->organization, name->guest,
                                  guest, program,
                                  as_of.has_value()
                                      ? StatusDay::On(*as_of)
                                      : StatusDay::Today(deps_.clock.Now())));
  return absl::OkStatus();
}

absl::Status LoyaltyStatuses::SetManualTier(
    const Principal& caller, const v1::SetManualTierRequest& request,
    v1::LoyaltyStatus& response) const {
  const absl::CivilDay today = UtcDay(deps_.clock.Now());
  FieldViolations violations;
  auto name = ParseGuestName("guest", request.guest());
  violations.AddAll(name.status());
  CheckOptionalResourceId(violations, "tier", request.tier());
  std::optional<absl::CivilDay> effective = today;
  if (request.has_effective_date()) {
    effective = FromProtoDate(request.effective_date());
    if (!effective.has_value()) {
      violations.Add("effective_date", "a full, valid date");
    } else if (*effective > today + kMaxDaysFromToday ||
               *effective < today - kMaxDaysFromToday) {
      violations.Add(
          "effective_date",
          absl::StrCat("more than ", kMaxDaysFromToday, " days from today"));
    }
  }
  RETURN_IF_ERROR(violations.ToStatus());
  RETURN_IF_ERROR(caller.RequireTenant(name->organization, request.guest()));
  ASSIGN_OR_RETURN(v1::LoyaltyProgram program,
                   ReadLoyaltyProgram(deps_.store, name->organization));
  if (!request.tier().empty()) {
    RETURN_IF_ERROR(RequireTier(program, "tier", request.tier()));
  }

  auto guard =
      deps_.locks.Lock(storage::GuestKey(name->organization, name->guest));
  ASSIGN_OR_RETURN(StoredGuest guest,
                   ReadExistingGuest(deps_.store, name->organization,
                                     name->guest, request.guest()));
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
  assignment.set_tier_id(request.tier());
  manual_tiers->Add(std::move(assignment));
  for (int i = manual_tiers->size() - 1; i > position; --i) {
    manual_tiers->SwapElements(i, i - 1);
  }
  *guest.mutable_guest()->mutable_update_time() =
      ToProtoTimestamp(deps_.clock.Now());
  storage::WriteBatch batch;
  batch.Put(storage::ColumnFamily::kEntities,
            storage::GuestKey(name->organization, name->guest),
            guest.SerializeAsString());
  RETURN_IF_ERROR(deps_.store.Write(std::move(batch)));
  // The status of the effective date, or without one today's, as
  // GetLoyaltyStatus has it.
  ASSIGN_OR_RETURN(
      response, ReadLoyaltyStatus(deps_.store, name->organization, name->guest,
                                  guest, program,
                                  request.has_effective_date()
                                      ? StatusDay::On(*effective)
                                      : StatusDay::Today(deps_.clock.Now())));
  return absl::OkStatus();
}

}  // namespace guestvoice::service
