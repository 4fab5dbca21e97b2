#include "tests/service/cluster/state_node.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "analysis/feedback_analyzer.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.pb.h"
#include "guestvoice/v1/feedback_service.pb.h"
#include "guestvoice/v1/hotel_service.pb.h"
#include "guestvoice/v1/loyalty_service.pb.h"
#include "service/cluster/command_builder.h"
#include "service/cluster/command_codec.h"
#include "service/core/proto_date.h"
#include "service/core/proto_time.h"
#include "service/core/request_log.h"
#include "service/core/resource_names.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/store_contents.h"

namespace guestvoice::testing {

using service::cluster::AppliedCommand;
using service::cluster::CommandRecord;

StateNode::StateNode() { Open(); }

void StateNode::Open() {
  // Request records expire as on a cluster node: by the applied time.
  ASSERT_OK_AND_ASSIGN(
      store_, storage::Store::Open(
                  {.data_dir = dir_.path(),
                   .sync_writes = false,
                   .expiring_families = {service::ExpiringRequestRecords(
                       [this](std::string_view org_id) {
                         return applied_times_.ExpiryNow(org_id);
                       })}}));
  verifier_ = std::make_unique<service::ApiKeyVerifier>(*store_);
  table_ = std::make_unique<service::cluster::MutationTable>(
      service::cluster::MutationDeps{
          .api_key_verifier = *verifier_,
          .publisher = publisher_,
          .analyzer = analysis::FeedbackAnalyzer::Default()});
  applier_ = std::make_unique<service::cluster::CommandApplier>(
      *table_, *store_, locks_, organization_locks_, applied_times_);
}

void StateNode::Restart() {
  applier_.reset();
  table_.reset();
  verifier_.reset();
  ASSERT_OK(store_->Close());
  store_.reset();
  Open();
}

service::DomainContext StateNode::domain() {
  return {*store_, locks_, clock_, ids_, organization_locks_};
}

std::vector<std::string> StateNode::Contents() const {
  return StoreContents(*store_);
}

service::Principal AcmeAdmin() {
  google::protobuf::RepeatedField<int> scopes;
  for (v1::Scope scope :
       {v1::SCOPE_FEEDBACK_READ, v1::SCOPE_FEEDBACK_WRITE,
        v1::SCOPE_LOYALTY_READ, v1::SCOPE_LOYALTY_WRITE,
        v1::SCOPE_INSIGHTS_READ, v1::SCOPE_ADMIN, v1::SCOPE_PLATFORM_ADMIN}) {
    scopes.Add(scope);
  }
  return service::Principal("acme", service::FormatApiKeyName("acme", "admin"),
                            scopes);
}

absl::Status CommandLog::Add(const google::protobuf::Message& request,
                             google::protobuf::Message& response) {
  return Add(AcmeAdmin(), request, response);
}

absl::Status CommandLog::Add(const service::Principal& caller,
                             const google::protobuf::Message& request,
                             google::protobuf::Message& response) {
  const service::cluster::MutationTable& table = reference_.table();
  const service::cluster::Mutation* mutation =
      table.FindByRequest(*request.GetDescriptor());
  if (mutation == nullptr) {
    return absl::InternalError(
        absl::StrCat("no mutation for ", request.GetDescriptor()->full_name()));
  }
  receive_time_ += absl::Minutes(1);
  absl::StatusOr<::guestvoice::internal::v1::Command> command =
      service::cluster::BuildCommand(table, *mutation, reference_.domain(),
                                     caller, request, receive_time_,
                                     absl::StrCat("seed-", records_.size()));
  if (!command.ok()) return command.status();
  CommandRecord record{.partition = partition_,
                       .offset = static_cast<int64_t>(records_.size()),
                       .organization_id = command->organization(),
                       .payload = service::cluster::EncodeCommand(*command)};
  records_.push_back(record);
  absl::StatusOr<std::optional<AppliedCommand>> applied =
      reference_.applier().Apply(record);
  if (!applied.ok()) return applied.status();
  if (!applied->has_value()) {
    return absl::InternalError("the reference applied the command before");
  }
  if ((*applied)->status.ok() &&
      !response.ParseFromString((*applied)->response)) {
    return absl::DataLossError("an unreadable response");
  }
  return (*applied)->status;
}

namespace {

v1::Identity Identity(v1::IdentityKind kind, std::string value,
                      v1::Source source = v1::SOURCE_UNSPECIFIED) {
  v1::Identity identity;
  identity.set_kind(kind);
  identity.set_source(source);
  identity.set_value(std::move(value));
  return identity;
}

v1::IngestFeedbackRequest Post(const std::string& external_id,
                               const std::string& handle,
                               const std::string& text,
                               const std::string& hotel = "lisbon") {
  v1::IngestFeedbackRequest request;
  request.set_parent("organizations/acme");
  v1::Feedback& feedback = *request.mutable_feedback();
  feedback.set_hotel(service::FormatHotelName("acme", hotel));
  feedback.set_source(v1::SOURCE_TWITTER);
  feedback.set_external_id(external_id);
  feedback.mutable_author()->set_handle(handle);
  feedback.set_text(text);
  *feedback.mutable_post_time() = service::ToProtoTimestamp(absl::FromCivil(
      absl::CivilSecond(2026, 1, 14, 8, 0, 0), absl::UTCTimeZone()));
  return request;
}

}  // namespace

void CommandLog::AddMixedWorkload() {
  v1::CreateOrganizationRequest organization;
  organization.set_organization_id("acme");
  organization.mutable_organization()->set_display_name("Acme Hotels");
  organization.set_request_id("org-1");
  v1::Organization created;
  EXPECT_OK(Add(organization, created));
  EXPECT_OK(Add(organization, created));  // a replay of the request id

  for (const char* hotel : {"lisbon", "tokyo"}) {
    v1::CreateHotelRequest create;
    create.set_parent("organizations/acme");
    create.set_hotel_id(hotel);
    create.mutable_hotel()->set_display_name(absl::StrCat("Hotel ", hotel));
    create.mutable_hotel()->set_time_zone("Europe/Lisbon");
    v1::Hotel made;
    EXPECT_OK(Add(create, made));
  }

  v1::Feedback first;
  EXPECT_OK(
      Add(Post("t1", "@ana", "The room was dirty and the staff rude."), first));
  v1::Feedback item;
  EXPECT_OK(
      Add(Post("t2", "@bea", "Lovely breakfast, great view.", "tokyo"), item));
  EXPECT_OK(
      Add(Post("t3", "@ana", "the room was DIRTY and the staff rude."), item));
  EXPECT_OK(Add(Post("t1", "@ana", "The room was dirty and the staff rude."),
                item));  // a duplicate
  EXPECT_THAT(Add(Post("t4", "@ana", "Fine.", "nowhere"), item),
              StatusIs(absl::StatusCode::kNotFound));
  v1::ImportFeedbackRequest import;
  import.set_parent("organizations/acme");
  *import.mutable_feedback() =
      Post("i1", "@cem", "Noisy at night, slow wifi.").feedback();
  v1::ImportFeedbackResult imported;
  EXPECT_OK(Add(import, imported));

  v1::UpdateFeedbackRequest acknowledge;
  acknowledge.mutable_feedback()->set_name(first.name());
  acknowledge.mutable_feedback()->mutable_case_()->set_state(
      v1::CASE_STATE_ACKNOWLEDGED);
  acknowledge.mutable_update_mask()->add_paths("case.state");
  EXPECT_OK(Add(acknowledge, item));

  v1::CreateGuestRequest create_ana;
  create_ana.set_parent("organizations/acme");
  create_ana.mutable_guest()->set_display_name("Ana Silva");
  *create_ana.add_identities() =
      Identity(v1::IDENTITY_KIND_EMAIL, "ana@example.com");
  *create_ana.add_identities() =
      Identity(v1::IDENTITY_KIND_HANDLE, "@ana", v1::SOURCE_TWITTER);
  create_ana.set_request_id("guest-1");
  v1::Guest ana;
  EXPECT_OK(Add(create_ana, ana));
  EXPECT_OK(Add(create_ana, ana));  // a replay of the request id
  v1::CreateGuestRequest create_bea;
  create_bea.set_parent("organizations/acme");
  create_bea.mutable_guest()->set_display_name("Bea Costa");
  *create_bea.add_identities() =
      Identity(v1::IDENTITY_KIND_PHONE, "+351912345678");
  v1::Guest bea;
  EXPECT_OK(Add(create_bea, bea));
  v1::LinkIdentityRequest link;
  link.set_guest(bea.name());
  *link.mutable_identity() =
      Identity(v1::IDENTITY_KIND_HANDLE, "@bea", v1::SOURCE_TWITTER);
  v1::Guest linked;
  EXPECT_OK(Add(link, linked));

  for (const char* booking : {"B1", "B1", "B2"}) {
    v1::RecordStayRequest stay;
    stay.set_parent(ana.name());
    v1::Stay& input = *stay.mutable_stay();
    input.set_hotel(service::FormatHotelName("acme", "lisbon"));
    *input.mutable_arrival_date() =
        service::ToProtoDate(absl::CivilDay(2026, 1, 2));
    input.set_nights(3);
    input.set_booking_reference(booking);
    v1::Stay recorded;
    EXPECT_OK(Add(stay, recorded));
  }
  v1::RecordCheckInRequest check_in;
  check_in.set_parent(bea.name());
  v1::CheckIn& at = *check_in.mutable_check_in();
  at.set_hotel(service::FormatHotelName("acme", "tokyo"));
  at.set_outlet(v1::OUTLET_BAR);
  at.set_source(v1::SOURCE_FOURSQUARE);
  at.set_external_id("c1");
  *at.mutable_check_in_time() = service::ToProtoTimestamp(absl::FromCivil(
      absl::CivilSecond(2026, 1, 10, 20, 0, 0), absl::UTCTimeZone()));
  v1::CheckIn recorded;
  EXPECT_OK(Add(check_in, recorded));

  v1::MergeGuestsRequest merge;
  merge.set_survivor(ana.name());
  merge.set_merged(bea.name());
  v1::Guest merged;
  EXPECT_OK(Add(merge, merged));
}

}  // namespace guestvoice::testing
