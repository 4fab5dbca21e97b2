#include "service/core/principal.h"

#include <utility>

#include "service/core/errors.h"

namespace guestvoice::service {
namespace {

uint32_t ScopeBit(v1::Scope scope) { return uint32_t{1} << scope; }

}  // namespace

Principal::Principal(std::string organization, std::string api_key_name,
                     const google::protobuf::RepeatedField<int>& scopes,
                     std::optional<absl::Time> key_expire_time)
    : organization_(std::move(organization)),
      api_key_name_(std::move(api_key_name)),
      key_expire_time_(key_expire_time) {
  for (int scope : scopes) {
    if (v1::Scope_IsValid(scope)) {
      scope_bits_ |= ScopeBit(static_cast<v1::Scope>(scope));
    }
  }
}

bool Principal::HasScope(v1::Scope scope) const {
  return (scope_bits_ & ScopeBit(scope)) != 0;
}

absl::Status Principal::RequireScope(v1::Scope scope) const {
  return HasScope(scope) ? absl::OkStatus() : ScopeMissing(scope);
}

absl::Status Principal::RequireTenant(std::string_view organization,
                                      std::string_view resource_name) const {
  return organization == organization_ ? absl::OkStatus()
                                       : ResourceNotFound(resource_name);
}

}  // namespace guestvoice::service
