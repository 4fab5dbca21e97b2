// ListFeedback's pages: newest first, on the narrowest index, with every
// filter and the time range applied, and tokens good for one filter only.

#include "service/feedback/listing.h"

#include <string>
#include <vector>

#include "common/status_macros.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/proto_time.h"
#include "service/feedback/feedback_items.h"
#include "service/feedback/filter.h"
#include "service/feedback/names.h"
#include "service/feedback/records.h"
#include "storage/keys.h"
#include "tests/service/feedback/domain_fixture.h"
#include "tests/testing/status_details.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::FieldViolationsOf;
using ::guestvoice::testing::HasErrorReason;
using ::guestvoice::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;

class ListingTest : public testing::FeedbackDomainFixture {
 protected:
  // Five items of acme a minute apart, oldest first, and one of rival:
  //   pool_   lisbon  positive  facilities
  //   noise_  tokyo   negative  noise_sleep
  //   staff_  lisbon  negative  staff_service
  //   dirty_  lisbon  negative  cleanliness   (a Google review)
  //   food_   tokyo   positive  food_beverage
  void SetUp() override {
    FeedbackDomainFixture::SetUp();
    pool_ = Ingest(Item("l-1", "@ana", "Great pool"));
    clock_.Advance(absl::Minutes(1));
    noise_ = Ingest(Item("l-2", "@bea", "Terrible noise", "tokyo"));
    clock_.Advance(absl::Minutes(1));
    staff_ = Ingest(Item("l-3", "@cy", "Awful, rude staff"));
    clock_.Advance(absl::Minutes(1));
    v1::Feedback review = Item("l-4", "Dee", "The room was dirty");
    review.set_source(v1::SOURCE_GOOGLE);
    dirty_ = Ingest(review);
    clock_.Advance(absl::Minutes(1));
    food_ = Ingest(Item("l-5", "@ana", "Lovely breakfast", "tokyo"));

    v1::IngestFeedbackRequest rival;
    rival.set_parent("organizations/rival");
    *rival.mutable_feedback() = Item("l-6", "@ana", "Great pool");
    rival.mutable_feedback()->set_hotel("organizations/rival/hotels/porto");
    v1::Feedback stored;
    ASSERT_OK(ingester().Ingest(rival_, rival, stored));
  }

  // One page of acme's feedback through `request`'s filters, parsed as
  // ListFeedback parses them.
  absl::StatusOr<v1::ListFeedbackResponse> Page(
      v1::ListFeedbackRequest request) {
    request.set_parent("organizations/acme");
    ASSIGN_OR_RETURN(
        FeedbackFilter filter,
        ParseFeedbackFilter({
            .parent = request.parent(),
            .hotel = request.hotel(),
            .source = request.source(),
            .band = request.band(),
            .aspect = request.aspect(),
            .case_state = request.case_state(),
            .start_time =
                request.has_start_time() ? &request.start_time() : nullptr,
            .end_time = request.has_end_time() ? &request.end_time() : nullptr,
        }));
    v1::ListFeedbackResponse response;
    RETURN_IF_ERROR(ListFeedbackPage(*store_, filter, request, response));
    return response;
  }

  // The names on one page; none, and a failure, when the listing fails.
  std::vector<std::string> Names(const v1::ListFeedbackRequest& request) {
    absl::StatusOr<v1::ListFeedbackResponse> response = Page(request);
    EXPECT_OK(response.status());
    std::vector<std::string> names;
    if (!response.ok()) return names;
    for (const v1::Feedback& feedback : response->feedback()) {
      names.push_back(feedback.name());
    }
    return names;
  }

  // Stores item `id` of acme's lisbon hotel posted at `post_time` with the
  // index entries ingest writes, for tests that need to choose the id.
  void PutItem(const std::string& id, absl::Time post_time) {
    internal::v1::StoredFeedback item;
    item.set_author_voice("a/voice");
    v1::Feedback& feedback = *item.mutable_feedback();
    feedback.set_name(FormatFeedbackName("acme", id));
    feedback.set_hotel("organizations/acme/hotels/lisbon");
    feedback.set_source(v1::SOURCE_TWITTER);
    feedback.set_external_id(id);
    *feedback.mutable_post_time() = ToProtoTimestamp(post_time);
    feedback.mutable_case_()->set_state(v1::CASE_STATE_OPEN);
    storage::WriteBatch batch;
    PutNewFeedback(batch, "acme", item, id);
    ASSERT_OK(store_->Write(std::move(batch)));
  }

  static v1::ListFeedbackRequest Between(const v1::Feedback& start,
                                         const v1::Feedback& end) {
    v1::ListFeedbackRequest request;
    *request.mutable_start_time() = start.post_time();
    *request.mutable_end_time() = end.post_time();
    return request;
  }

  v1::Feedback pool_, noise_, staff_, dirty_, food_;
};

TEST_F(ListingTest, TheOrganizationsFeedbackNewestFirst) {
  ASSERT_OK_AND_ASSIGN(v1::ListFeedbackResponse page, Page({}));
  ASSERT_EQ(page.feedback_size(), 5);
  EXPECT_EQ(page.feedback(0).SerializeAsString(), food_.SerializeAsString());
  EXPECT_THAT(Names({}), ElementsAre(food_.name(), dirty_.name(), staff_.name(),
                                     noise_.name(), pool_.name()));
  EXPECT_THAT(page.next_page_token(), IsEmpty());
}

TEST_F(ListingTest, PagesWalkEveryItemOnce) {
  v1::ListFeedbackRequest request;
  request.set_page_size(2);
  std::vector<std::string> walked;
  std::vector<int> page_sizes;
  do {
    ASSERT_OK_AND_ASSIGN(v1::ListFeedbackResponse page, Page(request));
    page_sizes.push_back(page.feedback_size());
    for (const v1::Feedback& feedback : page.feedback()) {
      walked.push_back(feedback.name());
    }
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  EXPECT_THAT(page_sizes, ElementsAre(2, 2, 1));
  EXPECT_THAT(walked, ElementsAre(food_.name(), dirty_.name(), staff_.name(),
                                  noise_.name(), pool_.name()));
}

TEST_F(ListingTest, APageThatEndsTheListHasNoToken) {
  v1::ListFeedbackRequest request;
  request.set_page_size(5);
  ASSERT_OK_AND_ASSIGN(v1::ListFeedbackResponse page, Page(request));
  EXPECT_EQ(page.feedback_size(), 5);
  EXPECT_THAT(page.next_page_token(), IsEmpty());
}

TEST_F(ListingTest, AFilteredPageCountsOnlyWhatMatches) {
  v1::ListFeedbackRequest request;
  request.set_band(v1::SENTIMENT_BAND_NEGATIVE);
  request.set_page_size(2);
  ASSERT_OK_AND_ASSIGN(v1::ListFeedbackResponse first, Page(request));
  ASSERT_EQ(first.feedback_size(), 2);
  EXPECT_EQ(first.feedback(0).name(), dirty_.name());
  EXPECT_EQ(first.feedback(1).name(), staff_.name());
  ASSERT_FALSE(first.next_page_token().empty());

  request.set_page_token(first.next_page_token());
  ASSERT_OK_AND_ASSIGN(v1::ListFeedbackResponse second, Page(request));
  ASSERT_EQ(second.feedback_size(), 1);
  EXPECT_EQ(second.feedback(0).name(), noise_.name());
  EXPECT_THAT(second.next_page_token(), IsEmpty());
}

TEST_F(ListingTest, ATokenIsGoodForTheSameFiltersOnly) {
  v1::ListFeedbackRequest request;
  request.set_page_size(2);
  ASSERT_OK_AND_ASSIGN(v1::ListFeedbackResponse first, Page(request));

  // Another page size is the same listing.
  v1::ListFeedbackRequest bigger = request;
  bigger.set_page_size(10);
  bigger.set_page_token(first.next_page_token());
  EXPECT_THAT(Names(bigger),
              ElementsAre(staff_.name(), noise_.name(), pool_.name()));

  v1::ListFeedbackRequest filtered = request;
  filtered.set_band(v1::SENTIMENT_BAND_NEGATIVE);
  filtered.set_page_token(first.next_page_token());
  const absl::Status status = Page(filtered).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(status, HasErrorReason(v1::ERROR_REASON_PAGE_TOKEN_INVALID));

  v1::ListFeedbackRequest garbage;
  garbage.set_page_token("not a token");
  EXPECT_THAT(Page(garbage).status(),
              HasErrorReason(v1::ERROR_REASON_PAGE_TOKEN_INVALID));
}

TEST_F(ListingTest, ANegativePageSizeIsRefused) {
  v1::ListFeedbackRequest request;
  request.set_page_size(-1);
  EXPECT_THAT(FieldViolationsOf(Page(request).status()),
              ElementsAre(Pair("page_size", "must not be negative")));
}

TEST_F(ListingTest, EachFilterNarrowsTheList) {
  v1::ListFeedbackRequest lisbon;
  lisbon.set_hotel("organizations/acme/hotels/lisbon");
  EXPECT_THAT(Names(lisbon),
              ElementsAre(dirty_.name(), staff_.name(), pool_.name()));
  v1::ListFeedbackRequest negative;
  negative.set_band(v1::SENTIMENT_BAND_NEGATIVE);
  EXPECT_THAT(Names(negative),
              ElementsAre(dirty_.name(), staff_.name(), noise_.name()));
  v1::ListFeedbackRequest cleanliness;
  cleanliness.set_aspect("cleanliness");
  EXPECT_THAT(Names(cleanliness), ElementsAre(dirty_.name()));
  v1::ListFeedbackRequest google;
  google.set_source(v1::SOURCE_GOOGLE);
  EXPECT_THAT(Names(google), ElementsAre(dirty_.name()));
  v1::ListFeedbackRequest positive_in_tokyo;
  positive_in_tokyo.set_hotel("organizations/acme/hotels/tokyo");
  positive_in_tokyo.set_band(v1::SENTIMENT_BAND_POSITIVE);
  EXPECT_THAT(Names(positive_in_tokyo), ElementsAre(food_.name()));
}

TEST_F(ListingTest, CaseStatesAreListedFromTheirOwnIndex) {
  v1::UpdateFeedbackRequest acknowledge;
  acknowledge.mutable_feedback()->set_name(staff_.name());
  acknowledge.mutable_feedback()->mutable_case_()->set_state(
      v1::CASE_STATE_ACKNOWLEDGED);
  v1::Feedback updated;
  ASSERT_OK(FeedbackItems(domain()).Update(acme_, acknowledge, updated));

  // Open items have no case-index entries: the time index is scanned and
  // the state checked.
  v1::ListFeedbackRequest open;
  open.set_case_state(v1::CASE_STATE_OPEN);
  EXPECT_THAT(Names(open), ElementsAre(food_.name(), dirty_.name(),
                                       noise_.name(), pool_.name()));
  v1::ListFeedbackRequest acknowledged;
  acknowledged.set_case_state(v1::CASE_STATE_ACKNOWLEDGED);
  EXPECT_THAT(Names(acknowledged), ElementsAre(staff_.name()));
  // With a hotel, the hotel's index is scanned and the state checked.
  acknowledged.set_hotel("organizations/acme/hotels/lisbon");
  EXPECT_THAT(Names(acknowledged), ElementsAre(staff_.name()));
  acknowledged.set_hotel("organizations/acme/hotels/tokyo");
  EXPECT_THAT(Names(acknowledged), IsEmpty());
}

TEST_F(ListingTest, TheTimeRangeIncludesItsStartAndExcludesItsEnd) {
  EXPECT_THAT(Names(Between(noise_, dirty_)),
              ElementsAre(staff_.name(), noise_.name()));
  v1::ListFeedbackRequest lisbon = Between(pool_, dirty_);
  lisbon.set_hotel("organizations/acme/hotels/lisbon");
  EXPECT_THAT(Names(lisbon), ElementsAre(staff_.name(), pool_.name()));
  EXPECT_THAT(Names(Between(staff_, staff_)), IsEmpty());

  v1::ListFeedbackRequest since;
  *since.mutable_start_time() = dirty_.post_time();
  EXPECT_THAT(Names(since), ElementsAre(food_.name(), dirty_.name()));
  v1::ListFeedbackRequest until;
  *until.mutable_end_time() = noise_.post_time();
  EXPECT_THAT(Names(until), ElementsAre(pool_.name()));
}

TEST_F(ListingTest, PagesOfATimeRangeStayInsideIt) {
  v1::ListFeedbackRequest request = Between(noise_, food_);
  request.set_page_size(2);
  ASSERT_OK_AND_ASSIGN(v1::ListFeedbackResponse first, Page(request));
  ASSERT_EQ(first.feedback_size(), 2);
  EXPECT_EQ(first.feedback(0).name(), dirty_.name());
  request.set_page_token(first.next_page_token());
  EXPECT_THAT(Names(request), ElementsAre(noise_.name()));
}

// Index keys hold post times in whole microseconds and order the items of one
// microsecond by id, while ingest keeps post_time's nanoseconds: the range's
// ends must still be exact within a microsecond.
TEST_F(ListingTest, AnEndTimeWithinAMicrosecondIsExactToo) {
  const absl::Time second = absl::FromUnixSeconds(1'768'400'000);
  PutItem("early", second + absl::Nanoseconds(500));
  v1::ListFeedbackRequest request;
  *request.mutable_end_time() =
      ToProtoTimestamp(second + absl::Nanoseconds(700));
  EXPECT_THAT(Names(request), ElementsAre("organizations/acme/feedback/early"));
}

TEST_F(ListingTest, AStartTimeWithinAMicrosecondIsExactToo) {
  const absl::Time second = absl::FromUnixSeconds(1'768'400'000);
  // Within one microsecond "a" sorts first, though it was posted earlier.
  PutItem("a", second);
  PutItem("b", second + absl::Nanoseconds(500));
  v1::ListFeedbackRequest request;
  *request.mutable_start_time() =
      ToProtoTimestamp(second + absl::Nanoseconds(500));
  *request.mutable_end_time() = pool_.post_time();
  EXPECT_THAT(Names(request), ElementsAre("organizations/acme/feedback/b"));
}

TEST_F(ListingTest, AnIndexEntryWithoutItsItemIsDataLoss) {
  storage::WriteBatch batch;
  batch.Delete(storage::ColumnFamily::kFeedback,
               storage::FeedbackKey("acme", FeedbackIdOf(staff_)));
  ASSERT_OK(store_->Write(std::move(batch)));
  EXPECT_THAT(Page({}), StatusIs(absl::StatusCode::kDataLoss,
                                 "a feedback index names an item that is not "
                                 "stored"));
}

}  // namespace
}  // namespace guestvoice::service
