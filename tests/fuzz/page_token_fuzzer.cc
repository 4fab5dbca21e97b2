// Page tokens on arbitrary bytes: decoding never crashes, and no token the
// server did not issue is accepted. A token is accepted only if it is the
// one EncodePageToken makes for the position it decodes to, so a forged or
// altered token can only pass by forging the HMAC.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "service/core/page_token.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using guestvoice::service::DecodePageToken;
  using guestvoice::service::EncodePageToken;
  using guestvoice::service::PageTokenKind;
  static const std::string secret(32, '\x5a');
  const std::string_view token(reinterpret_cast<const char*>(data), size);
  for (PageTokenKind kind :
       {PageTokenKind::kStoreKey, PageTokenKind::kOrderKey}) {
    auto position = DecodePageToken(secret, kind, "ListFeedback\nacme", token);
    if (position.ok()) {
      FUZZ_CHECK(EncodePageToken(secret, kind, "ListFeedback\nacme",
                                 *position) == token);
    }
  }
  // A real token with the fuzzer's bytes as its position round-trips.
  const std::string issued = EncodePageToken(secret, PageTokenKind::kStoreKey,
                                             "ListFeedback\nacme", token);
  auto decoded = DecodePageToken(secret, PageTokenKind::kStoreKey,
                                 "ListFeedback\nacme", issued);
  FUZZ_CHECK(decoded.ok() && *decoded == token);
  FUZZ_CHECK(!DecodePageToken(secret, PageTokenKind::kOrderKey,
                              "ListFeedback\nacme", issued)
                  .ok());
  return 0;
}
