#ifndef GUESTVOICE_TESTS_TESTING_FEEDBACK_FIXTURE_H_
#define GUESTVOICE_TESTS_TESTING_FEEDBACK_FIXTURE_H_

// Shared by the FeedbackService tests: a server with hotels, and requests
// for typical feedback.

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "service/core/proto_time.h"
#include "tests/testing/test_server.h"

namespace guestvoice::testing {

class FeedbackFixture : public ::testing::Test {
 protected:
  explicit FeedbackFixture(TestServer::Options options = {})
      : server_(options),
        stub_(v1::FeedbackService::NewStub(server_.channel())) {
    CreateHotel("default", "lisbon", "Europe/Lisbon");
    CreateHotel("default", "tokyo", "Asia/Tokyo");
  }

  void CreateHotel(const std::string& organization, const std::string& id,
                   const std::string& time_zone) {
    v1::CreateHotelRequest request;
    request.set_parent("organizations/" + organization);
    request.set_hotel_id(id);
    request.mutable_hotel()->set_display_name("Hotel " + id);
    request.mutable_hotel()->set_time_zone(time_zone);
    v1::Hotel hotel;
    const grpc::Status status =
        v1::HotelService::NewStub(server_.channel())
            ->CreateHotel(TestServer::Context(server_.admin_key()).get(),
                          request, &hotel);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  // A valid item about hotel `hotel` of organization "default", posted an
  // hour before the fake clock's now.
  v1::Feedback Item(const std::string& external_id, const std::string& handle,
                    const std::string& text,
                    const std::string& hotel = "lisbon") {
    v1::Feedback feedback;
    feedback.set_hotel("organizations/default/hotels/" + hotel);
    feedback.set_source(v1::SOURCE_TWITTER);
    feedback.set_external_id(external_id);
    feedback.mutable_author()->set_handle(handle);
    feedback.set_text(text);
    *feedback.mutable_post_time() =
        service::ToProtoTimestamp(server_.clock().Now() - absl::Hours(1));
    return feedback;
  }

  grpc::Status Ingest(const v1::Feedback& feedback,
                      v1::Feedback* stored = nullptr,
                      const std::string& parent = "organizations/default") {
    v1::IngestFeedbackRequest request;
    request.set_parent(parent);
    *request.mutable_feedback() = feedback;
    v1::Feedback ignored;
    return stub_->IngestFeedback(TestServer::Context(server_.admin_key()).get(),
                                 request,
                                 stored != nullptr ? stored : &ignored);
  }

  // Every item of organization "default" through the filters in `request`.
  std::vector<v1::Feedback> ListAll(v1::ListFeedbackRequest request = {}) {
    request.set_parent("organizations/default");
    std::vector<v1::Feedback> all;
    do {
      v1::ListFeedbackResponse response;
      const grpc::Status status = stub_->ListFeedback(
          TestServer::Context(server_.admin_key()).get(), request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      for (auto& item : *response.mutable_feedback()) {
        all.push_back(std::move(item));
      }
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
    return all;
  }

  TestServer server_;
  std::unique_ptr<v1::FeedbackService::Stub> stub_;
};

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_TESTING_FEEDBACK_FIXTURE_H_
