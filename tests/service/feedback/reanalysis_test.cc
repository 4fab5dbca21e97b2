// Re-analysis of stored feedback: after a taxonomy change every item's
// contributions move exactly (guestvoice-verify stays clean), progress is
// stored with every batch, and a run stopped mid-way resumes on a new runner
// (a restarted server) and finishes with nothing counted twice. A runner
// asks again about an operation another node runs, and runs its own
// meanwhile.

#include "service/feedback/reanalysis.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/feedback/aggregates.h"
#include "service/feedback/reanalysis_runner.h"
#include "service/tenancy/operations.h"
#include "storage/keys.h"
#include "tests/service/feedback/domain_fixture.h"
#include "tests/testing/status_matchers.h"
#include "tools/verify/aggregate_verifier.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::StatusIs;
using ::testing::IsEmpty;

// An operator's edit of the taxonomy: wifi is no longer an aspect, and
// "towel" now mentions cleanliness.
constexpr char kEditedTaxonomy[] =
    "version\t2099-01-01.1\n"
    "cleanliness\tdirty\n"
    "cleanliness\ttowel\n"
    "room\tbed\n"
    "staff_service\tstaff\n";

class ReanalysisTest : public testing::FeedbackDomainFixture {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(FeedbackDomainFixture::SetUp());
    // Organizations are found through their index (a restart's resume).
    storage::WriteBatch batch;
    batch.Put(storage::ColumnFamily::kIndexes,
              storage::OrganizationIndexKey("acme"), "");
    ASSERT_OK(store().Write(std::move(batch)));
    absl::StatusOr<analysis::AspectTaxonomy> taxonomy =
        analysis::AspectTaxonomy::Parse(kEditedTaxonomy);
    ASSERT_OK(taxonomy.status());
    edited_.emplace(*std::move(taxonomy));
  }

  // Five items, each with a wifi mention the edit takes away; the last two
  // by one author.
  void IngestItems() {
    for (int i = 0; i < 5; ++i) {
      Ingest(Item(absl::StrCat("x", i), absl::StrCat("@guest", i % 4),
                  absl::StrCat("The wifi was terrible and the towel ", i,
                               " was dirty.")));
    }
  }

  // Aspect -> mentions in acme's lisbon blocks of today.
  std::map<std::string, int64_t> MentionsToday() {
    const int64_t day =
        HotelDay(clock_.Now() - absl::Hours(1), absl::UTCTimeZone());
    std::map<std::string, int64_t> mentions;
    absl::StatusOr<std::vector<AggregateBlock>> blocks =
        ReadBlocks(store(), "acme", storage::AggregateTable::kAspects, "lisbon",
                   day - 1, day + 1, BlockCover::kDays, nullptr);
    EXPECT_OK(blocks.status());
    EXPECT_OK(
        SumAspectVoices(*blocks, [&](std::string_view aspect, std::string_view,
                                     const AspectCounters& totals) {
          mentions[std::string(aspect)] += totals.mention_count;
        }));
    return mentions;
  }

  void ExpectVerifiesClean() {
    absl::StatusOr<verify::VerifyReport> report =
        verify::VerifyAggregates(store());
    ASSERT_OK(report.status());
    EXPECT_THAT(report->differences, IsEmpty());
  }

  v1::Operation StartOperation(const FeedbackReanalysis& reanalysis) {
    v1::ReanalyzeFeedbackRequest request;
    request.set_parent(kAcme);
    v1::Operation operation;
    EXPECT_OK(reanalysis.Start(admin_, request, operation));
    return operation;
  }

  v1::Operation Get(const std::string& name) {
    v1::GetOperationRequest request;
    request.set_name(name);
    v1::Operation operation;
    EXPECT_OK(Operations(domain()).Get(admin_, request, operation));
    return operation;
  }

  const Principal admin_ = Caller("acme", {v1::SCOPE_ADMIN});
  std::optional<analysis::FeedbackAnalyzer> edited_;
};

TEST_F(ReanalysisTest, ATaxonomyEditMovesAspectCountsExactly) {
  IngestItems();
  EXPECT_EQ(MentionsToday()["wifi_internet"], 5);
  const FeedbackReanalysis reanalysis(domain(), *edited_, 2);
  const v1::Operation started = StartOperation(reanalysis);
  EXPECT_FALSE(started.done());
  EXPECT_EQ(started.reanalyze_feedback().taxonomy_version(), "2099-01-01.1");
  absl::StatusOr<OperationName> name =
      ParseOperationName("name", started.name());
  ASSERT_OK(name.status());

  int batches = 0;
  for (bool done = false; !done; ++batches) {
    absl::StatusOr<bool> ran = reanalysis.RunBatch(*name);
    ASSERT_OK(ran.status());
    done = *ran;
    ExpectVerifiesClean();
  }
  EXPECT_EQ(batches, 3);
  const std::map<std::string, int64_t> mentions = MentionsToday();
  EXPECT_EQ(mentions.count("wifi_internet"), 0u);
  EXPECT_EQ(mentions.at("cleanliness"), 5) << "one per clause";

  const v1::Operation finished = Get(started.name());
  EXPECT_TRUE(finished.done());
  EXPECT_FALSE(finished.has_error());
  EXPECT_EQ(finished.reanalyze_feedback().total_count(), 5);
  EXPECT_EQ(finished.reanalyze_feedback().processed_count(), 5);
  EXPECT_EQ(finished.reanalyze_feedback().changed_count(), 5);
}

TEST_F(ReanalysisTest, AnUnchangedAnalyserChangesNothing) {
  IngestItems();
  const std::map<std::string, int64_t> before = MentionsToday();
  const FeedbackReanalysis reanalysis(domain(),
                                      analysis::FeedbackAnalyzer::Default());
  absl::StatusOr<OperationName> name =
      ParseOperationName("name", StartOperation(reanalysis).name());
  ASSERT_OK(name.status());
  absl::StatusOr<bool> done = reanalysis.RunBatch(*name);
  ASSERT_OK(done.status());
  EXPECT_TRUE(*done) << "one batch holds all five";
  EXPECT_EQ(MentionsToday(), before);
  const v1::Operation finished =
      Get(FormatOperationName(name->organization, name->operation));
  EXPECT_EQ(finished.reanalyze_feedback().processed_count(), 5);
  EXPECT_EQ(finished.reanalyze_feedback().changed_count(), 0);
  ExpectVerifiesClean();
}

TEST_F(ReanalysisTest, AStoppedRunResumesOnANewRunnerWithNothingTwice) {
  IngestItems();
  const FeedbackReanalysis reanalysis(domain(), *edited_, 2);
  const v1::Operation started = StartOperation(reanalysis);
  absl::StatusOr<OperationName> name =
      ParseOperationName("name", started.name());
  ASSERT_OK(name.status());
  // One batch, then the server goes down.
  absl::StatusOr<bool> done = reanalysis.RunBatch(*name);
  ASSERT_OK(done.status());
  ASSERT_FALSE(*done);
  const v1::Operation halfway = Get(started.name());
  EXPECT_FALSE(halfway.done());
  EXPECT_EQ(halfway.reanalyze_feedback().total_count(), 5);
  EXPECT_EQ(halfway.reanalyze_feedback().processed_count(), 2);
  ExpectVerifiesClean();

  // The next start finds the operation unfinished and completes it.
  const FeedbackReanalysis restarted(domain(), *edited_, 2);
  ReanalysisRunner runner;
  ASSERT_OK(runner.Start(
      store(), std::make_unique<LocalReanalysisBatches>(restarted, domain())));
  runner.WaitUntilIdle();
  runner.Stop();

  const v1::Operation finished = Get(started.name());
  EXPECT_TRUE(finished.done());
  EXPECT_EQ(finished.reanalyze_feedback().processed_count(), 5);
  EXPECT_EQ(finished.reanalyze_feedback().changed_count(), 5);
  EXPECT_EQ(MentionsToday().at("cleanliness"), 5);
  EXPECT_EQ(MentionsToday().count("wifi_internet"), 0u);
  ExpectVerifiesClean();
}

// Items stored by an analyser whose taxonomy had no Spanish terms (as before
// Spanish was analysed) gain their Spanish aspects when re-analysed with the
// current one, and every figure moves exactly.
TEST_F(ReanalysisTest, StoredSpanishItemsAreReanalysedWithSpanishTerms) {
  const FeedbackIngester before_spanish(domain(), publisher_, *edited_);
  for (int i = 0; i < 3; ++i) {
    v1::IngestFeedbackRequest request;
    request.set_parent(kAcme);
    *request.mutable_feedback() =
        Item(absl::StrCat("es", i), absl::StrCat("@huesped", i),
             "La habitación estaba sucia y el personal fue muy grosero.");
    v1::Feedback stored;
    ASSERT_OK(before_spanish.Ingest(acme_, request, stored));
    EXPECT_EQ(stored.analysis().language_code(), "es");
    EXPECT_EQ(stored.analysis().aspects_size(), 0);
  }
  EXPECT_EQ(MentionsToday().count("cleanliness"), 0u);

  const FeedbackReanalysis reanalysis(domain(),
                                      analysis::FeedbackAnalyzer::Default());
  const v1::Operation started = StartOperation(reanalysis);
  absl::StatusOr<OperationName> name =
      ParseOperationName("name", started.name());
  ASSERT_OK(name.status());
  absl::StatusOr<bool> done = reanalysis.RunBatch(*name);
  ASSERT_OK(done.status());
  EXPECT_TRUE(*done);
  ExpectVerifiesClean();
  const std::map<std::string, int64_t> mentions = MentionsToday();
  EXPECT_EQ(mentions.at("cleanliness"), 3);
  EXPECT_EQ(mentions.at("staff_service"), 3);
  EXPECT_EQ(Get(started.name()).reanalyze_feedback().changed_count(), 3);
}

TEST_F(ReanalysisTest, OnlyTheOrganizationsAdminsMayStartOrRead) {
  const FeedbackReanalysis reanalysis(domain(), *edited_);
  v1::ReanalyzeFeedbackRequest request;
  request.set_parent(kAcme);
  v1::Operation operation;
  EXPECT_THAT(
      reanalysis.Start(Caller("rival", {v1::SCOPE_ADMIN}), request, operation),
      StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(reanalysis.Start(Caller("acme", {v1::SCOPE_FEEDBACK_WRITE}),
                               request, operation),
              StatusIs(absl::StatusCode::kPermissionDenied));
  request.set_parent("hotels/lisbon");
  EXPECT_THAT(reanalysis.Start(admin_, request, operation),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

// Batches of a node on which the operation "theirs" runs elsewhere until
// the test hands it over; every other operation finishes in one batch.
class HandedOverBatches final : public ReanalysisBatches {
 public:
  absl::StatusOr<NextBatch> RunNext(const OperationName& name) override {
    absl::MutexLock lock(&mutex_);
    if (name.operation == "theirs" && !handed_over_) {
      return NextBatch::kElsewhere;
    }
    ran_.push_back(name.operation);
    return NextBatch::kFinished;
  }
  void HandOver() {
    absl::MutexLock lock(&mutex_);
    handed_over_ = true;
  }
  // What ran here, once `count` operations have.
  std::vector<std::string> AwaitRan(size_t count) {
    absl::MutexLock lock(&mutex_);
    awaited_ = count;
    mutex_.Await(absl::Condition(this, &HandedOverBatches::RanAwaited));
    return ran_;
  }

 private:
  bool RanAwaited() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    return ran_.size() >= awaited_;
  }

  absl::Mutex mutex_;
  bool handed_over_ ABSL_GUARDED_BY(mutex_) = false;
  size_t awaited_ ABSL_GUARDED_BY(mutex_) = 0;
  std::vector<std::string> ran_ ABSL_GUARDED_BY(mutex_);
};

// While an organization's re-analysis is not done, starting another returns
// it; once it is done, the next start is a new operation.
TEST_F(ReanalysisTest, AStartWhileOneIsNotDoneReturnsIt) {
  IngestItems();
  const FeedbackReanalysis reanalysis(domain(), *edited_, 2);
  const v1::Operation first = StartOperation(reanalysis);
  const v1::Operation again = StartOperation(reanalysis);
  EXPECT_EQ(again.name(), first.name());
  EXPECT_FALSE(again.done());
  // Another build's analyser may score otherwise: its start is a full pass
  // of its own.
  internal::v1::PreparedReanalysis upgraded = reanalysis.Prepare();
  upgraded.set_analyzer_build(upgraded.analyzer_build() + "-next");
  v1::ReanalyzeFeedbackRequest request;
  request.set_parent(kAcme);
  v1::Operation by_upgraded;
  ASSERT_OK(reanalysis.Start(admin_, request, upgraded, by_upgraded));
  EXPECT_NE(by_upgraded.name(), first.name());

  absl::StatusOr<OperationName> name = ParseOperationName("name", first.name());
  ASSERT_OK(name.status());
  absl::StatusOr<bool> done = false;
  while (done.ok() && !*done) done = reanalysis.RunBatch(*name);
  ASSERT_OK(done.status());
  const v1::Operation after = StartOperation(reanalysis);
  EXPECT_NE(after.name(), first.name());
  EXPECT_NE(after.name(), by_upgraded.name());
  EXPECT_FALSE(after.done());
}

// Batches that answer kMore twice per operation, then kFinished, and record
// which operation each ran for.
class TwoBatchesEach final : public ReanalysisBatches {
 public:
  absl::StatusOr<NextBatch> RunNext(const OperationName& name) override {
    absl::MutexLock lock(&mutex_);
    ran_.push_back(name.operation);
    return ++batches_[name.operation] < 3 ? NextBatch::kMore
                                          : NextBatch::kFinished;
  }
  std::vector<std::string> ran() {
    absl::MutexLock lock(&mutex_);
    return ran_;
  }

 private:
  absl::Mutex mutex_;
  std::map<std::string, int> batches_ ABSL_GUARDED_BY(mutex_);
  std::vector<std::string> ran_ ABSL_GUARDED_BY(mutex_);
};

// Queued operations take turns, one batch each, and an operation queued
// twice runs once.
TEST_F(ReanalysisTest, QueuedOperationsTakeTurnsBatchByBatch) {
  auto owned = std::make_unique<TwoBatchesEach>();
  TwoBatchesEach& batches = *owned;
  ReanalysisRunner runner;
  runner.Enqueue({"acme", "first"});
  runner.Enqueue({"other", "second"});
  runner.Enqueue({"acme", "first"});
  ASSERT_OK(runner.Start(store(), std::move(owned)));
  runner.WaitUntilIdle();
  runner.Stop();
  EXPECT_THAT(batches.ran(),
              ::testing::ElementsAre("first", "second", "first", "second",
                                     "first", "second"));
}

TEST_F(ReanalysisTest, ARunnerRunsItsOwnWhileAnotherNodeRunsTheFirst) {
  auto owned = std::make_unique<HandedOverBatches>();
  HandedOverBatches& batches = *owned;
  ReanalysisRunner runner;
  runner.Enqueue({"acme", "theirs"});
  runner.Enqueue({"acme", "mine"});
  ASSERT_OK(runner.Start(store(), std::move(owned)));
  EXPECT_THAT(batches.AwaitRan(1), ::testing::ElementsAre("mine"));

  // The first operation's node goes: it comes to this runner, which has
  // kept asking.
  batches.HandOver();
  runner.WaitUntilIdle();
  EXPECT_THAT(batches.AwaitRan(2), ::testing::ElementsAre("mine", "theirs"));
  runner.Stop();
}

}  // namespace
}  // namespace guestvoice::service
