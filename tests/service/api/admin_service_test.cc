// AdminService end to end: organizations, API keys, revocation and expiry.

#include <sys/stat.h>

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.grpc.pb.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "service/core/proto_time.h"
#include "tests/testing/grpc_matchers.h"
#include "tests/testing/test_server.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::GrpcCodeIs;
using ::guestvoice::testing::GrpcErrorIs;
using ::guestvoice::testing::TestServer;
using ::guestvoice::testing::ViolatedFields;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

class AdminServiceTest : public ::testing::Test {
 protected:
  AdminServiceTest()
      : admin_(v1::AdminService::NewStub(server_.channel())),
        hotels_(v1::HotelService::NewStub(server_.channel())) {}

  grpc::Status CreateKey(const std::string& caller, v1::ApiKey request_key,
                         v1::ApiKey* created,
                         const std::string& parent = "organizations/default",
                         const std::string& request_id = "") {
    v1::CreateApiKeyRequest request;
    request.set_parent(parent);
    *request.mutable_api_key() = std::move(request_key);
    request.set_request_id(request_id);
    return admin_->CreateApiKey(TestServer::Context(caller).get(), request,
                                created);
  }

  static v1::ApiKey KeyWith(std::vector<v1::Scope> scopes) {
    v1::ApiKey key;
    key.set_display_name("reporting");
    for (v1::Scope scope : scopes) key.add_scopes(scope);
    return key;
  }

  // Whether `key` is accepted by an RPC that any valid key may call.
  grpc::Status Probe(const std::string& key) {
    v1::ListHotelsRequest request;
    request.set_parent("organizations/default");
    v1::ListHotelsResponse response;
    return hotels_->ListHotels(TestServer::Context(key).get(), request,
                               &response);
  }

  TestServer server_;
  std::unique_ptr<v1::AdminService::Stub> admin_;
  std::unique_ptr<v1::HotelService::Stub> hotels_;
};

TEST_F(AdminServiceTest, BootstrapKeyFileIsOwnerOnly) {
  struct stat info;
  ASSERT_EQ(::stat((server_.data_dir() + "/admin-api-key").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
  EXPECT_THAT(server_.admin_key(), StartsWith("gv_"));
}

TEST_F(AdminServiceTest, RestartDoesNotBootstrapAgain) {
  v1::ListOrganizationsResponse before;
  ASSERT_TRUE(
      admin_
          ->ListOrganizations(TestServer::Context(server_.admin_key()).get(),
                              {}, &before)
          .ok());
  server_.Restart();
  admin_ = v1::AdminService::NewStub(server_.channel());
  v1::ListOrganizationsResponse after;
  ASSERT_TRUE(
      admin_
          ->ListOrganizations(TestServer::Context(server_.admin_key()).get(),
                              {}, &after)
          .ok());
  EXPECT_EQ(after.organizations_size(), 1);
  EXPECT_EQ(before.SerializeAsString(), after.SerializeAsString());
}

TEST_F(AdminServiceTest, CreatedKeyWorksAndIsStoredWithoutItsSecret) {
  v1::ApiKey created;
  ASSERT_TRUE(
      CreateKey(server_.admin_key(),
                KeyWith({v1::SCOPE_INSIGHTS_READ, v1::SCOPE_FEEDBACK_READ,
                         v1::SCOPE_INSIGHTS_READ}),
                &created)
          .ok());
  EXPECT_THAT(created.key_string(), StartsWith("gv_"));
  EXPECT_THAT(created.scopes(),
              ElementsAre(v1::SCOPE_FEEDBACK_READ, v1::SCOPE_INSIGHTS_READ));
  EXPECT_TRUE(Probe(created.key_string()).ok());

  v1::GetApiKeyRequest get;
  get.set_name(created.name());
  v1::ApiKey fetched;
  ASSERT_TRUE(admin_
                  ->GetApiKey(TestServer::Context(server_.admin_key()).get(),
                              get, &fetched)
                  .ok());
  EXPECT_THAT(fetched.key_string(), IsEmpty());
  EXPECT_EQ(fetched.name(), created.name());
}

TEST_F(AdminServiceTest, RetryReturnsTheKeyWithoutItsSecretAndMakesNoOther) {
  v1::ApiKey first;
  v1::ApiKey retry;
  ASSERT_TRUE(CreateKey(server_.admin_key(), KeyWith({v1::SCOPE_ADMIN}), &first,
                        "organizations/default", "key-req-1")
                  .ok());
  ASSERT_TRUE(CreateKey(server_.admin_key(), KeyWith({v1::SCOPE_ADMIN}), &retry,
                        "organizations/default", "key-req-1")
                  .ok());
  EXPECT_EQ(retry.name(), first.name());
  EXPECT_THAT(retry.key_string(), IsEmpty());
  v1::ListApiKeysRequest list;
  list.set_parent("organizations/default");
  v1::ListApiKeysResponse keys;
  ASSERT_TRUE(admin_
                  ->ListApiKeys(TestServer::Context(server_.admin_key()).get(),
                                list, &keys)
                  .ok());
  EXPECT_EQ(keys.api_keys_size(), 2);  // the bootstrap key and this one
}

TEST_F(AdminServiceTest, InvalidKeyRequestsNameEveryBadField) {
  v1::ApiKey bad;
  bad.add_scopes(v1::SCOPE_UNSPECIFIED);
  bad.add_scopes(static_cast<v1::Scope>(99));
  *bad.mutable_expire_time() =
      service::ToProtoTimestamp(server_.clock().Now() - absl::Hours(1));
  v1::ApiKey created;
  const grpc::Status status = CreateKey(server_.admin_key(), bad, &created);
  EXPECT_THAT(status,
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  EXPECT_THAT(ViolatedFields(status),
              ElementsAre("api_key.display_name", "api_key.scopes[0]",
                          "api_key.scopes[1]", "api_key.expire_time"));
}

TEST_F(AdminServiceTest, OnlyPlatformAdminsGrantPlatformAdmin) {
  const std::string admin_only =
      server_.CreateKey("default", {v1::SCOPE_ADMIN});
  v1::ApiKey created;
  const grpc::Status status =
      CreateKey(admin_only, KeyWith({v1::SCOPE_PLATFORM_ADMIN}), &created);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("api_key.scopes[0]"));
}

TEST_F(AdminServiceTest, RevokedKeysAreRefused) {
  v1::ApiKey created;
  ASSERT_TRUE(
      CreateKey(server_.admin_key(), KeyWith({v1::SCOPE_ADMIN}), &created)
          .ok());
  ASSERT_TRUE(Probe(created.key_string()).ok());
  v1::RevokeApiKeyRequest revoke;
  revoke.set_name(created.name());
  v1::ApiKey revoked;
  ASSERT_TRUE(admin_
                  ->RevokeApiKey(TestServer::Context(server_.admin_key()).get(),
                                 revoke, &revoked)
                  .ok());
  EXPECT_TRUE(revoked.has_revoke_time());
  EXPECT_THAT(
      Probe(created.key_string()),
      GrpcErrorIs(grpc::StatusCode::UNAUTHENTICATED, "API_KEY_INVALID"));

  // Revoking again changes nothing.
  server_.clock().Advance(absl::Hours(1));
  v1::ApiKey again;
  ASSERT_TRUE(admin_
                  ->RevokeApiKey(TestServer::Context(server_.admin_key()).get(),
                                 revoke, &again)
                  .ok());
  EXPECT_EQ(again.revoke_time().seconds(), revoked.revoke_time().seconds());
}

TEST_F(AdminServiceTest, AKeyCannotRevokeItself) {
  v1::ApiKey created;
  ASSERT_TRUE(
      CreateKey(server_.admin_key(), KeyWith({v1::SCOPE_ADMIN}), &created)
          .ok());
  v1::RevokeApiKeyRequest revoke;
  revoke.set_name(created.name());
  v1::ApiKey revoked;
  EXPECT_THAT(
      admin_->RevokeApiKey(TestServer::Context(created.key_string()).get(),
                           revoke, &revoked),
      GrpcCodeIs(grpc::StatusCode::FAILED_PRECONDITION));
  EXPECT_TRUE(Probe(created.key_string()).ok());
}

TEST_F(AdminServiceTest, ExpiredKeysAreRefused) {
  v1::ApiKey request = KeyWith({v1::SCOPE_ADMIN});
  *request.mutable_expire_time() =
      service::ToProtoTimestamp(server_.clock().Now() + absl::Hours(1));
  v1::ApiKey created;
  ASSERT_TRUE(CreateKey(server_.admin_key(), request, &created).ok());
  EXPECT_TRUE(Probe(created.key_string()).ok());
  server_.clock().Advance(absl::Hours(1));
  EXPECT_THAT(
      Probe(created.key_string()),
      GrpcErrorIs(grpc::StatusCode::UNAUTHENTICATED, "API_KEY_EXPIRED"));
}

TEST_F(AdminServiceTest, OrganizationsAreCreatedAndListedByPlatformAdmins) {
  const std::string other_key =
      server_.CreateOrganizationWithKey("marriottish", {v1::SCOPE_ADMIN});
  v1::CreateOrganizationRequest duplicate;
  duplicate.set_organization_id("marriottish");
  duplicate.mutable_organization()->set_display_name("Again");
  v1::Organization organization;
  EXPECT_THAT(
      admin_->CreateOrganization(TestServer::Context(server_.admin_key()).get(),
                                 duplicate, &organization),
      GrpcErrorIs(grpc::StatusCode::ALREADY_EXISTS, "RESOURCE_ALREADY_EXISTS"));

  v1::ListOrganizationsRequest list;
  list.set_page_size(1);
  v1::ListOrganizationsResponse first;
  ASSERT_TRUE(
      admin_
          ->ListOrganizations(TestServer::Context(server_.admin_key()).get(),
                              list, &first)
          .ok());
  ASSERT_EQ(first.organizations_size(), 1);
  EXPECT_EQ(first.organizations(0).name(), "organizations/default");
  list.set_page_token(first.next_page_token());
  v1::ListOrganizationsResponse second;
  ASSERT_TRUE(
      admin_
          ->ListOrganizations(TestServer::Context(server_.admin_key()).get(),
                              list, &second)
          .ok());
  ASSERT_EQ(second.organizations_size(), 1);
  EXPECT_EQ(second.organizations(0).name(), "organizations/marriottish");
  EXPECT_THAT(second.next_page_token(), IsEmpty());

  // The new organization's own key reads itself, and nothing else.
  v1::GetOrganizationRequest get;
  get.set_name("organizations/marriottish");
  EXPECT_TRUE(admin_
                  ->GetOrganization(TestServer::Context(other_key).get(), get,
                                    &organization)
                  .ok());
  get.set_name("organizations/default");
  EXPECT_THAT(admin_->GetOrganization(TestServer::Context(other_key).get(), get,
                                      &organization),
              GrpcCodeIs(grpc::StatusCode::NOT_FOUND));
}

TEST_F(AdminServiceTest,
       PlatformAdminsCannotCreateKeysForUnknownOrganizations) {
  v1::ApiKey created;
  EXPECT_THAT(CreateKey(server_.admin_key(), KeyWith({v1::SCOPE_ADMIN}),
                        &created, "organizations/ghost"),
              GrpcCodeIs(grpc::StatusCode::NOT_FOUND));
}

TEST_F(AdminServiceTest, ServerInfoNeedsThePlatformAdminScope) {
  const std::string org_admin =
      server_.CreateOrganizationWithKey("acme", {v1::SCOPE_ADMIN});
  v1::ServerInfo info;
  EXPECT_THAT(
      admin_->GetServerInfo(TestServer::Context(org_admin).get(), {}, &info),
      GrpcErrorIs(grpc::StatusCode::PERMISSION_DENIED, "SCOPE_MISSING"));

  ASSERT_TRUE(admin_
                  ->GetServerInfo(
                      TestServer::Context(server_.admin_key()).get(), {}, &info)
                  .ok());
  EXPECT_EQ(info.versions().schema_version(), storage::Store::kSchemaVersion);
  EXPECT_THAT(info.versions().grpc(), StartsWith("1."));
  EXPECT_THAT(info.versions().protobuf(), StartsWith("3."));
  EXPECT_FALSE(info.versions().git_revision().empty());
  EXPECT_GT(info.store_size_bytes(), 0);
  EXPECT_FALSE(info.store_id().empty());

  // Uptime runs on the server's clock from its start.
  const int64_t started = info.start_time().seconds();
  server_.clock().Advance(absl::Seconds(90));
  v1::ServerInfo later;
  ASSERT_TRUE(
      admin_
          ->GetServerInfo(TestServer::Context(server_.admin_key()).get(), {},
                          &later)
          .ok());
  EXPECT_EQ(later.start_time().seconds(), started);
  EXPECT_EQ(later.uptime().seconds() - info.uptime().seconds(), 90);
}

TEST_F(AdminServiceTest, BackupsNeedThePlatformAdminScopeAndABackupDir) {
  const std::string org_admin =
      server_.CreateOrganizationWithKey("acme", {v1::SCOPE_ADMIN});
  v1::Backup backup;
  EXPECT_THAT(
      admin_->CreateBackup(TestServer::Context(org_admin).get(), {}, &backup),
      GrpcErrorIs(grpc::StatusCode::PERMISSION_DENIED, "SCOPE_MISSING"));
  // The test server runs without --backup_dir.
  EXPECT_THAT(admin_->CreateBackup(
                  TestServer::Context(server_.admin_key()).get(), {}, &backup),
              GrpcErrorIs(grpc::StatusCode::FAILED_PRECONDITION,
                          "BACKUPS_NOT_CONFIGURED"));
}

}  // namespace
}  // namespace guestvoice
