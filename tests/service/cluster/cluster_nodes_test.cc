// Three guestvoiced nodes on a three-broker Kafka cluster (the
// kafka_nodes CTest fixture, tools/cluster): writes through every node
// (hotels, feedback, guests, stays) are applied by every node, reads after
// catch-up answer identically from every node, and a node killed with
// SIGKILL mid-ingest restarts and resumes with nothing lost or doubled.
//
// GUESTVOICE_KAFKA_NODES_DIR names the fixture's cluster directory; without
// it (no Java or jars) the test skips itself.

#include "tests/service/cluster/cluster_nodes.h"

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "guestvoice/v1/insight_service.grpc.pb.h"
#include "guestvoice/v1/loyalty_service.grpc.pb.h"
#include "service/core/proto_date.h"
#include "service/core/proto_time.h"
#include "tests/testing/sample_requests.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::testing::ClusterNodes;
using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::kDefaultOrganization;
using ::guestvoice::testing::SampleFeedback;
using ::guestvoice::testing::SampleHotel;

constexpr int kNodes = 3;
constexpr char kConsistencyHeader[] = "x-guestvoice-consistency";

class ClusterNodesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<ClusterNodes>> nodes =
        ClusterNodes::ForFixture();
    if (!nodes.ok()) GTEST_SKIP() << nodes.status().message();
    nodes_ = *std::move(nodes);
    ASSERT_THAT(nodes_->StartNodes(kNodes), IsOk());
  }

  // A call context for node calls: the admin key, and the consistency
  // token of the last write, so every read sees every write before it.
  std::unique_ptr<grpc::ClientContext> Context() {
    return nodes_->Context(token_);
  }

  // Keeps the write's token (all of the default organization's commands
  // are in one partition, so the latest token covers every earlier write).
  void KeepToken(const grpc::ClientContext& context) {
    auto token = context.GetServerInitialMetadata().find(kConsistencyHeader);
    ASSERT_NE(token, context.GetServerInitialMetadata().end());
    token_ = std::string(token->second.data(), token->second.size());
  }

  grpc::Status Ingest(int node, const std::string& external_id) {
    v1::IngestFeedbackRequest request;
    request.set_parent(kDefaultOrganization);
    *request.mutable_feedback() =
        SampleFeedback(hotel_, external_id, ingested_ % 4, post_time_);
    std::unique_ptr<grpc::ClientContext> context = Context();
    v1::Feedback response;
    grpc::Status status =
        v1::FeedbackService::NewStub(nodes_->channel(node))
            ->IngestFeedback(context.get(), request, &response);
    if (status.ok()) {
      ++ingested_;
      KeepToken(*context);
    }
    return status;
  }

  // What node `node` answers for the hotel's summary and its feedback.
  std::string Insights(int node) {
    v1::GetHotelSummaryRequest summary_request;
    summary_request.set_hotel(hotel_);
    *summary_request.mutable_interval()->mutable_start_time() =
        ToProtoTimestamp(post_time_ - absl::Hours(24 * 30));
    *summary_request.mutable_interval()->mutable_end_time() =
        ToProtoTimestamp(post_time_ + absl::Hours(24));
    v1::HotelSummary summary;
    std::unique_ptr<grpc::ClientContext> context = Context();
    grpc::Status status =
        v1::InsightService::NewStub(nodes_->channel(node))
            ->GetHotelSummary(context.get(), summary_request, &summary);
    EXPECT_TRUE(status.ok()) << node << ": " << status.error_message();
    v1::ListFeedbackRequest list_request;
    list_request.set_parent(kDefaultOrganization);
    list_request.set_hotel(hotel_);
    list_request.set_page_size(1000);
    v1::ListFeedbackResponse list;
    context = Context();
    status = v1::FeedbackService::NewStub(nodes_->channel(node))
                 ->ListFeedback(context.get(), list_request, &list);
    EXPECT_TRUE(status.ok()) << node << ": " << status.error_message();
    EXPECT_EQ(list.feedback_size(), ingested_) << "node " << node;
    return summary.SerializeAsString() + list.SerializeAsString();
  }

  std::unique_ptr<ClusterNodes> nodes_;
  const std::string run_ = testing::RunTag();
  std::string token_;
  std::string hotel_;
  int ingested_ = 0;
  const absl::Time post_time_ = absl::Now() - absl::Hours(2);
};

TEST_F(ClusterNodesTest, WritesThroughEveryNodeReadAlikeFromEveryNode) {
  {
    std::unique_ptr<grpc::ClientContext> context = Context();
    v1::Hotel hotel;
    grpc::Status status =
        v1::HotelService::NewStub(nodes_->channel(0))
            ->CreateHotel(context.get(),
                          SampleHotel(absl::StrCat("lisbon-", run_)), &hotel);
    ASSERT_TRUE(status.ok()) << status.error_message();
    KeepToken(*context);
    hotel_ = hotel.name();
  }
  for (int i = 0; i < 3 * kNodes; ++i) {
    grpc::Status status = Ingest(i % kNodes, absl::StrCat(run_, "-e", i));
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  v1::Guest guest;
  {
    v1::CreateGuestRequest request;
    request.set_parent(kDefaultOrganization);
    request.mutable_guest()->set_display_name("Ana Silva");
    v1::Identity& email = *request.add_identities();
    email.set_kind(v1::IDENTITY_KIND_EMAIL);
    email.set_value(absl::StrCat("ana-", run_, "@example.com"));
    std::unique_ptr<grpc::ClientContext> context = Context();
    grpc::Status status = v1::LoyaltyService::NewStub(nodes_->channel(1))
                              ->CreateGuest(context.get(), request, &guest);
    ASSERT_TRUE(status.ok()) << status.error_message();
    KeepToken(*context);
  }
  {
    v1::RecordStayRequest request;
    request.set_parent(guest.name());
    v1::Stay& stay = *request.mutable_stay();
    stay.set_hotel(hotel_);
    *stay.mutable_arrival_date() =
        ToProtoDate(absl::ToCivilDay(post_time_, absl::UTCTimeZone()) - 5);
    stay.set_nights(2);
    stay.set_booking_reference(absl::StrCat("B1-", run_));
    std::unique_ptr<grpc::ClientContext> context = Context();
    v1::Stay recorded;
    grpc::Status status = v1::LoyaltyService::NewStub(nodes_->channel(2))
                              ->RecordStay(context.get(), request, &recorded);
    ASSERT_TRUE(status.ok()) << status.error_message();
    KeepToken(*context);
  }
  // Every node has the guest and the stay, and the same insights.
  for (int i = 0; i < kNodes; ++i) {
    v1::GetGuestRequest request;
    request.set_name(guest.name());
    v1::Guest got;
    std::unique_ptr<grpc::ClientContext> context = Context();
    grpc::Status status = v1::LoyaltyService::NewStub(nodes_->channel(i))
                              ->GetGuest(context.get(), request, &got);
    ASSERT_TRUE(status.ok()) << i << ": " << status.error_message();
    EXPECT_EQ(got.display_name(), "Ana Silva");
  }
  const std::string first = Insights(0);
  EXPECT_EQ(Insights(1), first);
  EXPECT_EQ(Insights(2), first);

  // A node killed with SIGKILL while it applies an ingest that goes on
  // through another node: the node restarts on its data dir, resumes where
  // its state stopped, and answers like the others, every acknowledged item
  // there once.
  std::atomic<int> acknowledged{0};
  std::thread writer([&] {
    for (int i = 0; i < 30; ++i) {
      grpc::Status status = Ingest(0, absl::StrCat(run_, "-k", i));
      EXPECT_TRUE(status.ok()) << status.error_message();
      ++acknowledged;
    }
  });
  while (acknowledged < 10) absl::SleepFor(absl::Milliseconds(1));
  nodes_->Kill(2);
  writer.join();
  ASSERT_EQ(acknowledged, 30);
  ASSERT_THAT(nodes_->Start(2), IsOk());
  const std::string after = Insights(0);
  EXPECT_NE(after, first);
  EXPECT_EQ(Insights(1), after);
  EXPECT_EQ(Insights(2), after);
}

}  // namespace
}  // namespace guestvoice::service::cluster
