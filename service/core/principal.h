#ifndef GUESTVOICE_SERVICE_CORE_PRINCIPAL_H_
#define GUESTVOICE_SERVICE_CORE_PRINCIPAL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "guestvoice/v1/admin.pb.h"

namespace guestvoice::service {

// Who is calling: the organization and scopes of a valid API key, and until
// when the key is valid.
class Principal {
 public:
  Principal(std::string organization, std::string api_key_name,
            const google::protobuf::RepeatedField<int>& scopes,
            std::optional<absl::Time> key_expire_time = std::nullopt);

  const std::string& organization() const { return organization_; }
  const std::string& api_key_name() const { return api_key_name_; }
  bool HasScope(v1::Scope scope) const;
  // When the key expires; nullopt for a key that does not. What a call
  // holds open past it (a watch stream) ends then.
  const std::optional<absl::Time>& key_expire_time() const {
    return key_expire_time_;
  }

  // PERMISSION_DENIED (SCOPE_MISSING) unless the key has `scope`.
  absl::Status RequireScope(v1::Scope scope) const;

  // NOT_FOUND (RESOURCE_NOT_FOUND) for `resource_name` unless it belongs to
  // the caller's organization: another tenant's resources do not exist as far
  // as the caller can tell.
  absl::Status RequireTenant(std::string_view organization,
                             std::string_view resource_name) const;

 private:
  std::string organization_;
  std::string api_key_name_;
  uint32_t scope_bits_ = 0;
  std::optional<absl::Time> key_expire_time_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_PRINCIPAL_H_
