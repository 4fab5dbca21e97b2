// The caps on ImportFeedback: a stream answers after its item limit with the
// results so far (its response must fit in one message), and streams beyond
// the server's limit are refused with a RetryInfo until one ends.

#include <memory>
#include <string>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/feedback_fixture.h"
#include "tests/testing/grpc_matchers.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::GrpcErrorIs;
using ::guestvoice::testing::RetryDelayMillis;
using ::guestvoice::testing::TestServer;

class ImportLimitsTest : public testing::FeedbackFixture {
 protected:
  ImportLimitsTest()
      : FeedbackFixture(TestServer::Options{
            .imports = {.max_streams = 1, .max_items_per_stream = 3}}) {}

  v1::ImportFeedbackRequest Request(const std::string& external_id) {
    v1::ImportFeedbackRequest request;
    request.set_parent("organizations/default");
    *request.mutable_feedback() =
        Item(external_id, "@" + external_id, "Spotless room");
    return request;
  }
};

TEST_F(ImportLimitsTest, AStreamAnswersAfterItsItemLimit) {
  auto context = TestServer::Context(server_.admin_key());
  v1::ImportFeedbackResponse response;
  auto writer = stub_->ImportFeedback(context.get(), &response);
  int written = 0;
  for (const char* id : {"i1", "i2", "i3", "i4", "i5"}) {
    // Writes after the server has answered fail; nothing blocks.
    if (writer->Write(Request(id))) ++written;
  }
  writer->WritesDone();
  ASSERT_TRUE(writer->Finish().ok());
  EXPECT_GE(written, 3);
  ASSERT_EQ(response.results_size(), 3);
  EXPECT_EQ(response.ingested_count(), 3);
  EXPECT_EQ(response.results(2).index(), 2);
  // Items without a result were never ingested: the client resends them.
  EXPECT_EQ(ListAll().size(), 3u);
}

TEST_F(ImportLimitsTest, StreamsBeyondTheLimitWaitForOneToEnd) {
  auto first_context = TestServer::Context(server_.admin_key());
  v1::ImportFeedbackResponse first_response;
  auto first = stub_->ImportFeedback(first_context.get(), &first_response);
  ASSERT_TRUE(first->Write(Request("a1")));
  // The first stream holds its slot once the server has stored its item.
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (ListAll().empty() && absl::Now() < deadline) {
  }
  ASSERT_EQ(ListAll().size(), 1u);

  auto second_context = TestServer::Context(server_.admin_key());
  v1::ImportFeedbackResponse second_response;
  auto second = stub_->ImportFeedback(second_context.get(), &second_response);
  second->WritesDone();
  const grpc::Status refused = second->Finish();
  EXPECT_THAT(refused, GrpcErrorIs(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                   "LIMIT_EXCEEDED"));
  EXPECT_GT(RetryDelayMillis(refused), 0);

  first->WritesDone();
  ASSERT_TRUE(first->Finish().ok());
  EXPECT_EQ(first_response.ingested_count(), 1);

  // The ended stream gave its slot back.
  auto third_context = TestServer::Context(server_.admin_key());
  v1::ImportFeedbackResponse third_response;
  auto third = stub_->ImportFeedback(third_context.get(), &third_response);
  ASSERT_TRUE(third->Write(Request("a2")));
  third->WritesDone();
  ASSERT_TRUE(third->Finish().ok());
  EXPECT_EQ(third_response.ingested_count(), 1);
}

// One organization holds at most its share of the server's streams, however
// many keys it has; another organization's stream is still admitted.
class ImportShareTest : public testing::FeedbackFixture {
 protected:
  ImportShareTest()
      : FeedbackFixture(TestServer::Options{
            .imports = {.max_streams = 4, .max_streams_per_organization = 1}}) {
  }
};

TEST_F(ImportShareTest, AnOrganizationHoldsItsShareOfStreams) {
  auto first_context = TestServer::Context(server_.admin_key());
  v1::ImportFeedbackResponse first_response;
  auto first = stub_->ImportFeedback(first_context.get(), &first_response);
  v1::ImportFeedbackRequest item;
  item.set_parent("organizations/default");
  *item.mutable_feedback() = Item("s1", "@s1", "Spotless room");
  ASSERT_TRUE(first->Write(item));
  // The first stream holds its organization's slot once it is authenticated,
  // which its stored item shows.
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (ListAll().empty() && absl::Now() < deadline) {
  }
  ASSERT_EQ(ListAll().size(), 1u);

  // Another key of the same organization.
  const std::string other_key =
      server_.CreateKey("default", {v1::SCOPE_FEEDBACK_WRITE});
  auto second_context = TestServer::Context(other_key);
  v1::ImportFeedbackResponse second_response;
  auto second = stub_->ImportFeedback(second_context.get(), &second_response);
  second->WritesDone();
  const grpc::Status refused = second->Finish();
  EXPECT_THAT(refused, GrpcErrorIs(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                   "LIMIT_EXCEEDED"));
  EXPECT_THAT(refused.error_message(), ::testing::HasSubstr("organization"));

  const std::string beta_key =
      server_.CreateOrganizationWithKey("beta", {v1::SCOPE_FEEDBACK_WRITE});
  auto beta_context = TestServer::Context(beta_key);
  v1::ImportFeedbackResponse beta_response;
  auto beta = stub_->ImportFeedback(beta_context.get(), &beta_response);
  beta->WritesDone();
  EXPECT_TRUE(beta->Finish().ok());

  first->WritesDone();
  ASSERT_TRUE(first->Finish().ok());
  auto again_context = TestServer::Context(other_key);
  v1::ImportFeedbackResponse again_response;
  auto again = stub_->ImportFeedback(again_context.get(), &again_response);
  again->WritesDone();
  EXPECT_TRUE(again->Finish().ok());
}

}  // namespace
}  // namespace guestvoice
