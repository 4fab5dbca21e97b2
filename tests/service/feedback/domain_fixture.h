#ifndef GUESTVOICE_TESTS_SERVICE_FEEDBACK_DOMAIN_FIXTURE_H_
#define GUESTVOICE_TESTS_SERVICE_FEEDBACK_DOMAIN_FIXTURE_H_

// For tests of the feedback domain and the rooms above it, without a server:
// the domain test (tests/testing/domain_fixture.h) with hotels of both its
// organizations, and feedback ingested through FeedbackIngester.

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "analysis/feedback_analyzer.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/feedback_service.pb.h"
#include "service/core/principal.h"
#include "service/core/proto_time.h"
#include "service/core/resource_names.h"
#include "service/feedback/ingest.h"
#include "service/feedback/publisher.h"
#include "tests/testing/domain_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::testing {

// Ingest announces items to nobody: there are no watchers here.
class NoOpFeedbackPublisher final : public service::FeedbackPublisher {
 public:
  void Publish(std::string_view, const v1::Feedback&,
               service::FeedbackChange) override {}
};

class FeedbackDomainFixture : public DomainTest {
 protected:
  // Organization "acme" has hotels "lisbon" (Europe/Lisbon) and "tokyo"
  // (Asia/Tokyo); organization "rival" has "porto".
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(DomainTest::SetUp());
    PutHotel("acme", "lisbon", "Europe/Lisbon");
    PutHotel("acme", "tokyo", "Asia/Tokyo");
    PutHotel("rival", "porto", "Europe/Lisbon");
  }

  // A valid item about `hotel` of acme, posted an hour before now.
  v1::Feedback Item(const std::string& external_id, const std::string& handle,
                    const std::string& text,
                    const std::string& hotel = "lisbon") const {
    v1::Feedback feedback;
    feedback.set_hotel(service::FormatHotelName("acme", hotel));
    feedback.set_source(v1::SOURCE_TWITTER);
    feedback.set_external_id(external_id);
    feedback.mutable_author()->set_handle(handle);
    feedback.set_text(text);
    *feedback.mutable_post_time() =
        service::ToProtoTimestamp(clock_.Now() - absl::Hours(1));
    return feedback;
  }

  // Ingests `feedback` under `parent` as `caller`, into `stored` if given.
  absl::Status IngestAs(const service::Principal& caller,
                        const std::string& parent, const v1::Feedback& feedback,
                        v1::Feedback* stored = nullptr) {
    v1::IngestFeedbackRequest request;
    request.set_parent(parent);
    *request.mutable_feedback() = feedback;
    v1::Feedback ignored;
    return ingester().Ingest(caller, request,
                             stored != nullptr ? *stored : ignored);
  }

  // Ingests `feedback` into acme as acme's caller; the stored item.
  v1::Feedback Ingest(const v1::Feedback& feedback) {
    v1::Feedback stored;
    EXPECT_OK(IngestAs(acme_, kAcme, feedback, &stored));
    return stored;
  }

  service::FeedbackIngester ingester() {
    return service::FeedbackIngester(domain(), publisher_,
                                     analysis::FeedbackAnalyzer::Default());
  }

  NoOpFeedbackPublisher publisher_;
};

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_SERVICE_FEEDBACK_DOMAIN_FIXTURE_H_
