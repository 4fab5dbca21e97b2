#ifndef GUESTVOICE_TESTS_SERVICE_FEEDBACK_DOMAIN_FIXTURE_H_
#define GUESTVOICE_TESTS_SERVICE_FEEDBACK_DOMAIN_FIXTURE_H_

// For tests of the feedback domain and the rooms above it, without a server:
// a store in a fresh directory with hotels of two organizations, a fake
// clock, a caller of each organization, and feedback ingested through
// FeedbackIngester.

#include <memory>
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "analysis/feedback_analyzer.h"
#include "common/striped_lock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/feedback_service.pb.h"
#include "guestvoice/v1/hotel.pb.h"
#include "service/core/domain_context.h"
#include "service/core/principal.h"
#include "service/core/proto_time.h"
#include "service/core/resource_names.h"
#include "service/feedback/ingest.h"
#include "service/feedback/publisher.h"
#include "storage/keys.h"
#include "storage/store.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::testing {

// Ingest announces items to nobody: there are no watchers here.
class NoOpFeedbackPublisher final : public service::FeedbackPublisher {
 public:
  void Publish(std::string_view, const v1::Feedback&) override {}
};

class FeedbackDomainFixture : public ::testing::Test {
 protected:
  // Organization "acme" has hotels "lisbon" (Europe/Lisbon) and "tokyo"
  // (Asia/Tokyo); organization "rival" has "porto".
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(store_, storage::Store::Open({.data_dir = dir_.path(),
                                                       .sync_writes = false}));
    PutHotel("acme", "lisbon", "Europe/Lisbon");
    PutHotel("acme", "tokyo", "Asia/Tokyo");
    PutHotel("rival", "porto", "Europe/Lisbon");
  }

  service::DomainContext domain() {
    return {*store_, locks_, clock_, attribution_locks_};
  }

  // A valid item about `hotel` of acme, posted an hour before now.
  v1::Feedback Item(const std::string& external_id, const std::string& handle,
                    const std::string& text,
                    const std::string& hotel = "lisbon") const {
    v1::Feedback feedback;
    feedback.set_hotel("organizations/acme/hotels/" + hotel);
    feedback.set_source(v1::SOURCE_TWITTER);
    feedback.set_external_id(external_id);
    feedback.mutable_author()->set_handle(handle);
    feedback.set_text(text);
    *feedback.mutable_post_time() =
        service::ToProtoTimestamp(clock_.Now() - absl::Hours(1));
    return feedback;
  }

  // Ingests `feedback` into acme as acme's caller; the stored item.
  v1::Feedback Ingest(const v1::Feedback& feedback) {
    v1::IngestFeedbackRequest request;
    request.set_parent("organizations/acme");
    *request.mutable_feedback() = feedback;
    v1::Feedback stored;
    EXPECT_OK(ingester().Ingest(acme_, request, stored));
    return stored;
  }

  service::FeedbackIngester ingester() {
    return service::FeedbackIngester(domain(), publisher_,
                                     analysis::FeedbackAnalyzer::Default());
  }

  TempDir dir_;
  FakeClock clock_;
  StripedLock locks_{64};
  StripedLock attribution_locks_{8};
  std::unique_ptr<storage::Store> store_;
  NoOpFeedbackPublisher publisher_;
  // Callers; the domain leaves scopes to the gRPC layer, so they have none.
  const service::Principal acme_{"acme", "organizations/acme/apiKeys/a", {}};
  const service::Principal rival_{"rival", "organizations/rival/apiKeys/r", {}};

 private:
  void PutHotel(const std::string& organization, const std::string& id,
                const std::string& time_zone) {
    v1::Hotel hotel;
    hotel.set_name(service::FormatHotelName(organization, id));
    hotel.set_display_name("Hotel " + id);
    hotel.set_time_zone(time_zone);
    storage::WriteBatch batch;
    batch.Put(storage::ColumnFamily::kEntities,
              storage::HotelKey(organization, id), hotel.SerializeAsString());
    ASSERT_OK(store_->Write(std::move(batch)));
  }
};

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_SERVICE_FEEDBACK_DOMAIN_FIXTURE_H_
