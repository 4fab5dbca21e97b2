// FeedbackItems on a store of its own: reads, listing, case updates and the
// watch filter, each checked against the caller's tenancy.

#include "service/feedback/feedback_items.h"

#include <string>
#include <vector>

#include "common/status_macros.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service/feedback/domain_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

class FeedbackItemsTest : public testing::FeedbackDomainFixture {
 protected:
  FeedbackItems items() { return FeedbackItems(domain()); }

  absl::StatusOr<v1::Feedback> Get(const Principal& caller,
                                   const std::string& name) {
    v1::GetFeedbackRequest request;
    request.set_name(name);
    v1::Feedback feedback;
    RETURN_IF_ERROR(items().Get(caller, request, feedback));
    return feedback;
  }

  // The names of one page of acme's items through `request`'s filters.
  absl::StatusOr<std::vector<std::string>> List(
      v1::ListFeedbackRequest request, const Principal* caller = nullptr) {
    if (request.parent().empty()) request.set_parent("organizations/acme");
    v1::ListFeedbackResponse response;
    RETURN_IF_ERROR(
        items().List(caller != nullptr ? *caller : acme_, request, response));
    std::vector<std::string> names;
    for (const v1::Feedback& feedback : response.feedback()) {
      names.push_back(feedback.name());
    }
    return names;
  }

  absl::StatusOr<v1::Feedback> SetState(const Principal& caller,
                                        const std::string& name,
                                        v1::CaseState state) {
    v1::UpdateFeedbackRequest request;
    request.mutable_feedback()->set_name(name);
    request.mutable_feedback()->mutable_case_()->set_state(state);
    request.mutable_update_mask()->add_paths("case.state");
    v1::Feedback feedback;
    RETURN_IF_ERROR(items().Update(caller, request, feedback));
    return feedback;
  }
};

TEST_F(FeedbackItemsTest, GetReturnsTheStoredItem) {
  const v1::Feedback stored = Ingest(Item("g-1", "@ana", "Lovely breakfast"));
  ASSERT_OK_AND_ASSIGN(v1::Feedback fetched, Get(acme_, stored.name()));
  EXPECT_EQ(fetched.SerializeAsString(), stored.SerializeAsString());
}

TEST_F(FeedbackItemsTest, GetRefusesBadNamesAndUnknownItems) {
  EXPECT_THAT(Get(acme_, ""),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("name: required; expected "
                                 "organizations/{id}/feedback/{id}")));
  EXPECT_THAT(Get(acme_, "organizations/acme/hotels/lisbon"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("name")));
  EXPECT_THAT(Get(acme_, "organizations/acme/feedback/missing"),
              StatusIs(absl::StatusCode::kNotFound,
                       "organizations/acme/feedback/missing not found"));
}

TEST_F(FeedbackItemsTest, AnotherTenantsItemsDoNotExist) {
  const v1::Feedback stored = Ingest(Item("t-1", "@ana", "Slow check-in"));
  EXPECT_THAT(Get(rival_, stored.name()),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr(stored.name())));
  EXPECT_THAT(SetState(rival_, stored.name(), v1::CASE_STATE_RESOLVED),
              StatusIs(absl::StatusCode::kNotFound));
  v1::ListFeedbackRequest request;
  request.set_parent("organizations/acme");
  EXPECT_THAT(List(request, &rival_), StatusIs(absl::StatusCode::kNotFound,
                                               "organizations/acme not found"));
  v1::WatchFeedbackRequest watch;
  watch.set_parent("organizations/acme");
  EXPECT_THAT(items().WatchFilter(rival_, watch),
              StatusIs(absl::StatusCode::kNotFound));

  // Nor do its hotels, even under the caller's own parent.
  request.set_parent("organizations/rival");
  request.set_hotel("organizations/acme/hotels/lisbon");
  EXPECT_THAT(List(request, &rival_),
              StatusIs(absl::StatusCode::kNotFound,
                       "organizations/acme/hotels/lisbon not found"));
  ASSERT_OK_AND_ASSIGN(v1::Feedback unchanged, Get(acme_, stored.name()));
  EXPECT_EQ(unchanged.case_().state(), v1::CASE_STATE_OPEN);
}

TEST_F(FeedbackItemsTest, ListFiltersNewestFirst) {
  const v1::Feedback first = Ingest(Item("l-1", "@ana", "Great pool"));
  clock_.Advance(absl::Minutes(1));
  const v1::Feedback second =
      Ingest(Item("l-2", "@bea", "Terrible noise", "tokyo"));
  clock_.Advance(absl::Minutes(1));
  const v1::Feedback third = Ingest(Item("l-3", "@cy", "Awful, rude staff"));

  ASSERT_OK_AND_ASSIGN(std::vector<std::string> all, List({}));
  EXPECT_THAT(all, ElementsAre(third.name(), second.name(), first.name()));
  v1::ListFeedbackRequest lisbon;
  lisbon.set_hotel("organizations/acme/hotels/lisbon");
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> in_lisbon, List(lisbon));
  EXPECT_THAT(in_lisbon, ElementsAre(third.name(), first.name()));
  v1::ListFeedbackRequest negative;
  negative.set_band(v1::SENTIMENT_BAND_NEGATIVE);
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> negatives, List(negative));
  EXPECT_THAT(negatives, ElementsAre(third.name(), second.name()));
}

TEST_F(FeedbackItemsTest, ListRejectsBadFiltersAndUnknownHotels) {
  v1::ListFeedbackRequest request;
  request.set_aspect("spaceship");
  request.set_band(static_cast<v1::SentimentBand>(9));
  *request.mutable_start_time() = ToProtoTimestamp(absl::FromUnixSeconds(100));
  *request.mutable_end_time() = ToProtoTimestamp(absl::FromUnixSeconds(50));
  EXPECT_THAT(List(request),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "invalid request: band: unknown band 9; aspect: not an "
                       "aspect of the taxonomy; end_time: before start_time"));

  v1::ListFeedbackRequest unknown_hotel;
  unknown_hotel.set_hotel("organizations/acme/hotels/nowhere");
  EXPECT_THAT(List(unknown_hotel),
              StatusIs(absl::StatusCode::kNotFound,
                       "organizations/acme/hotels/nowhere not found"));
  v1::ListFeedbackRequest bad_parent;
  bad_parent.set_parent("acme");
  EXPECT_THAT(List(bad_parent), StatusIs(absl::StatusCode::kInvalidArgument,
                                         HasSubstr("parent: ")));
}

TEST_F(FeedbackItemsTest, CaseStatesMoveForwardOnlyAndTheIndexFollows) {
  const v1::Feedback item = Ingest(Item("c-1", "@ana", "Broken lift"));
  clock_.Advance(absl::Minutes(10));
  ASSERT_OK_AND_ASSIGN(
      v1::Feedback acknowledged,
      SetState(acme_, item.name(), v1::CASE_STATE_ACKNOWLEDGED));
  EXPECT_EQ(acknowledged.case_().state(), v1::CASE_STATE_ACKNOWLEDGED);
  EXPECT_EQ(acknowledged.case_().state_change_time().seconds(),
            absl::ToUnixSeconds(clock_.Now()));

  v1::ListFeedbackRequest open;
  open.set_case_state(v1::CASE_STATE_OPEN);
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> open_items, List(open));
  EXPECT_THAT(open_items, IsEmpty());
  v1::ListFeedbackRequest acknowledged_items;
  acknowledged_items.set_case_state(v1::CASE_STATE_ACKNOWLEDGED);
  ASSERT_OK_AND_ASSIGN(std::vector<std::string> in_acknowledged,
                       List(acknowledged_items));
  EXPECT_THAT(in_acknowledged, ElementsAre(item.name()));

  EXPECT_THAT(SetState(acme_, item.name(), v1::CASE_STATE_OPEN),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       "the case is CASE_STATE_ACKNOWLEDGED and cannot move "
                       "back to CASE_STATE_OPEN"));
  ASSERT_OK_AND_ASSIGN(v1::Feedback stored, Get(acme_, item.name()));
  EXPECT_EQ(stored.case_().state(), v1::CASE_STATE_ACKNOWLEDGED);
  EXPECT_THAT(SetState(acme_, item.name(), v1::CASE_STATE_RESOLVED), IsOk());
}

TEST_F(FeedbackItemsTest, AnUpdateToTheValuesTheCaseHasChangesNothing) {
  const v1::Feedback item = Ingest(Item("c-1", "@ana", "Broken lift"));
  clock_.Advance(absl::Minutes(10));
  ASSERT_OK_AND_ASSIGN(
      const v1::Feedback acknowledged,
      SetState(acme_, item.name(), v1::CASE_STATE_ACKNOWLEDGED));
  clock_.Advance(absl::Minutes(10));
  // A retry of the same update: the same answer, nothing stored anew.
  ASSERT_OK_AND_ASSIGN(
      const v1::Feedback again,
      SetState(acme_, item.name(), v1::CASE_STATE_ACKNOWLEDGED));
  EXPECT_EQ(again.SerializeAsString(), acknowledged.SerializeAsString());
  ASSERT_OK_AND_ASSIGN(const v1::Feedback stored, Get(acme_, item.name()));
  EXPECT_EQ(stored.update_time().seconds(),
            acknowledged.update_time().seconds());
  // An empty assignee cleared again, likewise.
  v1::UpdateFeedbackRequest clear;
  clear.mutable_feedback()->set_name(item.name());
  clear.mutable_update_mask()->add_paths("case.assignee");
  v1::Feedback cleared;
  ASSERT_OK(items().Update(acme_, clear, cleared));
  EXPECT_EQ(cleared.update_time().seconds(),
            acknowledged.update_time().seconds());
  // A change still moves update_time.
  ASSERT_OK_AND_ASSIGN(const v1::Feedback resolved,
                       SetState(acme_, item.name(), v1::CASE_STATE_RESOLVED));
  EXPECT_EQ(resolved.update_time().seconds(),
            absl::ToUnixSeconds(clock_.Now()));
}

TEST_F(FeedbackItemsTest, UpdateRefusesBadNamesAndUnknownItems) {
  EXPECT_THAT(SetState(acme_, "feedback/1", v1::CASE_STATE_RESOLVED),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("feedback.name: expected ")));
  EXPECT_THAT(SetState(acme_, "organizations/acme/feedback/missing",
                       v1::CASE_STATE_RESOLVED),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(FeedbackItemsTest, WatchFilterIsCheckedLikeAList) {
  v1::WatchFeedbackRequest request;
  request.set_parent("organizations/acme");
  request.set_hotel("organizations/acme/hotels/tokyo");
  request.set_band(v1::SENTIMENT_BAND_NEGATIVE);
  ASSERT_OK_AND_ASSIGN(FeedbackFilter filter,
                       items().WatchFilter(acme_, request));
  EXPECT_EQ(filter.organization, "acme");
  EXPECT_EQ(filter.hotel_id, "tokyo");
  EXPECT_EQ(filter.band, v1::SENTIMENT_BAND_NEGATIVE);

  request.set_aspect("spaceship");
  EXPECT_THAT(items().WatchFilter(acme_, request),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("aspect: not an aspect of the taxonomy")));
  request.clear_aspect();
  request.set_hotel("organizations/acme/hotels/nowhere");
  EXPECT_THAT(items().WatchFilter(acme_, request),
              StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace guestvoice::service
