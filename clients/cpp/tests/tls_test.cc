// The C++ client's TLS path against a guestvoiced with a private authority:
// trusting it, calls go through with the key; not trusting it, the handshake
// fails and the key is never sent.
#include <gtest/gtest.h>

#include <chrono>

#include "guestvoice/client.h"
#include "test_server.h"

namespace guestvoice {
namespace {

constexpr char kParent[] = "organizations/default";

class TlsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    certificates_ = testing::TestCertificates::Make().release();
    if (certificates_ != nullptr) {
      server_ =
          testing::TestServer::Start(certificates_->ServerFlags()).release();
    }
  }
  static void TearDownTestSuite() {
    delete server_;
    delete certificates_;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr); }

  // GetOrganization of the bootstrap organization through `client`.
  static grpc::Status GetParent(Client& client,
                                v1::Organization& organization) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(5));
    v1::GetOrganizationRequest request;
    request.set_name(kParent);
    return client.admin->GetOrganization(&context, request, &organization);
  }

  static inline testing::TestCertificates* certificates_ = nullptr;
  static inline testing::TestServer* server_ = nullptr;
};

TEST_F(TlsTest, TrustingTheServersAuthorityReachesTheServer) {
  ClientOptions trusting;
  trusting.root_certificates = certificates_->AuthorityPem();
  Client client = Connect(server_->address(), server_->admin_key(), trusting);
  v1::Organization organization;
  const grpc::Status status = GetParent(client, organization);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(organization.name(), kParent);
}

TEST_F(TlsTest, WithoutTrustingTheServersAuthorityFailsWithUnavailable) {
  Client client = Connect(server_->address(), server_->admin_key());
  v1::Organization organization;
  EXPECT_EQ(GetParent(client, organization).error_code(),
            grpc::StatusCode::UNAVAILABLE);
}

}  // namespace
}  // namespace guestvoice
