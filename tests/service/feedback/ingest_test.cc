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

TEST_F(IngestTest, TheAnalysisNamesTheLanguageAndWhetherItWasScored) {
  const v1::Feedback english = Ingest(
      Item("en", "@ana", "The room was filthy and the staff were rude to us."));
  EXPECT_EQ(english.analysis().language_code(), "en");
  EXPECT_EQ(english.analysis().language_source(), v1::LANGUAGE_SOURCE_DETECTED);
  EXPECT_EQ(english.analysis().sentiment_state(), v1::SENTIMENT_STATE_SCORED);
  EXPECT_EQ(english.analysis().band(), v1::SENTIMENT_BAND_NEGATIVE);

  const v1::Feedback chinese =
      Ingest(Item("zh", "@li",
                  "房间非常脏，床单上有污渍，前台服务员态度很粗鲁，"
                  "我们等了一个小时才拿到钥匙。"));
  EXPECT_EQ(chinese.analysis().sentiment_state(),
            v1::SENTIMENT_STATE_NOT_SCORED);
  EXPECT_FALSE(chinese.analysis().has_sentiment());
  EXPECT_EQ(chinese.analysis().band(), v1::SENTIMENT_BAND_UNSPECIFIED);
  EXPECT_EQ(chinese.analysis().aspects_size(), 0);

  const v1::Feedback emoji = Ingest(Item("emoji", "@bo", "🙂🙂🙂"));
  EXPECT_EQ(emoji.analysis().language_code(), "");
  EXPECT_EQ(emoji.analysis().language_source(),
            v1::LANGUAGE_SOURCE_UNDETERMINED);
  EXPECT_EQ(emoji.analysis().not_scored_reason(),
            v1::NOT_SCORED_REASON_LANGUAGE_UNDETERMINED);
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
