#ifndef GUESTVOICE_SERVICE_CORE_PAGE_TOKEN_H_
#define GUESTVOICE_SERVICE_CORE_PAGE_TOKEN_H_

// The one page-token codec (AIP-158). A token is opaque to clients: web-safe
// base64 of a kind byte, a digest of the request it belongs to, and the
// position where the next page resumes. A token is accepted only by a request
// of the same kind and identity (method, parent and every filter).

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

std::string EncodePageToken(PageTokenKind kind,
                            std::string_view request_identity,
                            std::string_view position);

// The position of a token made by EncodePageToken with the same kind and
// request identity, or INVALID_ARGUMENT (PAGE_TOKEN_INVALID).
absl::StatusOr<std::string> DecodePageToken(PageTokenKind kind,
                                            std::string_view request_identity,
                                            std::string_view page_token);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_PAGE_TOKEN_H_
