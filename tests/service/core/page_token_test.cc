#include "service/core/page_token.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_details.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::HasErrorReason;

const std::string kSecret(32, 's');
const std::string kOtherSecret(32, 't');

TEST(PageTokenTest, RoundTripsThePosition) {
  const std::string position(
      "key\0with\xff"
      "bytes",
      14);
  const std::string token = EncodePageToken(kSecret, PageTokenKind::kStoreKey,
                                            "ListHotels|a", position);
  absl::StatusOr<std::string> decoded =
      DecodePageToken(kSecret, PageTokenKind::kStoreKey, "ListHotels|a", token);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(*decoded, position);
}

// Found by tests/fuzz/page_token_fuzzer: a token the encoder made for an
// empty position was refused by the decoder.
TEST(PageTokenTest, RoundTripsAnEmptyPosition) {
  const std::string token =
      EncodePageToken(kSecret, PageTokenKind::kOrderKey, "ListHotels|a", "");
  absl::StatusOr<std::string> decoded =
      DecodePageToken(kSecret, PageTokenKind::kOrderKey, "ListHotels|a", token);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(*decoded, "");
}

TEST(PageTokenTest, IsWebSafe) {
  const std::string token = EncodePageToken(kSecret, PageTokenKind::kOrderKey,
                                            "request", std::string(64, '\xfb'));
  EXPECT_EQ(token.find_first_of("+/="), std::string::npos) << token;
}

TEST(PageTokenTest, RefusesATokenOfAnotherRequest) {
  const std::string token =
      EncodePageToken(kSecret, PageTokenKind::kStoreKey, "ListHotels|a", "k");
  EXPECT_THAT(
      DecodePageToken(kSecret, PageTokenKind::kStoreKey, "ListHotels|b", token),
      HasErrorReason(v1::ERROR_REASON_PAGE_TOKEN_INVALID));
}

TEST(PageTokenTest, KindsDoNotAcceptEachOthersTokens) {
  const std::string token =
      EncodePageToken(kSecret, PageTokenKind::kOrderKey, "request", "k");
  EXPECT_THAT(
      DecodePageToken(kSecret, PageTokenKind::kStoreKey, "request", token),
      HasErrorReason(v1::ERROR_REASON_PAGE_TOKEN_INVALID));
}

// Only tokens made with this store's secret pass: another store's (or a
// forged one) does not.
TEST(PageTokenTest, RefusesATokenMadeWithAnotherSecret) {
  const std::string token =
      EncodePageToken(kOtherSecret, PageTokenKind::kStoreKey, "request", "k");
  EXPECT_THAT(
      DecodePageToken(kSecret, PageTokenKind::kStoreKey, "request", token),
      HasErrorReason(v1::ERROR_REASON_PAGE_TOKEN_INVALID));
}

// Every one-character change of a token is refused, wherever it falls (kind,
// position or MAC).
TEST(PageTokenTest, RefusesEveryTokenChangedInOneCharacter) {
  const std::string token = EncodePageToken(
      kSecret, PageTokenKind::kStoreKey, "ListFeedback|x", "organizations/o/k");
  const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  int accepted = 0;
  for (size_t i = 0; i < token.size(); ++i) {
    for (char c : alphabet) {
      if (c == token[i]) continue;
      std::string changed = token;
      changed[i] = c;
      absl::StatusOr<std::string> decoded = DecodePageToken(
          kSecret, PageTokenKind::kStoreKey, "ListFeedback|x", changed);
      if (decoded.ok() && *decoded != "organizations/o/k") ++accepted;
    }
  }
  EXPECT_EQ(accepted, 0);
}

TEST(PageTokenTest, RefusesGarbage) {
  for (const std::string token :
       {"", "not base64!", "AQ", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
    EXPECT_THAT(
        DecodePageToken(kSecret, PageTokenKind::kStoreKey, "request", token),
        HasErrorReason(v1::ERROR_REASON_PAGE_TOKEN_INVALID))
        << token;
  }
}

}  // namespace
}  // namespace guestvoice::service
