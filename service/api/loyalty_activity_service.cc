// LoyaltyService: stays, check-ins, the program and status. Guests and
// identities are in loyalty_service.cc.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "service/api/loyalty_service.h"
#include "service/api/unary_call.h"
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
using storage::ColumnFamily;

// Manual tiers take effect at most this far from today, either way.
constexpr int kMaxDaysAhead = 365;

}  // namespace

grpc::ServerUnaryReactor* LoyaltyService::RecordStay(
    grpc::CallbackServerContext* context, const v1::RecordStayRequest* request,
    v1::Stay* response) {
  return RunUnary(context, deps_.authenticator, v1::SCOPE_LOYALTY_WRITE,
                  [&](const Principal& caller) -> absl::Status {
                    return stays_.Record(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* LoyaltyService::CancelStay(
    grpc::CallbackServerContext* context, const v1::CancelStayRequest* request,
    v1::Stay* response) {
  return RunUnary(context, deps_.authenticator, v1::SCOPE_LOYALTY_WRITE,
                  [&](const Principal& caller) -> absl::Status {
                    return stays_.Cancel(caller, *request, *response);
                  });
}

grpc::ServerUnaryReactor* LoyaltyService::RecordCheckIn(
    grpc::CallbackServerContext* context,
    const v1::RecordCheckInRequest* request, v1::CheckIn* response) {
  return RunUnary(context, deps_.authenticator, v1::SCOPE_LOYALTY_WRITE,
                  [&](const Principal& caller) -> absl::Status {
                    return check_ins_.Record(caller, *request, *response);
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
