#ifndef GUESTVOICE_TESTS_SERVICE_INSIGHTS_INSIGHT_DOMAIN_FIXTURE_H_
#define GUESTVOICE_TESTS_SERVICE_INSIGHTS_INSIGHT_DOMAIN_FIXTURE_H_

// For the tests of the insight queries, without a server: FeedbackDomainFixture
// (acme's hotels lisbon in Europe/Lisbon and tokyo in Asia/Tokyo, rival's
// porto, a caller of each, the fake clock at 2026-01-15 12:00 UTC), plus
// feedback posted at a chosen time, scopes loaded as the front door loads
// them, guests holding a tier, and case changes.

#include <optional>
#include <string>

#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/feedback_service.pb.h"
#include "guestvoice/v1/loyalty_service.pb.h"
#include "service/core/errors.h"
#include "service/core/proto_date.h"
#include "service/core/proto_time.h"
#include "service/feedback/feedback_items.h"
#include "service/insights/scope.h"
#include "service/loyalty/guests.h"
#include "service/loyalty/loyalty_statuses.h"
#include "service/loyalty/tiers.h"
#include "tests/service/feedback/domain_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::testing {

class InsightDomainFixture : public FeedbackDomainFixture {
 protected:
  static absl::TimeZone Zone(const std::string& name) {
    absl::TimeZone zone;
    EXPECT_TRUE(absl::LoadTimeZone(name, &zone)) << name;
    return zone;
  }

  // Ingests acme's item `external_id` by `handle` about `hotel`, posted at
  // `when`; the stored item.
  v1::Feedback Post(const std::string& external_id, const std::string& handle,
                    const std::string& text, absl::Time when,
                    const std::string& hotel = "lisbon") {
    v1::Feedback item = Item(external_id, handle, text, hotel);
    *item.mutable_post_time() = service::ToProtoTimestamp(when);
    return Ingest(item);
  }

  // Post, rated `value` on a scale of 1..`scale_max`.
  v1::Feedback PostRated(const std::string& external_id,
                         const std::string& handle, const std::string& text,
                         double value, double scale_max, absl::Time when,
                         const std::string& hotel = "lisbon") {
    v1::Feedback item = Item(external_id, handle, text, hotel);
    *item.mutable_post_time() = service::ToProtoTimestamp(when);
    item.mutable_rating()->set_value(value);
    item.mutable_rating()->set_scale_min(1);
    item.mutable_rating()->set_scale_max(scale_max);
    return Ingest(item);
  }

  // The scope `name` (acme or one of its hotels) as acme's caller loads it.
  service::InsightScope Scope(const std::string& name) {
    service::FieldViolations violations;
    const std::optional<service::ScopeName> parsed =
        service::ParseScopeName(violations, "scope", name,
                                /*allow_organization=*/true,
                                /*allow_hotel=*/true);
    EXPECT_OK(violations.ToStatus());
    return service::LoadScope(acme_, *store_, parsed.value()).value();
  }

  // A new guest of acme known by the Twitter handle `handle` (so the
  // handle's feedback is theirs), holding `tier` from today on when given.
  std::string Guest(const std::string& handle, const std::string& tier = "") {
    v1::CreateGuestRequest create;
    create.set_parent("organizations/acme");
    create.mutable_guest()->set_display_name("Guest " + handle);
    v1::Identity& identity = *create.add_identities();
    identity.set_kind(v1::IDENTITY_KIND_HANDLE);
    identity.set_source(v1::SOURCE_TWITTER);
    identity.set_value(handle);
    v1::Guest guest;
    EXPECT_OK(service::Guests(domain()).Create(acme_, create, guest));
    if (!tier.empty()) {
      v1::SetManualTierRequest request;
      request.set_guest(guest.name());
      request.set_tier(tier);
      v1::LoyaltyStatus status;
      EXPECT_OK(service::LoyaltyStatuses(domain()).SetManualTier(acme_, request,
                                                                 status));
    }
    return guest.name();
  }

  void SetCaseState(const std::string& feedback, v1::CaseState state) {
    v1::UpdateFeedbackRequest request;
    request.mutable_feedback()->set_name(feedback);
    request.mutable_feedback()->mutable_case_()->set_state(state);
    request.mutable_update_mask()->add_paths("case.state");
    v1::Feedback updated;
    EXPECT_OK(service::FeedbackItems(domain()).Update(acme_, request, updated));
  }

  // acme's guests' tiers today (UTC), as the front door loads them.
  service::GuestTiers Tiers() {
    return service::LoadGuestTiers(*store_, "acme",
                                   service::StatusDay::Today(clock_.Now()))
        .value();
  }
};

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_SERVICE_INSIGHTS_INSIGHT_DOMAIN_FIXTURE_H_
