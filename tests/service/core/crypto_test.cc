// SHA-256.

#include "service/core/crypto.h"

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/escaping.h"
#include "common/absl_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace guestvoice::service {
namespace {

using ::testing::SizeIs;

std::string HexSha256(std::string_view data) {
  return absl::BytesToHexString(AbslView(Sha256(data)));
}

TEST(Sha256Test, MatchesTheFipsVectors) {
  // FIPS 180-2, appendix B, and the digest of nothing.
  EXPECT_EQ(HexSha256(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HexSha256("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(
      HexSha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256Test, IsThirtyTwoRawBytesOfTheWholeInput) {
  EXPECT_THAT(Sha256("abc"), SizeIs(32));
  // Bytes after a NUL count: the input is a view, not a C string.
  EXPECT_NE(Sha256(std::string("key\0a", 5)), Sha256(std::string("key\0b", 5)));
  EXPECT_NE(Sha256(std::string("key\0a", 5)), Sha256("key"));
}

TEST(Sha256Test, ThreadsHashingAtOnceEachGetTheRightDigests) {
  // Each thread reuses a hashing context of its own across calls.
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int& wrong_digests : wrong) {
    threads.emplace_back([&wrong_digests] {
      for (int i = 0; i < 200; ++i) {
        if (HexSha256("abc") !=
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a"
            "d") {
          ++wrong_digests;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_THAT(wrong, ::testing::Each(0));
}

}  // namespace
}  // namespace guestvoice::service
