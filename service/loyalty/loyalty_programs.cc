#include "service/loyalty/loyalty_programs.h"

#include <string>

#include "common/status_macros.h"
#include "service/core/errors.h"
#include "service/core/proto_time.h"
#include "service/core/resource_names.h"
#include "service/loyalty/program.h"
#include "service/loyalty/records.h"
#include "storage/keys.h"

namespace guestvoice::service {

absl::Status LoyaltyPrograms::Get(const Principal& caller,
                                  const v1::GetLoyaltyProgramRequest& request,
                                  v1::LoyaltyProgram& response) const {
  ASSIGN_OR_RETURN(std::string organization,
                   ParseLoyaltyProgramName("name", request.name()));
  RETURN_IF_ERROR(caller.RequireTenant(organization, request.name()));
  ASSIGN_OR_RETURN(response, ReadLoyaltyProgram(deps_.store, organization));
  return absl::OkStatus();
}

absl::Status LoyaltyPrograms::Update(
    const Principal& caller, const v1::UpdateLoyaltyProgramRequest& request,
    v1::LoyaltyProgram& response) const {
  const std::string& name = request.loyalty_program().name();
  ASSIGN_OR_RETURN(std::string organization,
                   ParseLoyaltyProgramName("loyalty_program.name", name));
  RETURN_IF_ERROR(caller.RequireTenant(organization, name));

  const std::string key = storage::LoyaltyProgramKey(organization);
  auto guard = deps_.locks.Lock(key);
  ASSIGN_OR_RETURN(v1::LoyaltyProgram program,
                   ReadLoyaltyProgram(deps_.store, organization));
  RETURN_IF_ERROR(ApplyLoyaltyProgramUpdate(request, program));
  FieldViolations violations;
  CheckLoyaltyProgram(violations, "loyalty_program", program);
  RETURN_IF_ERROR(violations.ToStatus());
  *program.mutable_update_time() = ToProtoTimestamp(deps_.clock.Now());
  storage::WriteBatch batch;
  batch.Put(storage::ColumnFamily::kEntities, key, program.SerializeAsString());
  RETURN_IF_ERROR(deps_.store.Write(std::move(batch)));
  response = std::move(program);
  return absl::OkStatus();
}

}  // namespace guestvoice::service
