// AdminService.ReanalyzeFeedback, GetOperation and ListOperations end to end:
// the operation is returned at once, runs off the call, is found by name and
// in the listing, and belongs to its organization only.

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.grpc.pb.h"
#include "tests/testing/feedback_fixture.h"
#include "tests/testing/grpc_matchers.h"
#include "tests/testing/test_server.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::GrpcCodeIs;
using ::guestvoice::testing::TestServer;
using ::testing::StartsWith;

class ReanalysisServiceTest : public testing::FeedbackFixture {
 protected:
  ReanalysisServiceTest()
      : admin_(v1::AdminService::NewStub(server_.channel())) {}

  grpc::Status Reanalyze(const std::string& parent, v1::Operation* operation) {
    v1::ReanalyzeFeedbackRequest request;
    request.set_parent(parent);
    return admin_->ReanalyzeFeedback(
        TestServer::Context(server_.admin_key()).get(), request, operation);
  }

  std::unique_ptr<v1::AdminService::Stub> admin_;
};

TEST_F(ReanalysisServiceTest, AnOperationRunsToDoneAndIsListed) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(
        Ingest(Item("r" + std::to_string(i), "@ana", "The room was dirty."))
            .ok());
  }
  v1::Operation started;
  ASSERT_TRUE(Reanalyze("organizations/default", &started).ok());
  EXPECT_THAT(started.name(), StartsWith("organizations/default/operations/"));
  EXPECT_TRUE(started.has_reanalyze_feedback());
  server_.server().reanalysis_runner().WaitUntilIdle();

  v1::GetOperationRequest get;
  get.set_name(started.name());
  v1::Operation finished;
  ASSERT_TRUE(admin_
                  ->GetOperation(TestServer::Context(server_.admin_key()).get(),
                                 get, &finished)
                  .ok());
  EXPECT_TRUE(finished.done());
  EXPECT_FALSE(finished.has_error());
  EXPECT_EQ(finished.reanalyze_feedback().total_count(), 3);
  EXPECT_EQ(finished.reanalyze_feedback().processed_count(), 3);
  EXPECT_EQ(finished.reanalyze_feedback().changed_count(), 0)
      << "the analyser they were ingested with";

  v1::ListOperationsRequest list;
  list.set_parent("organizations/default");
  v1::ListOperationsResponse listed;
  ASSERT_TRUE(
      admin_
          ->ListOperations(TestServer::Context(server_.admin_key()).get(), list,
                           &listed)
          .ok());
  ASSERT_EQ(listed.operations_size(), 1);
  EXPECT_EQ(listed.operations(0).name(), started.name());
}

TEST_F(ReanalysisServiceTest, AnUnknownOperationIsNotFound) {
  v1::GetOperationRequest get;
  get.set_name("organizations/default/operations/op0-missing");
  v1::Operation operation;
  EXPECT_THAT(
      admin_->GetOperation(TestServer::Context(server_.admin_key()).get(), get,
                           &operation),
      GrpcCodeIs(grpc::StatusCode::NOT_FOUND));
  get.set_name("operations/x");
  EXPECT_THAT(
      admin_->GetOperation(TestServer::Context(server_.admin_key()).get(), get,
                           &operation),
      GrpcCodeIs(grpc::StatusCode::INVALID_ARGUMENT));
}

}  // namespace
}  // namespace guestvoice
