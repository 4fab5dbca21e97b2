#include "tests/testing/test_server.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.grpc.pb.h"
#include "service/core/proto_time.h"
#include "service/tenancy/bootstrap.h"

namespace guestvoice::testing {

TestServer::TestServer(Options options) : options_(options) {
  Start();
  std::ifstream key_file(
      absl::StrCat(data_dir_.path(), "/", service::kAdminKeyFileName));
  std::getline(key_file, admin_key_);
  EXPECT_FALSE(admin_key_.empty()) << "no bootstrap admin key was written";
}

TestServer::~TestServer() {
  if (server_ != nullptr) {
    EXPECT_TRUE(server_->Shutdown(absl::Seconds(5)).ok());
  }
}

void TestServer::Start() {
  auto server = service::Server::Start({
      .listen = "127.0.0.1:0",
      .data_dir = data_dir_.path(),
      .page_token_secret_file = options_.page_token_secret_file,
      // Plaintext: the server listens on loopback only.
      .tls_cert_file = "",
      .tls_key_file = "",
      // Tests do not need fsync, and it would make them slow on shared disks.
      .sync_writes = false,
      .block_cache_bytes = 8 << 20,
      // No backups: AdminService answers BACKUPS_NOT_CONFIGURED (the backup
      // tests open storage::Backups themselves).
      .backup_dir = "",
      .metrics_listen = options_.metrics_listen,
      .clock = &clock_,
      .watchers = options_.watchers,
      .imports = options_.imports,
      .rate_limit = options_.rate_limit,
      .scan_threads = options_.scan_threads,
      .call_queue_capacity = options_.call_queue_capacity,
      .scan_queue_capacity = options_.scan_queue_capacity,
      .call_router = options_.call_router,
  });
  ASSERT_TRUE(server.ok()) << server.status();
  server_ = std::move(server).value();
  channel_ = grpc::CreateChannel(absl::StrCat("127.0.0.1:", server_->port()),
                                 grpc::InsecureChannelCredentials());
}

void TestServer::Restart() {
  ASSERT_TRUE(server_->Shutdown(absl::Seconds(5)).ok());
  server_.reset();
  Start();
}

std::unique_ptr<grpc::ClientContext> TestServer::Context(
    const std::string& key) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!key.empty()) {
    context->AddMetadata("authorization", absl::StrCat("Bearer ", key));
  }
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(30));
  return context;
}

std::string TestServer::CreateOrganizationWithKey(
    const std::string& organization_id, std::vector<v1::Scope> scopes) {
  auto stub = v1::AdminService::NewStub(channel_);
  v1::CreateOrganizationRequest request;
  request.set_organization_id(organization_id);
  request.mutable_organization()->set_display_name(
      absl::StrCat("Organization ", organization_id));
  v1::Organization organization;
  const grpc::Status status = stub->CreateOrganization(
      Context(admin_key_).get(), request, &organization);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return CreateKey(organization_id, std::move(scopes));
}

std::string TestServer::CreateKey(const std::string& organization,
                                  std::vector<v1::Scope> scopes) {
  return CreateApiKey(organization, std::move(scopes)).key_string();
}

v1::ApiKey TestServer::CreateApiKey(const std::string& organization,
                                    std::vector<v1::Scope> scopes,
                                    std::optional<absl::Time> expire_time) {
  auto stub = v1::AdminService::NewStub(channel_);
  v1::CreateApiKeyRequest request;
  request.set_parent(absl::StrCat("organizations/", organization));
  request.mutable_api_key()->set_display_name("test key");
  for (v1::Scope scope : scopes) request.mutable_api_key()->add_scopes(scope);
  if (expire_time.has_value()) {
    *request.mutable_api_key()->mutable_expire_time() =
        service::ToProtoTimestamp(*expire_time);
  }
  v1::ApiKey key;
  const grpc::Status status =
      stub->CreateApiKey(Context(admin_key_).get(), request, &key);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return key;
}

}  // namespace guestvoice::testing
