#include "service/api/authenticator.h"

#include <iterator>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "service/core/errors.h"

namespace guestvoice::service {
namespace {

constexpr std::string_view kBearerPrefix = "bearer ";

}  // namespace

absl::StatusOr<Principal> Authenticator::Authenticate(
    const grpc::ServerContextBase& context, v1::Scope required) const {
  ASSIGN_OR_RETURN(Principal principal, Verify(context));
  RETURN_IF_ERROR(rate_limiter_.Admit(principal.api_key_name()));
  if (required != kAnyScope) RETURN_IF_ERROR(principal.RequireScope(required));
  return principal;
}

absl::StatusOr<Principal> Authenticator::Recheck(
    const grpc::ServerContextBase& context, v1::Scope required) const {
  ASSIGN_OR_RETURN(Principal principal, Verify(context));
  if (required != kAnyScope) RETURN_IF_ERROR(principal.RequireScope(required));
  return principal;
}

void Authenticator::Refund(const Principal& caller) const {
  rate_limiter_.Refund(caller.api_key_name());
}

absl::StatusOr<Principal> Authenticator::Verify(
    const grpc::ServerContextBase& context) const {
  const auto& metadata = context.client_metadata();
  const auto [found, end] = metadata.equal_range("authorization");
  if (found == end) {
    return Unauthenticated(v1::ERROR_REASON_API_KEY_MISSING,
                           "send the API key as `authorization: Bearer <key>` "
                           "metadata");
  }
  // Which of two keys a call acts with must not depend on which one a proxy
  // or library happened to put first.
  if (std::next(found) != end) {
    return Unauthenticated(v1::ERROR_REASON_API_KEY_MISSING,
                           "send one `authorization` metadata entry, not "
                           "several");
  }
  const std::string_view value(found->second.data(), found->second.size());
  if (value.size() <= kBearerPrefix.size() ||
      !absl::StartsWithIgnoreCase(AbslView(value), AbslView(kBearerPrefix))) {
    return Unauthenticated(v1::ERROR_REASON_API_KEY_MISSING,
                           "the authorization metadata must be `Bearer <key>`");
  }
  const absl::string_view key =
      absl::StripAsciiWhitespace(AbslView(value.substr(kBearerPrefix.size())));
  return verifier_.Verify(FromAbsl(key), clock_.Now());
}

}  // namespace guestvoice::service
