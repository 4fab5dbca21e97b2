#ifndef GUESTVOICE_SERVICE_CORE_ORDERED_PAGE_TOKEN_H_
#define GUESTVOICE_SERVICE_CORE_ORDERED_PAGE_TOKEN_H_

// Page tokens for listings sorted by a computed order rather than by one key
// range (ListAttentionItems): a token carries the order key of the last item
// returned, bound to the request like pagination.h's tokens, so that the next
// page resumes strictly after it even if items came or went meanwhile.

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace guestvoice::service {

std::string EncodeOrderedPageToken(std::string_view request_identity,
                                   std::string_view last_order_key);

// The last order key, or PAGE_TOKEN_INVALID for a token of another request.
absl::StatusOr<std::string> DecodeOrderedPageToken(
    std::string_view request_identity, std::string_view page_token);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_ORDERED_PAGE_TOKEN_H_
