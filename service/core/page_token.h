#ifndef GUESTVOICE_SERVICE_CORE_PAGE_TOKEN_H_
#define GUESTVOICE_SERVICE_CORE_PAGE_TOKEN_H_

// The one page-token codec (AIP-158). A token is opaque to clients: web-safe
// base64 of a kind byte, the position where the next page resumes, and an
// HMAC-SHA-256 (truncated to 16 bytes) under the store's secret over the
// kind, the request it belongs to and the position. Only tokens this store
// issued, for a request of the same kind and identity (method, parent and
// every filter), are accepted: a token changed in one character, made up, or
// taken to another request is PAGE_TOKEN_INVALID. The secret lives in the
// store (storage::Store::secret), so tokens survive restarts.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace guestvoice::service {

// What a token's position is; distinct kinds never accept each other's
// tokens.
enum class PageTokenKind : char {
  // The last store key returned (pagination.h listings over a key range).
  kStoreKey = 1,
  // The order key of the last item of a computed order (the attention queue).
  kOrderKey = 2,
};

std::string EncodePageToken(std::string_view secret, PageTokenKind kind,
                            std::string_view request_identity,
                            std::string_view position);

// The position of a token made by EncodePageToken with the same secret, kind
// and request identity, or INVALID_ARGUMENT (PAGE_TOKEN_INVALID).
absl::StatusOr<std::string> DecodePageToken(std::string_view secret,
                                            PageTokenKind kind,
                                            std::string_view request_identity,
                                            std::string_view page_token);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_PAGE_TOKEN_H_
