#include "service/core/page_token.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "service/core/crypto.h"
#include "service/core/errors.h"

namespace guestvoice::service {
namespace {

// 128 bits of HMAC-SHA-256: far beyond guessing, and shorter tokens.
constexpr size_t kMacBytes = 16;

// The MAC binds the kind, the request and the position; the request's
// identity is length-prefixed so that no (identity, position) pair can pass
// for another.
std::string Mac(std::string_view secret, PageTokenKind kind,
                std::string_view request_identity, std::string_view position) {
  const std::string signed_bytes = absl::StrCat(
      std::string(1, static_cast<char>(kind)), request_identity.size(), ":",
      AbslView(request_identity), AbslView(position));
  return HmacSha256(secret, signed_bytes).substr(0, kMacBytes);
}

}  // namespace

std::string EncodePageToken(std::string_view secret, PageTokenKind kind,
                            std::string_view request_identity,
                            std::string_view position) {
  return absl::WebSafeBase64Escape(
      absl::StrCat(std::string(1, static_cast<char>(kind)), AbslView(position),
                   Mac(secret, kind, request_identity, position)));
}

absl::StatusOr<std::string> DecodePageToken(std::string_view secret,
                                            PageTokenKind kind,
                                            std::string_view request_identity,
                                            std::string_view page_token) {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(AbslView(page_token), &raw) ||
      raw.size() < 1 + kMacBytes || raw[0] != static_cast<char>(kind)) {
    return PageTokenInvalid();
  }
  const std::string_view position =
      std::string_view(raw).substr(1, raw.size() - 1 - kMacBytes);
  const std::string_view mac =
      std::string_view(raw).substr(raw.size() - kMacBytes);
  if (!ConstantTimeEquals(mac, Mac(secret, kind, request_identity, position))) {
    return PageTokenInvalid();
  }
  return std::string(position);
}

}  // namespace guestvoice::service
