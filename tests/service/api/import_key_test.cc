// An open ImportFeedback stream answers to its key as every call does:
// revoking the key, or its expiry, stops the stream before its next item.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.grpc.pb.h"
#include "tests/testing/feedback_fixture.h"
#include "tests/testing/grpc_matchers.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::GrpcErrorIs;
using ::guestvoice::testing::TestServer;

class ImportKeyTest : public testing::FeedbackFixture {
 protected:
  // A new key of organization "default" that may write feedback, expiring
  // at `expire_time` when given.
  v1::ApiKey WriterKey(std::optional<absl::Time> expire_time = {}) {
    return server_.CreateApiKey("default", {v1::SCOPE_FEEDBACK_WRITE},
                                expire_time);
  }

  v1::ImportFeedbackRequest Request(const std::string& external_id) {
    v1::ImportFeedbackRequest request;
    request.set_parent("organizations/default");
    *request.mutable_feedback() =
        Item(external_id, "@" + external_id, "Spotless room");
    return request;
  }

  // Waits until the store holds `count` items (the stream's first item has
  // been stored once the server lists it).
  void AwaitStored(size_t count) {
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (ListAll().size() < count && absl::Now() < deadline) {
    }
    ASSERT_EQ(ListAll().size(), count);
  }
};

TEST_F(ImportKeyTest, RevokingTheKeyStopsAnOpenImport) {
  const v1::ApiKey key = WriterKey();
  auto context = TestServer::Context(key.key_string());
  v1::ImportFeedbackResponse response;
  auto writer = stub_->ImportFeedback(context.get(), &response);
  ASSERT_TRUE(writer->Write(Request("before")));
  ASSERT_NO_FATAL_FAILURE(AwaitStored(1));

  v1::RevokeApiKeyRequest revoke;
  revoke.set_name(key.name());
  v1::ApiKey revoked;
  ASSERT_TRUE(v1::AdminService::NewStub(server_.channel())
                  ->RevokeApiKey(TestServer::Context(server_.admin_key()).get(),
                                 revoke, &revoked)
                  .ok());
  writer->Write(Request("after"));
  writer->WritesDone();
  EXPECT_THAT(writer->Finish(), GrpcErrorIs(grpc::StatusCode::UNAUTHENTICATED,
                                            "API_KEY_INVALID"));
  const std::vector<v1::Feedback> stored = ListAll();
  ASSERT_EQ(stored.size(), 1u) << "nothing was written after the revocation";
  EXPECT_EQ(stored[0].external_id(), "before");
}

TEST_F(ImportKeyTest, AnImportStopsWhenItsKeyExpires) {
  const v1::ApiKey key = WriterKey(server_.clock().Now() + absl::Hours(1));
  auto context = TestServer::Context(key.key_string());
  v1::ImportFeedbackResponse response;
  auto writer = stub_->ImportFeedback(context.get(), &response);
  ASSERT_TRUE(writer->Write(Request("before")));
  ASSERT_NO_FATAL_FAILURE(AwaitStored(1));

  server_.clock().Advance(absl::Hours(1));
  writer->Write(Request("after"));
  writer->WritesDone();
  EXPECT_THAT(writer->Finish(), GrpcErrorIs(grpc::StatusCode::UNAUTHENTICATED,
                                            "API_KEY_EXPIRED"));
  EXPECT_EQ(ListAll().size(), 1u) << "nothing was written after the expiry";
}

}  // namespace
}  // namespace guestvoice
