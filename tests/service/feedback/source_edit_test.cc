// An edit at the source (Feedback.edit_time) sent again under the item's
// (source, external_id): the item takes the new words, its contributions,
// quotes and attention entry move exactly (guestvoice-verify stays clean),
// the author's repeats are recounted, and nothing older, undated or erased
// ever replaces what is stored.

#include "service/feedback/source_edit.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/proto_time.h"
#include "service/feedback/ingest.h"
#include "service/feedback/records.h"
#include "service/feedback/voices.h"
#include "storage/keys.h"
#include "tests/service/feedback/domain_fixture.h"
#include "tests/testing/status_matchers.h"
#include "tools/verify/aggregate_verifier.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kComplaint[] = "The room was dirty and the staff were rude.";
constexpr char kPraise[] = "Lovely clean room and very friendly staff!";

class SourceEditTest : public testing::FeedbackDomainFixture {
 protected:
  // `item` edited `minutes` after it was posted, with `text` and a rating
  // of `stars` of 1..5.
  v1::Feedback Edited(v1::Feedback item, int minutes, const std::string& text,
                      double stars) const {
    item.set_text(text);
    item.mutable_rating()->set_value(stars);
    item.mutable_rating()->set_scale_min(1);
    item.mutable_rating()->set_scale_max(5);
    *item.mutable_edit_time() = ToProtoTimestamp(
        FromProtoTimestamp(item.post_time()) + absl::Minutes(minutes));
    return item;
  }

  IngestOutcome Send(const v1::Feedback& item) {
    absl::StatusOr<IngestOutcome> outcome = ingester().Ingest("acme", item);
    EXPECT_OK(outcome.status());
    return outcome.ok() ? *std::move(outcome) : IngestOutcome{};
  }

  int64_t CountKeys(const std::string& prefix) {
    int64_t count = 0;
    EXPECT_OK(store().Scan(storage::ColumnFamily::kFeedback, prefix, "", 0,
                           [&](std::string_view, std::string_view) {
                             ++count;
                             return storage::ScanStep::kContinue;
                           }));
    return count;
  }
  int64_t AttentionEntries() {
    return CountKeys(storage::AttentionIndexPrefix("acme"));
  }
  int64_t CleanlinessQuotes() {
    return CountKeys(
        storage::NegativeQuotePrefix("acme", "lisbon", "cleanliness"));
  }

  void ExpectVerifiesClean() {
    absl::StatusOr<verify::VerifyReport> report =
        verify::VerifyAggregates(store());
    ASSERT_OK(report.status());
    EXPECT_THAT(report->differences, IsEmpty());
  }
};

TEST_F(SourceEditTest, ALaterEditTakesTheNewWordsAndMovesEveryFigure) {
  const v1::Feedback first = Edited(Item("r1", "@ana", ""), 0, kComplaint, 1);
  const IngestOutcome stored = Send(first);
  ASSERT_FALSE(stored.duplicate);
  ASSERT_LT(stored.feedback.analysis().sentiment().compound(), -0.05);
  EXPECT_EQ(AttentionEntries(), 1);
  EXPECT_EQ(CleanlinessQuotes(), 1);

  clock_.Advance(absl::Minutes(30));
  const IngestOutcome edited = Send(Edited(first, 20, kPraise, 5));
  EXPECT_TRUE(edited.edited);
  EXPECT_FALSE(edited.duplicate);
  const v1::Feedback& feedback = edited.feedback;
  EXPECT_EQ(feedback.name(), stored.feedback.name());
  EXPECT_EQ(feedback.text(), kPraise);
  EXPECT_EQ(feedback.rating().value(), 5);
  EXPECT_EQ(feedback.rating().normalized_value(), 1);
  EXPECT_GT(feedback.analysis().sentiment().compound(), 0.05);
  EXPECT_EQ(FromProtoTimestamp(feedback.edit_time()),
            FromProtoTimestamp(first.post_time()) + absl::Minutes(20));
  EXPECT_EQ(FromProtoTimestamp(feedback.update_time()), clock_.Now());
  EXPECT_EQ(feedback.post_time().seconds(), first.post_time().seconds());
  EXPECT_EQ(feedback.case_().state(), v1::CASE_STATE_OPEN);
  // Praise asks nobody to act and quotes no complaint.
  EXPECT_EQ(AttentionEntries(), 0);
  EXPECT_EQ(CleanlinessQuotes(), 0);
  ExpectVerifiesClean();

  // And back: the figures follow every edit.
  const IngestOutcome again = Send(Edited(first, 40, kComplaint, 2));
  EXPECT_TRUE(again.edited);
  EXPECT_EQ(AttentionEntries(), 1);
  EXPECT_EQ(CleanlinessQuotes(), 1);
  ExpectVerifiesClean();
}

TEST_F(SourceEditTest, AnOlderOrUndatedVersionIsARetryAndChangesNothing) {
  const v1::Feedback first = Edited(Item("r1", "@ana", ""), 0, kComplaint, 1);
  Send(first);
  const IngestOutcome edited = Send(Edited(first, 20, kPraise, 5));
  ASSERT_TRUE(edited.edited);

  // A late retry of the first version, the same edit again, and the item
  // without an edit time are all retries.
  // A later edit time with the same words (a source that moves it for
  // anything else) is one too.
  for (const v1::Feedback& retry :
       {first, Edited(first, 20, kComplaint, 1),
        Edited(first, 10, kComplaint, 1), Item("r1", "@ana", kComplaint),
        Edited(first, 30, kPraise, 5)}) {
    const IngestOutcome outcome = Send(retry);
    EXPECT_TRUE(outcome.duplicate);
    EXPECT_FALSE(outcome.edited);
    EXPECT_EQ(outcome.feedback.text(), kPraise);
    EXPECT_EQ(FromProtoTimestamp(outcome.feedback.edit_time()),
              FromProtoTimestamp(first.post_time()) + absl::Minutes(20));
  }
  EXPECT_EQ(AttentionEntries(), 0);
  ExpectVerifiesClean();
}

TEST_F(SourceEditTest, AnItemWithoutAnEditTimeIsEditedByOneLaterThanItsPost) {
  const v1::Feedback first = Item("r1", "@ana", kComplaint);
  Send(first);
  v1::Feedback same_moment = Edited(first, 0, kPraise, 5);
  EXPECT_TRUE(Send(same_moment).duplicate);
  const IngestOutcome edited = Send(Edited(first, 1, kPraise, 5));
  EXPECT_TRUE(edited.edited);
  EXPECT_EQ(edited.feedback.text(), kPraise);
  ExpectVerifiesClean();
}

TEST_F(SourceEditTest, AnEditOfTheStarsAloneKeepsTheWordsAndTheirAnalysis) {
  v1::Feedback first = Edited(Item("r1", "@ana", ""), 0, kComplaint, 1);
  first.set_language_code("en");
  const IngestOutcome stored = Send(first);
  EXPECT_EQ(AttentionEntries(), 1);

  // Another declared language for the same words is no edit: the hint is
  // the caller's, not the guest's.
  v1::Feedback relabelled = Edited(first, 10, kComplaint, 1);
  relabelled.set_language_code("pt");
  EXPECT_TRUE(Send(relabelled).duplicate);

  v1::Feedback more_stars = Edited(first, 20, kComplaint, 3);
  more_stars.set_language_code("pt");
  const IngestOutcome edited = Send(more_stars);
  ASSERT_TRUE(edited.edited);
  EXPECT_EQ(edited.feedback.rating().value(), 3);
  EXPECT_EQ(edited.feedback.language_code(), "en");
  EXPECT_EQ(edited.feedback.analysis().SerializeAsString(),
            stored.feedback.analysis().SerializeAsString());
  // Judged by its words still: a complaint, whatever its stars.
  EXPECT_EQ(AttentionEntries(), 1);
  ExpectVerifiesClean();
}

TEST_F(SourceEditTest, TheNextRepeatOfTheOldWordsCountsThemOnceTheyAreEdited) {
  // Each rated 1 of 5: a repeat has the same stars as well as the words.
  const auto complaint = [&](const std::string& external_id) {
    return Edited(Item(external_id, "@ana", ""), 0, kComplaint, 1);
  };
  const v1::Feedback first = complaint("r1");
  const IngestOutcome original = Send(first);
  clock_.Advance(absl::Minutes(1));
  const IngestOutcome repeat = Send(complaint("r2"));
  clock_.Advance(absl::Minutes(1));
  const IngestOutcome later_repeat = Send(complaint("r3"));
  ASSERT_FALSE(original.feedback.repeat());
  ASSERT_TRUE(repeat.feedback.repeat());
  ASSERT_TRUE(later_repeat.feedback.repeat());
  EXPECT_EQ(AttentionEntries(), 1);

  const IngestOutcome edited = Send(Edited(first, 5, kPraise, 5));
  ASSERT_TRUE(edited.edited);
  EXPECT_FALSE(edited.feedback.repeat());
  // The first repeat received (r2) counts the complaint now; r3 stays a
  // repeat of it.
  const auto stored = [&](const IngestOutcome& outcome) {
    absl::StatusOr<std::optional<internal::v1::StoredFeedback>> item =
        ReadStoredFeedback(store(), "acme", FeedbackIdOf(outcome.feedback));
    EXPECT_OK(item.status());
    return item.ok() && item->has_value() ? (*item)->feedback()
                                          : v1::Feedback();
  };
  EXPECT_FALSE(stored(repeat).repeat());
  EXPECT_TRUE(stored(later_repeat).repeat());
  EXPECT_EQ(AttentionEntries(), 1);
  ExpectVerifiesClean();

  // Edited to the words r2 counts, r1 is the repeat now; and a new post of
  // them is one as well.
  const IngestOutcome back = Send(Edited(first, 9, kComplaint, 1));
  EXPECT_TRUE(back.feedback.repeat());
  EXPECT_TRUE(Send(complaint("r4")).feedback.repeat());
  EXPECT_EQ(AttentionEntries(), 1);
  ExpectVerifiesClean();
}

TEST_F(SourceEditTest, AnEditOfTheStarsAloneDecidesWhetherTheWordsRepeat) {
  // The same words with other stars are another opinion; edited to the same
  // stars, they are a repeat, and back to others, they count again.
  const v1::Feedback praise = Edited(Item("r1", "@ana", ""), 0, kComplaint, 4);
  const IngestOutcome first = Send(praise);
  clock_.Advance(absl::Minutes(1));
  const v1::Feedback blame = Edited(Item("r2", "@ana", ""), 0, kComplaint, 1);
  ASSERT_FALSE(Send(blame).feedback.repeat());
  EXPECT_EQ(AttentionEntries(), 2);

  const IngestOutcome same_stars = Send(Edited(blame, 5, kComplaint, 4));
  ASSERT_TRUE(same_stars.edited);
  EXPECT_TRUE(same_stars.feedback.repeat());
  EXPECT_FALSE(first.feedback.repeat());
  EXPECT_EQ(AttentionEntries(), 1);
  ExpectVerifiesClean();

  const IngestOutcome other_stars = Send(Edited(blame, 9, kComplaint, 2));
  ASSERT_TRUE(other_stars.edited);
  EXPECT_FALSE(other_stars.feedback.repeat());
  EXPECT_EQ(AttentionEntries(), 2);
  ExpectVerifiesClean();
}

TEST_F(SourceEditTest, AnErasedAuthorsItemIsNeverEditedBack) {
  const v1::Feedback first = Item("r1", "@ana", kComplaint);
  Send(first);
  {
    auto lock = organization_locks_.Lock("acme");
    storage::WriteBatch batch;
    ASSERT_OK(
        EraseAuthor(store(), "acme", {v1::SOURCE_TWITTER, "@ana"}, batch));
    ASSERT_OK(store().Write(std::move(batch)));
  }
  const IngestOutcome outcome = Send(Edited(first, 5, kPraise, 5));
  EXPECT_TRUE(outcome.duplicate);
  EXPECT_FALSE(outcome.edited);
  EXPECT_THAT(outcome.feedback.text(), IsEmpty());
  ExpectVerifiesClean();
}

TEST_F(SourceEditTest, AnEditTimeBeforeThePostOrInTheFutureIsRefused) {
  const v1::Feedback first = Item("r1", "@ana", kComplaint);
  Send(first);
  EXPECT_THAT(ingester().Ingest("acme", Edited(first, -1, kPraise, 5)),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("feedback.edit_time")));
  v1::Feedback future = first;
  *future.mutable_edit_time() = ToProtoTimestamp(clock_.Now() + absl::Hours(1));
  EXPECT_THAT(ingester().Ingest("acme", future),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("feedback.edit_time")));
  EXPECT_EQ(ingester().Ingest("acme", first)->feedback.text(), kComplaint);
}

}  // namespace
}  // namespace guestvoice::service
