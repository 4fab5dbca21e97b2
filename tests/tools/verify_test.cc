// guestvoice-verify's recomputation: a store written by ingest, links, merges,
// case updates and erasure verifies clean; a tampered aggregate and a missing
// or stray attention-queue entry are reported.

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/counter_table.h"
#include "storage/keys.h"
#include "tests/testing/insight_fixture.h"
#include "tools/verify/aggregate_verifier.h"

namespace guestvoice {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class VerifyTest : public testing::InsightFixture {
 protected:
  void IngestSome() {
    // The last is not scored (no analyser for Chinese): its voice's
    // not-scored count is recomputed too.
    const char* const texts[] = {"The room was filthy.", "Lovely staff.",
                                 "The wifi was slow but breakfast was great.",
                                 "房间非常脏，前台服务员态度很粗鲁。"};
    for (int i = 0; i < 12; ++i) {
      v1::Feedback item =
          Item(absl::StrCat("v", i), absl::StrCat("author", i % 4),
               texts[i % 4], i % 2 ? "lisbon" : "tokyo");
      if (i % 3 == 0) {
        item.mutable_rating()->set_value(i % 5);
        item.mutable_rating()->set_scale_max(5);
      }
      ASSERT_TRUE(Ingest(item).ok());
    }
  }
};

TEST_F(VerifyTest, IngestLinksMergesAndErasureVerifyClean) {
  IngestSome();
  const std::string first = CreateGuest("First");
  const std::string second = CreateGuest("Second");
  ASSERT_TRUE(LinkHandle(first, "author0").ok());
  ASSERT_TRUE(LinkHandle(first, "author1").ok());
  ASSERT_TRUE(LinkHandle(second, "author2").ok());
  ASSERT_TRUE(Merge(first, second).ok());
  ASSERT_TRUE(Erase(first).ok());
  // The erased author0's filthy rooms left the attention queue; of author3's
  // two complaints, the resolved one leaves it too.
  v1::Feedback resolved;
  ASSERT_TRUE(
      Ingest(Item("w0", "author3", "Rude staff, filthy bathroom.", "lisbon"),
             &resolved)
          .ok());
  ASSERT_TRUE(Ingest(Item("w1", "author3", "The bed was awful.")).ok());
  ASSERT_TRUE(SetCaseState(resolved.name(), v1::CASE_STATE_RESOLVED).ok());

  auto report = verify::VerifyAggregates(server_.server().store());
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_THAT(report->differences, IsEmpty());
  EXPECT_EQ(report->feedback_items, 14);
  EXPECT_GT(report->aggregates, 0);
  EXPECT_EQ(report->attention_entries, 1);
}

TEST_F(VerifyTest, ReportsAMissingAndAStrayAttentionEntry) {
  IngestSome();
  ASSERT_TRUE(Ingest(Item("w1", "author3", "The bed was awful.")).ok());
  storage::Store& store = server_.server().store();
  std::vector<std::string> entries;
  ASSERT_TRUE(store
                  .Scan(storage::ColumnFamily::kFeedback,
                        storage::AttentionIndexPrefix("default"), "", 0,
                        [&](std::string_view key, std::string_view) {
                          entries.emplace_back(key);
                          return storage::ScanStep::kContinue;
                        })
                  .ok());
  ASSERT_FALSE(entries.empty());
  storage::WriteBatch batch;
  batch.Delete(storage::ColumnFamily::kFeedback, entries.front());
  batch.Put(storage::ColumnFamily::kFeedback,
            storage::AttentionIndexKey("default", 0, -20000, -900000,
                                       absl::UnixEpoch(), "stray"),
            "lisbon");
  ASSERT_TRUE(store.Write(std::move(batch)).ok());

  auto report = verify::VerifyAggregates(store);
  ASSERT_TRUE(report.ok()) << report.status();
  auto missing = storage::ParseAttentionIndexKey(entries.front());
  ASSERT_TRUE(missing.ok());
  EXPECT_THAT(
      report->differences,
      ElementsAre(
          HasSubstr("attention entry org=default feedback=stray: not expected"),
          absl::StrCat("attention entry org=default feedback=",
                       AbslView(missing->feedback_id), ": missing")));
}

TEST_F(VerifyTest, ReportsATamperedAggregate) {
  IngestSome();
  storage::CounterTableBuilder phantom(4);
  phantom.Add("a/phantom", {1, 500000, 0, 0});
  storage::WriteBatch batch;
  batch.Merge(storage::ColumnFamily::kAggregates,
              storage::AggregateBlockKey(
                  "default", storage::AggregateTable::kVoices, "lisbon",
                  storage::AggregatePeriod::kMonth, 20000),
              std::move(phantom).Finish());
  ASSERT_TRUE(server_.server().store().Write(std::move(batch)).ok());

  auto report = verify::VerifyAggregates(server_.server().store());
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_THAT(report->differences,
              ElementsAre(HasSubstr("voices month block org=default "
                                    "hotel=lisbon first_day=20000 "
                                    "voice=a/phantom: recomputed [] stored "
                                    "[1, 500000, 0, 0]")));
}

}  // namespace
}  // namespace guestvoice
