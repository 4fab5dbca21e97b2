// WatchFeedback: live items through filters, bounded buffers for slow
// readers, and the end of every watch at server shutdown.

#include <grpcpp/create_channel.h>
#include <grpcpp/support/channel_arguments.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/api/watch_buffer.h"
#include "tests/testing/feedback_fixture.h"
#include "tests/testing/grpc_matchers.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::FeedbackFixture;
using ::guestvoice::testing::GrpcCodeIs;
using ::guestvoice::testing::GrpcErrorIs;
using ::guestvoice::testing::TestServer;

v1::Feedback Numbered(int i) {
  v1::Feedback feedback;
  feedback.set_external_id(std::to_string(i));
  return feedback;
}

TEST(WatchBufferTest, DropsTheOldestAndReportsTheGapOnTheNextMessage) {
  service::WatchBuffer buffer(2);
  for (int i = 0; i < 5; ++i) buffer.Push(Numbered(i));
  EXPECT_EQ(buffer.size(), 2u);
  auto first = buffer.Pop();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->feedback().external_id(), "3");
  EXPECT_EQ(first->missed_count(), 3);
  auto second = buffer.Pop();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->feedback().external_id(), "4");
  EXPECT_EQ(second->missed_count(), 0);
  EXPECT_FALSE(buffer.Pop().has_value());
}

class WatchTest : public FeedbackFixture {
 protected:
  explicit WatchTest(TestServer::Options options = {})
      : FeedbackFixture(options) {}

  // Starts a watch and waits until the server has registered it.
  std::unique_ptr<grpc::ClientReader<v1::WatchFeedbackResponse>> Watch(
      v1::FeedbackService::Stub& stub, grpc::ClientContext* context,
      v1::WatchFeedbackRequest request) {
    request.set_parent("organizations/default");
    auto reader = stub.WatchFeedback(context, request);
    reader->WaitForInitialMetadata();
    return reader;
  }
};

TEST_F(WatchTest, ReceivesLiveItemsThroughItsFilter) {
  auto context = TestServer::Context(server_.admin_key());
  v1::WatchFeedbackRequest request;
  request.set_hotel("organizations/default/hotels/lisbon");
  request.set_band(v1::SENTIMENT_BAND_NEGATIVE);
  auto reader = Watch(*stub_, context.get(), request);

  ASSERT_TRUE(Ingest(Item("w1", "@a", "Filthy room, awful", "tokyo")).ok());
  ASSERT_TRUE(Ingest(Item("w2", "@a", "Wonderful pool, lovely")).ok());
  v1::Feedback wanted;
  ASSERT_TRUE(Ingest(Item("w3", "@a", "Filthy room, awful"), &wanted).ok());
  // A retry is not new feedback.
  ASSERT_TRUE(Ingest(Item("w3", "@a", "Filthy room, awful")).ok());

  v1::WatchFeedbackResponse message;
  ASSERT_TRUE(reader->Read(&message));
  EXPECT_EQ(message.feedback().SerializeAsString(), wanted.SerializeAsString());
  EXPECT_EQ(message.missed_count(), 0);

  ASSERT_TRUE(Ingest(Item("w4", "@b", "Rude staff, terrible")).ok());
  ASSERT_TRUE(reader->Read(&message));
  EXPECT_EQ(message.feedback().external_id(), "w4");
  context->TryCancel();
  while (reader->Read(&message)) {
  }
  EXPECT_THAT(reader->Finish(), GrpcCodeIs(grpc::StatusCode::CANCELLED));
}

TEST_F(WatchTest, BadFiltersAndUnknownHotelsAreRefused) {
  v1::WatchFeedbackRequest request;
  request.set_aspect("spaceship");
  auto context = TestServer::Context(server_.admin_key());
  request.set_parent("organizations/default");
  auto reader = stub_->WatchFeedback(context.get(), request);
  v1::WatchFeedbackResponse message;
  EXPECT_FALSE(reader->Read(&message));
  EXPECT_THAT(reader->Finish(),
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));

  request.clear_aspect();
  request.set_hotel("organizations/default/hotels/nowhere");
  auto other_context = TestServer::Context(server_.admin_key());
  auto other = stub_->WatchFeedback(other_context.get(), request);
  EXPECT_FALSE(other->Read(&message));
  EXPECT_THAT(other->Finish(), GrpcCodeIs(grpc::StatusCode::NOT_FOUND));
}

class SlowWatcherTest : public WatchTest {
 protected:
  SlowWatcherTest() : WatchTest(TestServer::Options{.watch_buffer_size = 2}) {}
};

TEST_F(SlowWatcherTest, MissedItemsAreCountedAndIngestNeverWaits) {
  // A client that grants the server no more than HTTP/2's initial window
  // until it reads, so unread messages back up on the server.
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
  auto channel = grpc::CreateCustomChannel(
      absl::StrCat("127.0.0.1:", server_.server().port()),
      grpc::InsecureChannelCredentials(), args);
  auto watch_stub = v1::FeedbackService::NewStub(channel);
  auto context = TestServer::Context(server_.admin_key());
  auto reader = Watch(*watch_stub, context.get(), {});

  // Each ingest returns while the watcher reads nothing at all.
  constexpr int kItems = 120;
  const std::string text(16 * 1024, 'x');
  for (int i = 0; i < kItems; ++i) {
    ASSERT_TRUE(Ingest(Item(std::to_string(i), "@a", text)).ok()) << i;
  }

  // Whatever the transport took, every item is either delivered or counted
  // as missed, in order, and the newest always arrives.
  int expected_next = 0;
  int64_t missed = 0;
  v1::WatchFeedbackResponse message;
  while (expected_next < kItems && reader->Read(&message)) {
    const int index = std::stoi(message.feedback().external_id());
    EXPECT_EQ(index, expected_next + message.missed_count());
    missed += message.missed_count();
    expected_next = index + 1;
  }
  EXPECT_EQ(expected_next, kItems);
  EXPECT_GT(missed, 0);
  context->TryCancel();
}

TEST_F(WatchTest, ShutdownEndsWatchesWithUnavailable) {
  auto context = TestServer::Context(server_.admin_key());
  auto reader = Watch(*stub_, context.get(), {});
  ASSERT_TRUE(server_.server().Shutdown(absl::Minutes(10)).ok());
  v1::WatchFeedbackResponse message;
  EXPECT_FALSE(reader->Read(&message));
  EXPECT_THAT(reader->Finish(), GrpcCodeIs(grpc::StatusCode::UNAVAILABLE));
}

}  // namespace
}  // namespace guestvoice
