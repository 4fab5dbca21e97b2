#include "service/core/page_token.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::StatusIs;

TEST(PageTokenTest, RoundTripsThePosition) {
  const std::string position = std::string("key\0with\xff", 9) + "bytes";
  const std::string token =
      EncodePageToken(PageTokenKind::kStoreKey, "ListHotels|a", position);
  absl::StatusOr<std::string> decoded =
      DecodePageToken(PageTokenKind::kStoreKey, "ListHotels|a", token);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(*decoded, position);
}

TEST(PageTokenTest, IsWebSafe) {
  const std::string token = EncodePageToken(PageTokenKind::kOrderKey, "request",
                                            std::string(64, '\xfb'));
  EXPECT_EQ(token.find_first_of("+/="), std::string::npos) << token;
}

TEST(PageTokenTest, RefusesATokenOfAnotherRequest) {
  const std::string token =
      EncodePageToken(PageTokenKind::kStoreKey, "ListHotels|a", "k");
  EXPECT_THAT(DecodePageToken(PageTokenKind::kStoreKey, "ListHotels|b", token),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(PageTokenTest, KindsDoNotAcceptEachOthersTokens) {
  const std::string token =
      EncodePageToken(PageTokenKind::kOrderKey, "request", "k");
  EXPECT_THAT(DecodePageToken(PageTokenKind::kStoreKey, "request", token),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(PageTokenTest, RefusesGarbage) {
  for (const std::string token : {"", "not base64!", "AQ", "AAAAAAAAAAAAAA"}) {
    EXPECT_THAT(DecodePageToken(PageTokenKind::kStoreKey, "request", token),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << token;
  }
}

}  // namespace
}  // namespace guestvoice::service
