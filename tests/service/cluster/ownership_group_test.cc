// OwnershipGroup against librdkafka's mock cluster: the group's assignment
// is what each node owns, the members split the partitions with none owned
// twice, and the partitions of a member that leaves go to the others.

#include "service/cluster/ownership_group.h"

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service/cluster/mock_kafka_cluster.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::testing::MockKafkaCluster;
using ::testing::IsEmpty;

constexpr int kPartitions = 4;
const std::set<int32_t> kAll = {0, 1, 2, 3};

// What a member reported through its OnChange, in order.
class Changes {
 public:
  OwnershipGroup::OnChange Callback() {
    return [this](const std::set<int32_t>& owned) {
      absl::MutexLock lock(&mutex_);
      reported_.push_back(owned);
    };
  }
  std::vector<std::set<int32_t>> reported() const {
    absl::MutexLock lock(&mutex_);
    return reported_;
  }

 private:
  mutable absl::Mutex mutex_;
  std::vector<std::set<int32_t>> reported_;
};

class OwnershipGroupTest : public ::testing::Test {
 protected:
  OwnershipGroupTest() {
    cluster_.CreateTopic(std::string(kCommandTopic), kPartitions, 3);
  }

  ClusterOptions Options(const std::string& node_id) const {
    ClusterOptions options;
    options.bootstrap_servers = cluster_.bootstrap_servers();
    options.node_id = node_id;
    options.session_timeout = absl::Seconds(6);
    return options;
  }

  // Waits (polling, up to a minute) until `done` holds.
  static bool Eventually(const std::function<bool()>& done) {
    const absl::Time give_up = absl::Now() + absl::Minutes(1);
    while (!done()) {
      if (absl::Now() > give_up) return false;
      absl::SleepFor(absl::Milliseconds(20));
    }
    return true;
  }

  MockKafkaCluster cluster_;
};

TEST_F(OwnershipGroupTest, MembersSplitThePartitionsAndTakeOverALeaversShare) {
  Changes first_changes;
  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<OwnershipGroup> first,
      OwnershipGroup::Create(Options("node-a"), first_changes.Callback()));
  // Nothing is owned before joining.
  EXPECT_FALSE(first->Owns(0));
  EXPECT_THAT(first->Owned(), IsEmpty());
  ASSERT_OK(first->Join());
  ASSERT_TRUE(Eventually([&] { return first->Owned() == kAll; }));
  EXPECT_TRUE(first->Owns(3));
  EXPECT_FALSE(first->Owns(kPartitions));
  ASSERT_FALSE(first_changes.reported().empty());
  EXPECT_EQ(first_changes.reported().back(), kAll);

  Changes second_changes;
  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<OwnershipGroup> second,
      OwnershipGroup::Create(Options("node-b"), second_changes.Callback()));
  ASSERT_OK(second->Join());
  ASSERT_TRUE(Eventually([&] {
    const std::set<int32_t> a = first->Owned();
    const std::set<int32_t> b = second->Owned();
    std::set<int32_t> both = a;
    both.insert(b.begin(), b.end());
    return !a.empty() && !b.empty() && both == kAll &&
           a.size() + b.size() == kAll.size();
  })) << "first owns "
      << first->Owned().size() << ", second " << second->Owned().size();
  for (int32_t partition : kAll) {
    EXPECT_NE(first->Owns(partition), second->Owns(partition))
        << "partition " << partition;
  }
  EXPECT_EQ(second_changes.reported().back(), second->Owned());

  // The second leaves cleanly: the first owns everything again, without
  // waiting for the session timeout, and the leaver reports owning nothing.
  second->Stop();
  EXPECT_THAT(second->Owned(), IsEmpty());
  EXPECT_THAT(second_changes.reported().back(), IsEmpty());
  ASSERT_TRUE(Eventually([&] { return first->Owned() == kAll; }));
  EXPECT_EQ(first_changes.reported().back(), kAll);
}

}  // namespace
}  // namespace guestvoice::service::cluster
