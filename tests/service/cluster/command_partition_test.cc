#include "service/cluster/command_partition.h"

#include <set>
#include <string>

#include "gtest/gtest.h"

namespace guestvoice::service::cluster {
namespace {

// Partitions Kafka's Java client (kafka-clients 4.4.0,
// Utils.toPositive(Utils.murmur2(key)) % count) gives these keys, so Java
// tools and guestvoice nodes route an organization to the same partition.
TEST(CommandPartitionTest, AgreesWithKafkasJavaClient) {
  EXPECT_EQ(CommandPartition("default", 12), 7);
  EXPECT_EQ(CommandPartition("acme-hotels", 12), 6);
  EXPECT_EQ(CommandPartition("o", 12), 11);
  EXPECT_EQ(CommandPartition("organizations/7f3a", 12), 11);
  EXPECT_EQ(CommandPartition("default", 7), 1);
  EXPECT_EQ(CommandPartition("acme-hotels", 7), 5);
}

TEST(CommandPartitionTest, SpreadsOrganizationsOverEveryPartition) {
  std::set<int32_t> used;
  for (int i = 0; i < 200; ++i) {
    const int32_t partition = CommandPartition("org-" + std::to_string(i), 12);
    ASSERT_GE(partition, 0);
    ASSERT_LT(partition, 12);
    used.insert(partition);
  }
  EXPECT_EQ(used.size(), 12u);
}

}  // namespace
}  // namespace guestvoice::service::cluster
