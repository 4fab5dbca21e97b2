// WatchFeedback: live items through filters, one bounded log that slow
// readers share, caps on watchers, and the end of every watch at server
// shutdown.

#include <grpcpp/create_channel.h>
#include <grpcpp/support/channel_arguments.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.grpc.pb.h"
#include "service/api/watch_log.h"
#include "tests/testing/feedback_fixture.h"
#include "tests/testing/grpc_matchers.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::FeedbackFixture;
using ::guestvoice::testing::GrpcCodeIs;
using ::guestvoice::testing::GrpcErrorIs;
using ::guestvoice::testing::TestServer;

v1::Feedback Numbered(int i, const std::string& hotel_id = "lisbon") {
  v1::Feedback feedback;
  feedback.set_hotel("organizations/acme/hotels/" + hotel_id);
  feedback.set_external_id(std::to_string(i));
  return feedback;
}

service::FeedbackFilter AllOf(const std::string& organization) {
  service::FeedbackFilter filter;
  filter.organization = organization;
  return filter;
}

TEST(WatchLogTest, DropsTheOldestAndReportsTheGapOnTheNextMessage) {
  service::WatchLog log({.max_items = 2});
  service::WatchLog::Cursor cursor = log.Follow("acme");
  for (int i = 0; i < 5; ++i) log.Append("acme", Numbered(i));
  EXPECT_EQ(log.stats().items, 2u);
  auto first = log.Next(cursor, AllOf("acme"));
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->feedback().external_id(), "3");
  EXPECT_EQ(first->missed_count(), 3);
  auto second = log.Next(cursor, AllOf("acme"));
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->feedback().external_id(), "4");
  EXPECT_EQ(second->missed_count(), 0);
  EXPECT_FALSE(log.Next(cursor, AllOf("acme")).has_value());
}

TEST(WatchLogTest, CountsOnlyItsOrganizationsItemsAsMissed) {
  service::WatchLog log({.max_items = 2});
  service::WatchLog::Cursor cursor = log.Follow("acme");
  // Another organization's watcher keeps its items in the shared log too.
  log.Follow("other");
  log.Append("acme", Numbered(0));
  for (int i = 1; i < 5; ++i) log.Append("other", Numbered(i));
  log.Append("acme", Numbered(5));
  auto next = log.Next(cursor, AllOf("acme"));
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->feedback().external_id(), "5");
  EXPECT_EQ(next->missed_count(), 1);

  // Items its filter refuses are examined, not missed.
  service::FeedbackFilter porto = AllOf("acme");
  porto.hotel_id = "porto";
  service::WatchLog::Cursor filtered = log.Follow("acme");
  log.Append("acme", Numbered(6));
  log.Append("acme", Numbered(7, "porto"));
  next = log.Next(filtered, porto);
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->feedback().external_id(), "7");
  EXPECT_EQ(next->missed_count(), 0);
}

TEST(WatchLogTest, HoldsAtMostItsBytesButAlwaysTheNewestItem) {
  service::WatchLog log({.max_items = 1000, .max_bytes = 64 << 10});
  log.Follow("acme");
  v1::Feedback large = Numbered(0);
  large.set_text(std::string(10 << 10, 'x'));
  for (int i = 0; i < 50; ++i) log.Append("acme", large);
  EXPECT_LE(log.stats().bytes, size_t{64} << 10);
  EXPECT_LT(log.stats().items, 7u);

  large.set_text(std::string(100 << 10, 'x'));
  log.Append("acme", large);
  EXPECT_EQ(log.stats().items, 1u);
}

TEST(WatchLogTest, KeepsNothingForAnOrganizationNobodyFollows) {
  service::WatchLog log({.max_items = 10});
  EXPECT_FALSE(log.Append("acme", Numbered(0)));
  EXPECT_EQ(log.stats().items, 0u);

  service::WatchLog::Cursor cursor = log.Follow("acme");
  EXPECT_TRUE(log.Append("acme", Numbered(1)));
  EXPECT_FALSE(log.Append("other", Numbered(2)));
  EXPECT_EQ(log.stats().items, 1u);
  auto next = log.Next(cursor, AllOf("acme"));
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->feedback().external_id(), "1");
  // Items appended before the watcher followed are not missed by it.
  EXPECT_EQ(next->missed_count(), 0);

  log.Unfollow("acme");
  EXPECT_FALSE(log.Append("acme", Numbered(3)));
  EXPECT_EQ(log.stats().items, 1u);
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

  // A new key of organization "default" with the feedback-read scope, valid
  // for `lifetime` (forever when zero).
  v1::ApiKey ReaderKey(absl::Duration lifetime = absl::ZeroDuration()) {
    return server_.CreateApiKey(
        "default", {v1::SCOPE_FEEDBACK_READ},
        lifetime == absl::ZeroDuration()
            ? std::nullopt
            : std::optional(server_.clock().Now() + lifetime));
  }
};

TEST_F(WatchTest, ReceivesWhatCouldNotBeScoredWhenAsked) {
  auto context = TestServer::Context(server_.admin_key());
  v1::WatchFeedbackRequest request;
  request.set_sentiment_state(v1::SENTIMENT_STATE_NOT_SCORED);
  auto reader = Watch(*stub_, context.get(), request);

  ASSERT_TRUE(Ingest(Item("s1", "@a", "Filthy room, awful")).ok());
  v1::Feedback wanted;
  ASSERT_TRUE(
      Ingest(Item("s2", "@b", "房间很脏，服务员态度很差。"), &wanted).ok());
  v1::WatchFeedbackResponse message;
  ASSERT_TRUE(reader->Read(&message));
  EXPECT_EQ(message.feedback().SerializeAsString(), wanted.SerializeAsString());
  context->TryCancel();
  while (reader->Read(&message)) {
  }
  EXPECT_THAT(reader->Finish(), GrpcCodeIs(grpc::StatusCode::CANCELLED));
}

TEST_F(WatchTest, ReceivesAnEditAtTheSourceAsTheItemAgain) {
  auto context = TestServer::Context(server_.admin_key());
  v1::WatchFeedbackRequest request;
  request.set_band(v1::SENTIMENT_BAND_NEGATIVE);
  auto reader = Watch(*stub_, context.get(), request);

  v1::Feedback praise = Item("e1", "@a", "Wonderful pool, lovely");
  v1::Feedback stored;
  ASSERT_TRUE(Ingest(praise, &stored).ok());
  // The guest edits the praise into a complaint.
  v1::Feedback complaint = praise;
  complaint.set_text("Filthy pool, awful");
  *complaint.mutable_edit_time() = praise.post_time();
  complaint.mutable_edit_time()->set_seconds(praise.post_time().seconds() + 60);
  v1::Feedback edited;
  ASSERT_TRUE(Ingest(complaint, &edited).ok());

  v1::WatchFeedbackResponse message;
  ASSERT_TRUE(reader->Read(&message));
  EXPECT_EQ(message.feedback().SerializeAsString(), edited.SerializeAsString());
  EXPECT_EQ(message.feedback().name(), stored.name());
  EXPECT_TRUE(message.feedback().has_edit_time());
  context->TryCancel();
  while (reader->Read(&message)) {
  }
  EXPECT_THAT(reader->Finish(), GrpcCodeIs(grpc::StatusCode::CANCELLED));
}

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
  SlowWatcherTest()
      : WatchTest(
            TestServer::Options{.watchers = {.log = {.max_items = 2},
                                             .max_watchers = 100,
                                             .max_watchers_per_key = 100}}) {}

  // A channel whose client grants the server no more than HTTP/2's initial
  // window until it reads, so unread messages back up on the server.
  std::shared_ptr<grpc::Channel> StallingChannel() {
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
    // A channel of its own, not shared with the other watchers' streams.
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    return grpc::CreateCustomChannel(
        absl::StrCat("127.0.0.1:", server_.server().port()),
        grpc::InsecureChannelCredentials(), args);
  }

  // Waits (without sleeping a fixed time) until the server holds `count`
  // watchers.
  bool WatchersBecome(size_t count) {
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (server_.server().feedback_watchers().watcher_count() != count) {
      if (absl::Now() > deadline) return false;
      std::this_thread::yield();
    }
    return true;
  }
};

TEST_F(SlowWatcherTest, MissedItemsAreCountedAndIngestNeverWaits) {
  auto watch_stub = v1::FeedbackService::NewStub(StallingChannel());
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

TEST_F(SlowWatcherTest, StalledWatchersHoldNoLogOfTheirOwnAndFreeTheirSlot) {
  auto watch_stub = v1::FeedbackService::NewStub(StallingChannel());
  constexpr int kWatchers = 40;
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<std::unique_ptr<grpc::ClientReader<v1::WatchFeedbackResponse>>>
      readers;
  for (int i = 0; i < kWatchers; ++i) {
    contexts.push_back(TestServer::Context(server_.admin_key()));
    readers.push_back(Watch(*watch_stub, contexts.back().get(), {}));
  }
  ASSERT_EQ(server_.server().feedback_watchers().watcher_count(),
            static_cast<size_t>(kWatchers));

  // No watcher reads; the log holds its two items, not two per watcher.
  const std::string text(16 * 1024, 'x');
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(Ingest(Item(std::to_string(i), "@a", text)).ok()) << i;
  }
  const service::WatchLog::Stats held =
      server_.server().feedback_watchers().log_stats();
  EXPECT_EQ(held.items, 2u);
  EXPECT_LT(held.bytes, 2 * (text.size() + 4096));

  for (auto& context : contexts) context->TryCancel();
  EXPECT_TRUE(WatchersBecome(0)) << "every watcher is gone once cancelled";
}

class WatcherCapTest : public WatchTest {
 protected:
  WatcherCapTest()
      : WatchTest(TestServer::Options{
            .watchers = {.max_watchers = 3, .max_watchers_per_key = 2}}) {}

  bool WatchersBecome(size_t count) {
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (server_.server().feedback_watchers().watcher_count() != count) {
      if (absl::Now() > deadline) return false;
      std::this_thread::yield();
    }
    return true;
  }
};

TEST_F(WatcherCapTest, WatchersAreCappedPerKeyAndInTotal) {
  auto admin_1 = TestServer::Context(server_.admin_key());
  auto admin_2 = TestServer::Context(server_.admin_key());
  auto first = Watch(*stub_, admin_1.get(), {});
  auto second = Watch(*stub_, admin_2.get(), {});

  auto admin_3 = TestServer::Context(server_.admin_key());
  auto refused = Watch(*stub_, admin_3.get(), {});
  v1::WatchFeedbackResponse message;
  EXPECT_FALSE(refused->Read(&message));
  const grpc::Status per_key = refused->Finish();
  EXPECT_THAT(per_key, GrpcErrorIs(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                   "LIMIT_EXCEEDED"));
  EXPECT_THAT(per_key.error_message(), ::testing::HasSubstr("API key"));

  const std::string reader_key = ReaderKey().key_string();
  auto reader_1 = TestServer::Context(reader_key);
  auto third = Watch(*stub_, reader_1.get(), {});
  auto reader_2 = TestServer::Context(reader_key);
  auto over_total = Watch(*stub_, reader_2.get(), {});
  EXPECT_FALSE(over_total->Read(&message));
  EXPECT_THAT(
      over_total->Finish(),
      GrpcErrorIs(grpc::StatusCode::RESOURCE_EXHAUSTED, "LIMIT_EXCEEDED"));

  // A watch that ends frees its slot.
  admin_1->TryCancel();
  ASSERT_TRUE(WatchersBecome(2));
  auto admin_4 = TestServer::Context(server_.admin_key());
  auto again = Watch(*stub_, admin_4.get(), {});
  ASSERT_TRUE(Ingest(Item("w-1", "@ana", "Warm welcome")).ok());
  ASSERT_TRUE(again->Read(&message));
  EXPECT_EQ(message.feedback().external_id(), "w-1");
  for (auto* context : {admin_2.get(), reader_1.get(), admin_4.get()}) {
    context->TryCancel();
  }
}

// A revoked key's watch carries no more feedback: it ends at once, while a
// watch of another key goes on.
TEST_F(WatchTest, RevokingAKeyEndsItsWatches) {
  const v1::ApiKey key = ReaderKey();
  auto revoked_context = TestServer::Context(key.key_string());
  // So that a watch left open fails the test instead of hanging it.
  revoked_context->set_deadline(std::chrono::system_clock::now() +
                                std::chrono::minutes(1));
  auto revoked = Watch(*stub_, revoked_context.get(), {});
  auto admin_context = TestServer::Context(server_.admin_key());
  auto admin = Watch(*stub_, admin_context.get(), {});

  v1::RevokeApiKeyRequest revoke;
  revoke.set_name(key.name());
  v1::ApiKey response;
  ASSERT_TRUE(v1::AdminService::NewStub(server_.channel())
                  ->RevokeApiKey(TestServer::Context(server_.admin_key()).get(),
                                 revoke, &response)
                  .ok());
  v1::WatchFeedbackResponse message;
  EXPECT_FALSE(revoked->Read(&message));
  EXPECT_THAT(revoked->Finish(), GrpcErrorIs(grpc::StatusCode::UNAUTHENTICATED,
                                             "API_KEY_INVALID"));

  ASSERT_TRUE(Ingest(Item("r-1", "@ana", "Warm welcome")).ok());
  ASSERT_TRUE(admin->Read(&message));
  EXPECT_EQ(message.feedback().external_id(), "r-1");
  admin_context->TryCancel();
  while (admin->Read(&message)) {
  }
  EXPECT_THAT(admin->Finish(), GrpcCodeIs(grpc::StatusCode::CANCELLED));
}

// A watch whose key expires ends even when no item comes: the dispatcher
// looks for expired keys every second (real time) by the server's clock.
TEST_F(WatchTest, AnIdleWatchEndsWhenItsKeyExpires) {
  const v1::ApiKey key = ReaderKey(absl::Hours(1));
  auto context = TestServer::Context(key.key_string());
  // So that a watch left open fails the test instead of hanging it.
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(30));
  auto reader = Watch(*stub_, context.get(), {});
  server_.clock().Advance(absl::Hours(1));
  v1::WatchFeedbackResponse message;
  EXPECT_FALSE(reader->Read(&message));
  EXPECT_THAT(reader->Finish(), GrpcErrorIs(grpc::StatusCode::UNAUTHENTICATED,
                                            "API_KEY_EXPIRED"));
}

// A watch's start authenticates, then registers; a revocation between the
// two ended the key's watches before this one was among them. It is refused
// all the same. The verifier forgets the key here as a revocation makes it
// (and so tells the watchers), while the store still holds the key: the
// start authenticates, and registers only after the watches were ended.
TEST_F(WatchTest, AWatchThatRegistersAfterItsKeyWasRevokedIsRefused) {
  const v1::ApiKey key = ReaderKey();
  server_.server().api_key_verifier().Forget(key.name());
  auto context = TestServer::Context(key.key_string());
  // So that a watch left open fails the test instead of hanging it.
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(30));
  v1::WatchFeedbackRequest request;
  request.set_parent("organizations/default");
  auto reader = stub_->WatchFeedback(context.get(), request);
  v1::WatchFeedbackResponse message;
  EXPECT_FALSE(reader->Read(&message));
  EXPECT_THAT(reader->Finish(), GrpcErrorIs(grpc::StatusCode::UNAUTHENTICATED,
                                            "API_KEY_INVALID"));
}

// Watches whose expired keys are found only as an item comes: the
// dispatcher's own look for them is as good as never.
class ExpiryOnSendTest : public WatchTest {
 protected:
  ExpiryOnSendTest()
      : WatchTest(
            TestServer::Options{.watchers = {.key_expiry_check_interval =
                                                 absl::InfiniteDuration()}}) {}
};

// A watch whose key has expired carries no more feedback: it ends instead of
// sending the next item.
TEST_F(ExpiryOnSendTest, AWatchEndsWhenItsKeyHasExpired) {
  const v1::ApiKey key = ReaderKey(absl::Hours(1));
  auto context = TestServer::Context(key.key_string());
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::minutes(1));
  auto reader = Watch(*stub_, context.get(), {});
  ASSERT_TRUE(Ingest(Item("x-1", "@ana", "Warm welcome")).ok());
  v1::WatchFeedbackResponse message;
  ASSERT_TRUE(reader->Read(&message));
  EXPECT_EQ(message.feedback().external_id(), "x-1");

  server_.clock().Advance(absl::Hours(1));
  ASSERT_TRUE(Ingest(Item("x-2", "@ana", "Rude staff")).ok());
  EXPECT_FALSE(reader->Read(&message));
  EXPECT_THAT(reader->Finish(), GrpcErrorIs(grpc::StatusCode::UNAUTHENTICATED,
                                            "API_KEY_EXPIRED"));
}

class WatcherShareTest : public WatchTest {
 protected:
  WatcherShareTest()
      : WatchTest(TestServer::Options{
            .watchers = {.max_watchers = 10,
                         .max_watchers_per_key = 5,
                         .max_watchers_per_organization = 2}}) {}
};

// One organization holds at most its share of the watchers, however many
// keys it mints; another organization still gets a watch.
TEST_F(WatcherShareTest, AnOrganizationHoldsItsShareOfWatchers) {
  auto first_context = TestServer::Context(server_.admin_key());
  auto first = Watch(*stub_, first_context.get(), {});
  const std::string reader_key = ReaderKey().key_string();
  auto second_context = TestServer::Context(reader_key);
  auto second = Watch(*stub_, second_context.get(), {});

  auto refused_context = TestServer::Context(ReaderKey().key_string());
  auto refused = Watch(*stub_, refused_context.get(), {});
  v1::WatchFeedbackResponse message;
  EXPECT_FALSE(refused->Read(&message));
  const grpc::Status status = refused->Finish();
  EXPECT_THAT(status, GrpcErrorIs(grpc::StatusCode::RESOURCE_EXHAUSTED,
                                  "LIMIT_EXCEEDED"));
  EXPECT_THAT(status.error_message(), ::testing::HasSubstr("organization"));

  const std::string beta_key =
      server_.CreateOrganizationWithKey("beta", {v1::SCOPE_FEEDBACK_READ});
  auto beta_context = TestServer::Context(beta_key);
  v1::WatchFeedbackRequest beta_request;
  beta_request.set_parent("organizations/beta");
  auto beta = stub_->WatchFeedback(beta_context.get(), beta_request);
  beta->WaitForInitialMetadata();
  for (auto* context :
       {first_context.get(), second_context.get(), beta_context.get()}) {
    context->TryCancel();
  }
  for (auto* reader : {first.get(), second.get(), beta.get()}) {
    while (reader->Read(&message)) {
    }
    EXPECT_THAT(reader->Finish(), GrpcCodeIs(grpc::StatusCode::CANCELLED));
  }
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
