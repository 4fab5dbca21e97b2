// Quick reads (CallWork::kQuickRead: GetGuest, LookupGuest, GetLoyaltyStatus)
// are tried on gRPC's thread with memory-only reads first. After a restart
// their entries and the API keys are only in files, with a cold block cache:
// those calls must move to the read executor and answer exactly as before,
// and count once against their key's rate limit.

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/loyalty_service.grpc.pb.h"
#include "tests/testing/grpc_matchers.h"
#include "tests/testing/test_server.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::GrpcErrorIs;
using ::guestvoice::testing::TestServer;

constexpr char kOrganization[] = "organizations/default";

v1::Identity Email(const std::string& value) {
  v1::Identity identity;
  identity.set_kind(v1::IDENTITY_KIND_EMAIL);
  identity.set_value(value);
  return identity;
}

class QuickReadTest : public ::testing::Test {
 protected:
  // Creates a guest with one email identity; returns its name.
  std::string NewGuest(const std::string& email) {
    v1::CreateGuestRequest request;
    request.set_parent(kOrganization);
    request.mutable_guest()->set_display_name("Ana Silva");
    *request.add_identities() = Email(email);
    v1::Guest guest;
    const grpc::Status status = Stub()->CreateGuest(
        TestServer::Context(server_.admin_key()).get(), request, &guest);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return guest.name();
  }

  grpc::Status GetGuest(const std::string& key, const std::string& name,
                        v1::Guest* guest) {
    v1::GetGuestRequest request;
    request.set_name(name);
    return Stub()->GetGuest(TestServer::Context(key).get(), request, guest);
  }

  grpc::Status Lookup(const std::string& key, const std::string& email,
                      v1::Guest* guest) {
    v1::LookupGuestRequest request;
    request.set_parent(kOrganization);
    *request.mutable_identity() = Email(email);
    return Stub()->LookupGuest(TestServer::Context(key).get(), request, guest);
  }

  grpc::Status Status(const std::string& key, const std::string& guest,
                      v1::LoyaltyStatus* status) {
    v1::GetLoyaltyStatusRequest request;
    request.set_guest(guest);
    return Stub()->GetLoyaltyStatus(TestServer::Context(key).get(), request,
                                    status);
  }

  // After a restart: the channel changes with the server.
  std::unique_ptr<v1::LoyaltyService::Stub> Stub() {
    return v1::LoyaltyService::NewStub(server_.channel());
  }

  // Two calls a second, bursts of three; the fake clock never advances here.
  TestServer server_{
      TestServer::Options{.rate_limit = {.calls_per_second = 2, .burst = 3}}};
};

TEST_F(QuickReadTest, EntriesOnlyOnDiskAreReadOffTheCallbackThread) {
  const std::string name = NewGuest("ana@example.com");
  v1::LoyaltyStatus before;
  ASSERT_TRUE(Status(server_.admin_key(), name, &before).ok());
  // Close flushes the memtables: the guest, its identity and the key are
  // now only in files, none of whose blocks is cached.
  server_.Restart();

  v1::Guest got;
  ASSERT_TRUE(GetGuest(server_.admin_key(), name, &got).ok());
  EXPECT_EQ(got.name(), name);
  v1::Guest found;
  ASSERT_TRUE(Lookup(server_.admin_key(), "ana@example.com", &found).ok());
  EXPECT_EQ(found.name(), name);
  v1::LoyaltyStatus after;
  ASSERT_TRUE(Status(server_.admin_key(), name, &after).ok());
  EXPECT_EQ(after.SerializeAsString(), before.SerializeAsString());
  // A fourth call needs a token more than the burst.
  server_.clock().Advance(absl::Seconds(1));
  EXPECT_THAT(GetGuest(server_.admin_key(),
                       absl::StrCat(kOrganization, "/guests/nobody"), &got),
              GrpcErrorIs(grpc::StatusCode::NOT_FOUND, "RESOURCE_NOT_FOUND"));
}

TEST_F(QuickReadTest, ACallThatMovesCountsOnceAgainstTheRateLimit) {
  const std::string name = NewGuest("ana@example.com");
  server_.Restart();
  // Made after the restart, the key is in memory while the guest is on disk:
  // the first call authenticates on gRPC's thread, then moves to read it.
  const std::string key =
      server_.CreateKey("default", {v1::SCOPE_LOYALTY_READ});
  v1::Guest guest;
  for (int call = 0; call < 3; ++call) {
    EXPECT_TRUE(GetGuest(key, name, &guest).ok()) << "call " << call;
  }
  EXPECT_THAT(
      GetGuest(key, name, &guest),
      GrpcErrorIs(grpc::StatusCode::RESOURCE_EXHAUSTED, "LIMIT_EXCEEDED"));
}

}  // namespace
}  // namespace guestvoice
