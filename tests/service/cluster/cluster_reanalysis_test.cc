// Re-analysis in the cluster mode, without Kafka: the command log is a
// CommandLog applied by a reference node, which also runs the operation
// (ClusterReanalysisBatches over a MutationRunner that appends to the log).
// Every state that applies the log reaches the same bytes and the same
// progress; a batch prepared from an older state is refused and changes
// nothing; only the owner of the organization's partition runs an
// operation, a new owner continues where the last one left off, and an
// owner resumes its operations after a restart.

#include "service/cluster/cluster_reanalysis.h"

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analysis/aspect_taxonomy.h"
#include "common/status_macros.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.pb.h"
#include "service/cluster/command_partition.h"
#include "service/cluster/partition_ownership.h"
#include "service/feedback/reanalysis.h"
#include "service/feedback/reanalysis_runner.h"
#include "service/tenancy/operations.h"
#include "tests/service/cluster/state_node.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::testing::AcmeAdmin;
using ::guestvoice::testing::CommandLog;
using ::guestvoice::testing::StateNode;
using ::guestvoice::testing::StatusIs;

constexpr int32_t kPartitions = 4;
constexpr int64_t kItemsPerBatch = 2;

// An operator's edit of the taxonomy, so that re-analysis changes items.
constexpr char kEditedTaxonomy[] =
    "version\t2099-01-01.1\n"
    "cleanliness\tdirty\n"
    "room\troom\n"
    "staff_service\tstaff\n";

// The runner's MutationRunner: each mutation becomes the next command of
// the log, answered from the reference node's applying it.
class LogMutations final : public MutationRunner {
 public:
  explicit LogMutations(CommandLog& log) : log_(log) {}
  std::shared_ptr<MutationRun> Start(const Principal& caller,
                                     const google::protobuf::Message& request,
                                     google::protobuf::Message& response,
                                     Done done) override {
    absl::Status added = log_.Add(caller, request, response);
    if (added.ok()) {
      std::move(done)(std::string());
    } else {
      std::move(done)(std::move(added));
    }
    return nullptr;
  }

 private:
  CommandLog& log_;
};

// A node's share of the partitions, as the test sets it.
class SetOwnership final : public PartitionOwnership {
 public:
  bool Owns(int32_t partition) const override {
    return owned_.count(partition) > 0;
  }
  std::set<int32_t> Owned() const override { return owned_; }
  void Gain(int32_t partition) { owned_.insert(partition); }
  void Lose(int32_t partition) { owned_.erase(partition); }

 private:
  std::set<int32_t> owned_;
};

class ClusterReanalysisTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log_.AddMixedWorkload();
    absl::StatusOr<analysis::AspectTaxonomy> taxonomy =
        analysis::AspectTaxonomy::Parse(kEditedTaxonomy);
    ASSERT_OK(taxonomy.status());
    edited_.emplace(*std::move(taxonomy));
  }

  // ReanalyzeFeedback of acme, received by the reference node.
  v1::Operation Reanalyze() {
    v1::ReanalyzeFeedbackRequest request;
    request.set_parent("organizations/acme");
    v1::Operation operation;
    EXPECT_OK(log_.Add(request, operation));
    return operation;
  }

  // The batches of a node owning what `ownership` says, on the reference
  // node's state.
  std::unique_ptr<ClusterReanalysisBatches> Batches(
      const PartitionOwnership& ownership) {
    return std::make_unique<ClusterReanalysisBatches>(
        ownership, kPartitions, reference_.domain(), *edited_, mutations_,
        kItemsPerBatch);
  }

  // An ownership holding acme's partition.
  static SetOwnership OwningAcme() {
    SetOwnership ownership;
    ownership.Gain(CommandPartition("acme", kPartitions));
    return ownership;
  }

  // `node`'s answer to GetOperation.
  v1::Operation Get(StateNode& node, const std::string& name) {
    v1::GetOperationRequest request;
    request.set_name(name);
    v1::Operation operation;
    EXPECT_OK(Operations(node.domain()).Get(AcmeAdmin(), request, operation));
    return operation;
  }

  OperationName NameOf(const v1::Operation& operation) {
    absl::StatusOr<OperationName> name =
        ParseOperationName("name", operation.name());
    EXPECT_OK(name.status());
    return name.ok() ? *name : OperationName{};
  }

  StateNode reference_;
  CommandLog log_{reference_};
  LogMutations mutations_{log_};
  std::optional<analysis::FeedbackAnalyzer> edited_;
};

TEST_F(ClusterReanalysisTest, EveryNodeReachesTheSameItemsAndProgress) {
  const v1::Operation started = Reanalyze();
  EXPECT_FALSE(started.done());
  EXPECT_EQ(started.reanalyze_feedback().taxonomy_version(),
            analysis::FeedbackAnalyzer::Default().taxonomy().version());
  const SetOwnership owner = OwningAcme();
  std::unique_ptr<ClusterReanalysisBatches> batches = Batches(owner);
  const size_t before = log_.records().size();
  int runs = 0;
  for (NextBatch next = NextBatch::kMore; next == NextBatch::kMore; ++runs) {
    ASSERT_LT(runs, 10);
    ASSERT_OK_AND_ASSIGN(next, batches->RunNext(NameOf(started)));
  }
  // Four items, two a batch; a batch with fewer (here none) is the last.
  EXPECT_EQ(log_.records().size() - before, 3u);
  const v1::Operation finished = Get(reference_, started.name());
  EXPECT_TRUE(finished.done());
  EXPECT_EQ(finished.reanalyze_feedback().total_count(), 4);
  EXPECT_EQ(finished.reanalyze_feedback().processed_count(), 4);
  EXPECT_GT(finished.reanalyze_feedback().changed_count(), 0);

  StateNode other;
  for (const CommandRecord& record : log_.records()) {
    ASSERT_OK_AND_ASSIGN(std::optional<AppliedCommand> applied,
                         other.applier().Apply(record));
    ASSERT_TRUE(applied.has_value());
  }
  EXPECT_EQ(other.Contents(), reference_.Contents());
  EXPECT_EQ(Get(other, started.name()).SerializeAsString(),
            finished.SerializeAsString());
}

TEST_F(ClusterReanalysisTest, OnlyThePartitionsOwnerRunsTheOperation) {
  const v1::Operation started = Reanalyze();
  SetOwnership others;  // every partition but acme's
  for (int32_t partition = 0; partition < kPartitions; ++partition) {
    others.Gain(partition);
  }
  others.Lose(CommandPartition("acme", kPartitions));
  const size_t before = log_.records().size();
  ASSERT_OK_AND_ASSIGN(NextBatch next,
                       Batches(others)->RunNext(NameOf(started)));
  EXPECT_EQ(next, NextBatch::kElsewhere);
  EXPECT_EQ(log_.records().size(), before);
  EXPECT_FALSE(Get(reference_, started.name()).done());
}

TEST_F(ClusterReanalysisTest, ANewOwnerContinuesWhereTheLastLeftOff) {
  const v1::Operation started = Reanalyze();
  SetOwnership first = OwningAcme();
  std::unique_ptr<ClusterReanalysisBatches> first_batches = Batches(first);
  ASSERT_OK_AND_ASSIGN(NextBatch next, first_batches->RunNext(NameOf(started)));
  ASSERT_EQ(next, NextBatch::kMore);
  EXPECT_EQ(
      Get(reference_, started.name()).reanalyze_feedback().processed_count(),
      kItemsPerBatch);

  // The partition moves (its owner left the group, or died).
  first.Lose(CommandPartition("acme", kPartitions));
  const SetOwnership second = OwningAcme();
  std::unique_ptr<ClusterReanalysisBatches> second_batches = Batches(second);
  ASSERT_OK_AND_ASSIGN(next, first_batches->RunNext(NameOf(started)));
  EXPECT_EQ(next, NextBatch::kElsewhere);
  const size_t before = log_.records().size();
  int runs = 0;
  for (next = NextBatch::kMore; next == NextBatch::kMore; ++runs) {
    ASSERT_LT(runs, 10);
    ASSERT_OK_AND_ASSIGN(next, second_batches->RunNext(NameOf(started)));
  }
  EXPECT_EQ(next, NextBatch::kFinished);
  // The second owner's two batches: the rest of the items, then the last.
  EXPECT_EQ(log_.records().size() - before, 2u);
  const v1::Operation finished = Get(reference_, started.name());
  EXPECT_TRUE(finished.done());
  EXPECT_EQ(finished.reanalyze_feedback().processed_count(), 4);
  EXPECT_EQ(finished.reanalyze_feedback().total_count(), 4);
  // Done is done, for the old owner too.
  ASSERT_OK_AND_ASSIGN(next, first_batches->RunNext(NameOf(started)));
  EXPECT_EQ(next, NextBatch::kFinished);
}

TEST_F(ClusterReanalysisTest,
       ABatchFromAnOlderStateIsRefusedAndChangesNothing) {
  const v1::Operation started = Reanalyze();
  const FeedbackReanalysis runner(reference_.domain(), *edited_,
                                  kItemsPerBatch);
  ASSERT_OK_AND_ASSIGN(
      std::optional<internal::v1::ReanalysisBatchRequest> first,
      runner.PrepareBatch(NameOf(started)));
  ASSERT_TRUE(first.has_value());
  // The same batch twice, as a runner that prepared before its earlier
  // batch was applied would produce it.
  v1::Operation after_first;
  ASSERT_OK(log_.Add(*first, after_first));
  EXPECT_EQ(after_first.reanalyze_feedback().processed_count(), 2);
  const std::vector<std::string> before = reference_.Contents();
  v1::Operation refused;
  EXPECT_THAT(log_.Add(*first, refused), StatusIs(absl::StatusCode::kAborted));
  std::vector<std::string> after = reference_.Contents();
  // Nothing but the partition's offset moved.
  ASSERT_EQ(after.size(), before.size());
  size_t differing = 0;
  for (size_t i = 0; i < after.size(); ++i) differing += after[i] != before[i];
  EXPECT_EQ(differing, 1u);
  EXPECT_EQ(Get(reference_, started.name()).SerializeAsString(),
            after_first.SerializeAsString());
}

TEST_F(ClusterReanalysisTest, ARestartedRunnerResumesItsOperations) {
  const v1::Operation started = Reanalyze();
  const SetOwnership owner = OwningAcme();
  {
    ASSERT_OK_AND_ASSIGN(NextBatch next,
                         Batches(owner)->RunNext(NameOf(started)));
    ASSERT_EQ(next, NextBatch::kMore);
  }
  reference_.Restart();
  ReanalysisRunner runner;
  ASSERT_OK(runner.Start(reference_.store(), Batches(owner)));
  runner.WaitUntilIdle();
  runner.Stop();
  const v1::Operation finished = Get(reference_, started.name());
  EXPECT_TRUE(finished.done());
  EXPECT_EQ(finished.reanalyze_feedback().processed_count(), 4);
}

}  // namespace
}  // namespace guestvoice::service::cluster
