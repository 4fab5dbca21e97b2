#include "service/core/ordered_page_token.h"

#include "absl/strings/escaping.h"
#include "common/absl_view.h"
#include "service/core/crypto.h"
#include "service/core/errors.h"

namespace guestvoice::service {
namespace {

// Distinct from pagination.h's version byte, so neither kind of token is
// accepted where the other is expected.
constexpr char kTokenVersion = 2;
constexpr size_t kIdentityDigestBytes = 8;

std::string IdentityDigest(std::string_view request_identity) {
  return Sha256(request_identity).substr(0, kIdentityDigestBytes);
}

}  // namespace

std::string EncodeOrderedPageToken(std::string_view request_identity,
                                   std::string_view last_order_key) {
  std::string raw(1, kTokenVersion);
  raw += IdentityDigest(request_identity);
  raw += last_order_key;
  return absl::WebSafeBase64Escape(raw);
}

absl::StatusOr<std::string> DecodeOrderedPageToken(
    std::string_view request_identity, std::string_view page_token) {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(AbslView(page_token), &raw) ||
      raw.size() <= 1 + kIdentityDigestBytes || raw[0] != kTokenVersion ||
      raw.compare(1, kIdentityDigestBytes, IdentityDigest(request_identity)) !=
          0) {
    return PageTokenInvalid();
  }
  return raw.substr(1 + kIdentityDigestBytes);
}

}  // namespace guestvoice::service
