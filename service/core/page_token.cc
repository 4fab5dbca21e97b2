#include "service/core/page_token.h"

#include "absl/strings/escaping.h"
#include "common/absl_view.h"
#include "service/core/crypto.h"
#include "service/core/errors.h"

namespace guestvoice::service {
namespace {

constexpr size_t kIdentityDigestBytes = 8;

std::string IdentityDigest(std::string_view request_identity) {
  return Sha256(request_identity).substr(0, kIdentityDigestBytes);
}

}  // namespace

std::string EncodePageToken(PageTokenKind kind,
                            std::string_view request_identity,
                            std::string_view position) {
  std::string raw(1, static_cast<char>(kind));
  raw += IdentityDigest(request_identity);
  raw += position;
  return absl::WebSafeBase64Escape(raw);
}

absl::StatusOr<std::string> DecodePageToken(PageTokenKind kind,
                                            std::string_view request_identity,
                                            std::string_view page_token) {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(AbslView(page_token), &raw) ||
      raw.size() <= 1 + kIdentityDigestBytes ||
      raw[0] != static_cast<char>(kind) ||
      raw.compare(1, kIdentityDigestBytes, IdentityDigest(request_identity)) !=
          0) {
    return PageTokenInvalid();
  }
  return raw.substr(1 + kIdentityDigestBytes);
}

}  // namespace guestvoice::service
