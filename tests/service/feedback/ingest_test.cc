// FeedbackIngester's front door: the parent is checked against the caller
// before anything is analysed or stored.

#include "service/feedback/ingest.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/service/feedback/domain_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::StatusIs;
using ::testing::HasSubstr;

using IngestTest = testing::FeedbackDomainFixture;

TEST_F(IngestTest, ParentMustBeTheCallersOrganization) {
  const v1::Feedback item = Item("p-1", "@ana", "Lovely view");
  EXPECT_THAT(
      IngestAs(acme_, "acme", item),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("parent: ")));
  EXPECT_THAT(
      IngestAs(rival_, "organizations/acme", item),
      StatusIs(absl::StatusCode::kNotFound, "organizations/acme not found"));
  // An item about another organization's hotel, under the caller's parent.
  EXPECT_THAT(IngestAs(rival_, "organizations/rival", item),
              StatusIs(absl::StatusCode::kNotFound,
                       "organizations/acme/hotels/lisbon not found"));
}

TEST_F(IngestTest, CheckParentReturnsTheOrganization) {
  ASSERT_OK_AND_ASSIGN(
      std::string organization,
      FeedbackIngester::CheckParent(acme_, "organizations/acme"));
  EXPECT_EQ(organization, "acme");
}

TEST_F(IngestTest, ARetryAnswersWithTheItemAsFirstStored) {
  const v1::Feedback item = Item("r-1", "@ana", "Lovely view");
  v1::Feedback first;
  ASSERT_OK(IngestAs(acme_, "organizations/acme", item, &first));
  clock_.Advance(absl::Minutes(5));
  v1::Feedback again;
  ASSERT_OK(IngestAs(acme_, "organizations/acme", item, &again));
  EXPECT_EQ(again.SerializeAsString(), first.SerializeAsString());
}

}  // namespace
}  // namespace guestvoice::service
