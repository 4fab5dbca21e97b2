// The --listen and --metrics_listen addresses: HOST:PORT or [v6]:PORT, and a
// clear error naming the flag for anything else.

#include "service/api/listen_address.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

TEST(ListenAddressTest, SplitsHostAndPort) {
  absl::StatusOr<ListenAddress> v4 =
      ParseListenAddress("listen", "127.0.0.1:50051", "127.0.0.1:50051");
  ASSERT_OK(v4);
  EXPECT_EQ(v4->host, "127.0.0.1");
  EXPECT_EQ(v4->port, 50051);

  absl::StatusOr<ListenAddress> v6 =
      ParseListenAddress("listen", "[::1]:0", "127.0.0.1:50051");
  ASSERT_OK(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 0);
}

TEST(ListenAddressTest, RefusesWhatIsNotHostAndPortNamingTheFlag) {
  for (const char* listen : {"127.0.0.1", "127.0.0.1:", "127.0.0.1:http",
                             "127.0.0.1:65536", "127.0.0.1:-1", ""}) {
    absl::StatusOr<ListenAddress> address =
        ParseListenAddress("metrics_listen", listen, "127.0.0.1:9464");
    EXPECT_EQ(address.status().code(), absl::StatusCode::kInvalidArgument)
        << listen;
    EXPECT_THAT(address.status().message(),
                ::testing::HasSubstr("--metrics_listen="))
        << listen;
    EXPECT_THAT(address.status().message(),
                ::testing::HasSubstr("for example 127.0.0.1:9464"))
        << listen;
  }
}

}  // namespace
}  // namespace guestvoice::service
