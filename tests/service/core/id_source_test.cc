// Server-made resource ids and secrets, from the system's CSPRNG and from a
// seed.

#include "service/core/id_source.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "common/absl_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/resource_names.h"

namespace guestvoice::service {
namespace {

using ::testing::MatchesRegex;
using ::testing::SizeIs;

// The system's and a seeded source must both make valid, distinct ids.
class IdSourceTest : public ::testing::TestWithParam<bool> {
 protected:
  IdSource& source() {
    if (GetParam()) return seeded_;
    return system_;
  }

 private:
  SystemIdSource system_;
  SeededIdSource seeded_{"id source test"};
};

INSTANTIATE_TEST_SUITE_P(SystemAndSeeded, IdSourceTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Seeded" : "System";
                         });

TEST_P(IdSourceTest, SecretsAreWebSafeBase64OfThatManyBytesWithoutPadding) {
  const std::string secret = source().NewSecret(32);
  // 32 bytes are 43 base64 characters once the padding is dropped.
  EXPECT_THAT(secret, MatchesRegex("[A-Za-z0-9_-]{43}"));
  std::string decoded;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(AbslView(secret), &decoded));
  EXPECT_THAT(decoded, SizeIs(32));
  EXPECT_EQ(source().NewSecret(0), "");
}

TEST_P(IdSourceTest, SecretsNeverRepeat) {
  std::set<std::string> secrets;
  // 40 bytes take more than one of the seeded source's 32-byte blocks.
  for (int i = 0; i < 1000; ++i) secrets.insert(source().NewSecret(40));
  EXPECT_THAT(secrets, SizeIs(1000));
}

TEST_P(IdSourceTest, ResourceIdsAreValidIdsOfTwentyCharacters) {
  for (int i = 0; i < 1000; ++i) {
    const std::string id = source().NewResourceId();
    ASSERT_THAT(id, MatchesRegex("[a-z][a-z0-9]{19}"));
    ASSERT_TRUE(IsValidResourceId(id)) << id;
  }
}

TEST_P(IdSourceTest, ResourceIdsUseDigitsAfterTheFirstCharAndNeverRepeat) {
  std::set<std::string> ids;
  bool some_digit = false;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = source().NewResourceId();
    some_digit =
        some_digit || id.find_first_of("0123456789") != std::string::npos;
    ids.insert(id);
  }
  // 19 000 characters drawn from 36 without one digit would take a broken
  // alphabet (the odds are below 1e-2000).
  EXPECT_TRUE(some_digit);
  EXPECT_THAT(ids, SizeIs(1000));
}

std::vector<std::string> FirstDraws(IdSource& source) {
  return {source.NewResourceId(), source.NewSecret(32), source.NewSecret(5),
          source.NewResourceId()};
}

TEST(SeededIdSourceTest, TheSameSeedGivesTheSameSequence) {
  SeededIdSource first("seed");
  SeededIdSource second("seed");
  EXPECT_EQ(FirstDraws(first), FirstDraws(second));
}

TEST(SeededIdSourceTest, AnotherSeedGivesAnotherSequence) {
  SeededIdSource first("seed");
  SeededIdSource second("seed2");
  const std::vector<std::string> draws = FirstDraws(first);
  const std::vector<std::string> other = FirstDraws(second);
  for (size_t i = 0; i < draws.size(); ++i) EXPECT_NE(draws[i], other[i]);
}

TEST(SeededIdSourceTest, DrawsTheBlocksOfSha256OfSeedAndBlockNumber) {
  // Pinned (computed apart, with Python's hashlib): a command applied by
  // another build must draw the same ids. Each id takes a block of its own.
  SeededIdSource source("seed");
  EXPECT_EQ(source.NewResourceId(), "am5m1vbbqxq5e522300y");
  EXPECT_EQ(source.NewResourceId(), "km740zply5ecclwu6ukl");
}

}  // namespace
}  // namespace guestvoice::service
