// A store's state is a function of its inputs (docs/cluster.md): two fresh
// stores driven through the same mutations, with the same clock readings and
// the same seeded ids, hold the same bytes in every column family, and every
// call answers both alike. The cluster mode depends on it: every node applies
// the same commands to a state of its own and must reach the same one.
//
// Here, in the loyalty room's tests, because loyalty is the highest room that
// writes: every writing domain (tenancy, feedback, loyalty) is below it.

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "analysis/feedback_analyzer.h"
#include "common/absl_view.h"
#include "common/striped_lock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.pb.h"
#include "guestvoice/v1/feedback_service.pb.h"
#include "guestvoice/v1/hotel_service.pb.h"
#include "guestvoice/v1/loyalty_service.pb.h"
#include "service/core/crypto.h"
#include "service/core/domain_context.h"
#include "service/core/id_source.h"
#include "service/core/principal.h"
#include "service/core/proto_date.h"
#include "service/core/proto_time.h"
#include "service/core/resource_names.h"
#include "service/feedback/feedback_items.h"
#include "service/feedback/ingest.h"
#include "service/feedback/reanalysis.h"
#include "service/loyalty/check_ins.h"
#include "service/loyalty/guests.h"
#include "service/loyalty/loyalty_programs.h"
#include "service/loyalty/loyalty_statuses.h"
#include "service/loyalty/stays.h"
#include "service/tenancy/api_key_verifier.h"
#include "service/tenancy/api_keys.h"
#include "service/tenancy/hotels.h"
#include "service/tenancy/operations.h"
#include "service/tenancy/organizations.h"
#include "storage/keys.h"
#include "storage/store.h"
#include "tests/service/feedback/domain_fixture.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/store_contents.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::service {
namespace {

using ::testing::Contains;
using ::testing::StartsWith;

// One store with everything the domain works with: a node's state.
class Node {
 public:
  explicit Node(std::string_view seed) : ids_(seed) { Open(); }

  // Closes the store and opens it again, as a restart does; the caches
  // start cold.
  void Restart() {
    ASSERT_OK(store_->Close());
    store_.reset();
    Open();
  }

  DomainContext domain() {
    return {*store_, locks_, clock_, ids_, organization_locks_};
  }
  testing::FakeClock& clock() { return clock_; }

  std::vector<std::string> Contents() const {
    return testing::StoreContents(*store_);
  }

 private:
  void Open() {
    ASSERT_OK_AND_ASSIGN(store_, storage::Store::Open({.data_dir = dir_.path(),
                                                       .sync_writes = false}));
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  SeededIdSource ids_;
  StripedLock locks_{64};
  StripedLock organization_locks_{8};
  std::unique_ptr<storage::Store> store_;
};

Principal Caller(const std::string& organization) {
  google::protobuf::RepeatedField<int> scopes;
  scopes.Add(v1::SCOPE_ADMIN);
  scopes.Add(v1::SCOPE_PLATFORM_ADMIN);
  return Principal(organization, FormatApiKeyName(organization, "caller"),
                   scopes);
}

v1::Identity Identity(v1::IdentityKind kind, std::string value,
                      v1::Source source = v1::SOURCE_UNSPECIFIED) {
  v1::Identity identity;
  identity.set_kind(kind);
  identity.set_source(source);
  identity.set_value(std::move(value));
  return identity;
}

// Drives a node through a mixed sequence of every kind of mutation,
// including replays of request ids, duplicates, repeats, a merge and an
// erasure, and returns what every call answered. `between` runs after each
// call: a place for what must not change the outcome (restarts, reads).
class Script {
 public:
  Script(Node& node, std::function<void(Node&)> between)
      : node_(node), between_(std::move(between)) {}

  std::vector<std::string> Run() {
    Tenancy();
    Feedback();
    Loyalty();
    Reanalyse();
    Erasure();
    return transcript_;
  }

 private:
  // Records a call's outcome, checks that it is `expected` (so the script
  // does what it says), then moves the clock on and runs `between`.
  void Record(const std::string& step, const absl::Status& status,
              const google::protobuf::Message* response,
              absl::StatusCode expected = absl::StatusCode::kOk) {
    EXPECT_EQ(status.code(), expected) << step << ": " << status;
    // The code and message, not Status::ToString: Abseil prints payloads in
    // an order it varies on purpose, and ErrorInfo's metadata is a map.
    transcript_.push_back(absl::StrCat(
        step, " -> ", absl::StatusCodeToString(status.code()), " ",
        status.message(), " ",
        response != nullptr && status.ok() ? response->SerializeAsString()
                                           : ""));
    node_.clock().Advance(absl::Minutes(7));
    between_(node_);
  }

  // The domain's objects are made afresh for each call: a restart replaces
  // the store they refer to.
  FeedbackReanalysis Reanalysis() {
    return FeedbackReanalysis(node_.domain(),
                              analysis::FeedbackAnalyzer::Default(),
                              /*items_per_batch=*/2);
  }

  // As a command's apply step stores a key: the secret was drawn where the
  // call was received, and only its hash reaches the domain.
  absl::Status CreateKey(const v1::CreateApiKeyRequest& request,
                         v1::ApiKey& response) {
    ApiKeyVerifier verifier(node_.domain().store);
    return ApiKeys(node_.domain(), verifier)
        .StoreNewKey(acme_, request,
                     Sha256("the secret drawn for " + request.request_id()),
                     response)
        .status();
  }

  absl::Status RevokeKey(const v1::RevokeApiKeyRequest& request,
                         v1::ApiKey& response) {
    ApiKeyVerifier verifier(node_.domain().store);
    return ApiKeys(node_.domain(), verifier).Revoke(acme_, request, response);
  }

  FeedbackIngester Ingester() {
    return FeedbackIngester(node_.domain(), publisher_,
                            analysis::FeedbackAnalyzer::Default());
  }

  v1::Feedback Item(const std::string& external_id, const std::string& handle,
                    const std::string& text,
                    const std::string& hotel = "lisbon") {
    v1::Feedback feedback;
    feedback.set_hotel(FormatHotelName("acme", hotel));
    feedback.set_source(v1::SOURCE_TWITTER);
    feedback.set_external_id(external_id);
    feedback.mutable_author()->set_handle(handle);
    feedback.set_text(text);
    *feedback.mutable_post_time() =
        ToProtoTimestamp(node_.clock().Now() - absl::Hours(30));
    return feedback;
  }

  void Ingest(const std::string& step, const v1::Feedback& item,
              absl::StatusCode expected = absl::StatusCode::kOk) {
    v1::IngestFeedbackRequest request;
    request.set_parent("organizations/acme");
    *request.mutable_feedback() = item;
    v1::Feedback response;
    Record(step, Ingester().Ingest(acme_, request, response), &response,
           expected);
  }

  // As ImportFeedback does, item by item.
  void Import(const std::string& step, const v1::Feedback& item) {
    absl::StatusOr<IngestOutcome> outcome = Ingester().Ingest("acme", item);
    Record(absl::StrCat(
               step, outcome.ok() && outcome->duplicate ? " (duplicate)" : ""),
           outcome.status(), outcome.ok() ? &outcome->feedback : nullptr);
  }

  void Tenancy() {
    v1::CreateOrganizationRequest organization;
    organization.set_organization_id("acme");
    organization.mutable_organization()->set_display_name("Acme Hotels");
    organization.set_request_id("org-1");
    v1::Organization created;
    for (const char* step : {"create acme", "replay create acme"}) {
      Record(step,
             Organizations(node_.domain())
                 .Create(platform_, organization, created),
             &created);
    }
    organization.clear_organization_id();
    organization.set_request_id("");
    Record(
        "create an organization with a drawn id",
        Organizations(node_.domain()).Create(platform_, organization, created),
        &created);

    v1::CreateApiKeyRequest key;
    key.set_parent("organizations/acme");
    key.mutable_api_key()->set_display_name("reports");
    key.mutable_api_key()->add_scopes(v1::SCOPE_INSIGHTS_READ);
    key.set_request_id("key-1");
    v1::ApiKey minted;
    for (const char* step : {"create key", "replay create key"}) {
      Record(step, CreateKey(key, minted), &minted);
    }
    v1::RevokeApiKeyRequest revoke;
    revoke.set_name(minted.name());
    v1::ApiKey revoked;
    Record("revoke key", RevokeKey(revoke, revoked), &revoked);

    v1::Hotel hotel;
    for (const auto& [id, zone] :
         std::vector<std::pair<std::string, std::string>>{
             {"lisbon", "Europe/Lisbon"},
             {"tokyo", "Asia/Tokyo"},
             {"", "America/New_York"}}) {
      v1::CreateHotelRequest create;
      create.set_parent("organizations/acme");
      create.set_hotel_id(id);
      create.mutable_hotel()->set_display_name("Hotel " + zone);
      create.mutable_hotel()->set_time_zone(zone);
      Record("create hotel " + id,
             Hotels(node_.domain()).Create(acme_, create, hotel), &hotel);
    }
    v1::DeleteHotelRequest remove;
    remove.set_name(hotel.name());
    Record("delete the hotel with a drawn id",
           Hotels(node_.domain()).Delete(acme_, remove), nullptr);
    v1::UpdateHotelRequest update;
    update.mutable_hotel()->set_name(FormatHotelName("acme", "lisbon"));
    update.mutable_hotel()->set_display_name("Lisbon Riverside");
    update.mutable_update_mask()->add_paths("display_name");
    Record("rename lisbon", Hotels(node_.domain()).Update(acme_, update, hotel),
           &hotel);
  }

  void Feedback() {
    Ingest("ana's first post",
           Item("t1", "@ana", "The room was dirty and the staff rude."));
    Ingest("bea's first post",
           Item("t2", "@bea", "Lovely breakfast, great view.", "tokyo"));
    Ingest("ana's repeat", Item("t3", "@ana",
                                "the room was DIRTY and the "
                                "staff rude."));
    Ingest("duplicate of ana's first",
           Item("t1", "@ana", "The room was dirty and the staff rude."));
    Ingest("an unknown hotel", Item("t4", "@ana", "Fine.", "nowhere"),
           absl::StatusCode::kNotFound);
    Ingest("no text", Item("t5", "@ana", ""),
           absl::StatusCode::kInvalidArgument);
    Import("import cem", Item("i1", "@cem", "Noisy at night, slow wifi."));
    Import("import cem again", Item("i1", "@cem", "Noisy at night."));
    Import("import dee", Item("i2", "@dee", "Friendly staff.", "tokyo"));

    v1::UpdateFeedbackRequest update;
    update.mutable_feedback()->set_name(FirstFeedbackName());
    update.mutable_feedback()->mutable_case_()->set_state(
        v1::CASE_STATE_ACKNOWLEDGED);
    update.mutable_update_mask()->add_paths("case.state");
    v1::Feedback updated;
    Record("acknowledge ana's case",
           FeedbackItems(node_.domain()).Update(acme_, update, updated),
           &updated);
  }

  // The name of the first item ingested (ids are drawn, so it is looked up).
  std::string FirstFeedbackName() {
    v1::ListFeedbackRequest request;
    request.set_parent("organizations/acme");
    request.set_page_size(100);
    v1::ListFeedbackResponse response;
    EXPECT_OK(FeedbackItems(node_.domain()).List(acme_, request, response));
    for (const v1::Feedback& item : response.feedback()) {
      if (item.external_id() == "t1") return item.name();
    }
    ADD_FAILURE() << "ana's first post is not listed";
    return "";
  }

  void Loyalty() {
    v1::CreateGuestRequest create;
    create.set_parent("organizations/acme");
    create.mutable_guest()->set_display_name("Ana Silva");
    *create.add_identities() =
        Identity(v1::IDENTITY_KIND_EMAIL, "ana@example.com");
    *create.add_identities() =
        Identity(v1::IDENTITY_KIND_HANDLE, "@ana", v1::SOURCE_TWITTER);
    create.set_request_id("guest-1");
    v1::Guest ana;
    for (const char* step : {"create ana", "replay create ana"}) {
      Record(step, Guests(node_.domain()).Create(acme_, create, ana), &ana);
    }
    create.mutable_guest()->set_display_name("Bea Costa");
    create.clear_identities();
    *create.add_identities() =
        Identity(v1::IDENTITY_KIND_PHONE, "+351912345678");
    create.set_request_id("");
    v1::Guest bea;
    Record("create bea", Guests(node_.domain()).Create(acme_, create, bea),
           &bea);
    Record("create bea's phone again",
           Guests(node_.domain()).Create(acme_, create, bea), nullptr,
           absl::StatusCode::kAlreadyExists);

    v1::LinkIdentityRequest link;
    link.set_guest(bea.name());
    *link.mutable_identity() =
        Identity(v1::IDENTITY_KIND_HANDLE, "@bea", v1::SOURCE_TWITTER);
    v1::Guest linked;
    Record("link bea's handle",
           Guests(node_.domain()).LinkIdentity(acme_, link, linked), &linked);
    *link.mutable_identity() =
        Identity(v1::IDENTITY_KIND_HANDLE, "@dee", v1::SOURCE_TWITTER);
    Record("link dee's handle to bea",
           Guests(node_.domain()).LinkIdentity(acme_, link, linked), &linked);
    v1::UnlinkIdentityRequest unlink;
    unlink.set_guest(bea.name());
    *unlink.mutable_identity() = link.identity();
    Record("unlink dee's handle",
           Guests(node_.domain()).UnlinkIdentity(acme_, unlink, linked),
           &linked);

    v1::UpdateLoyaltyProgramRequest program;
    program.mutable_loyalty_program()->set_name(
        "organizations/acme/loyaltyProgram");
    program.mutable_loyalty_program()->set_points_per_night(50);
    program.mutable_update_mask()->add_paths("points_per_night");
    v1::LoyaltyProgram updated_program;
    Record(
        "update the program",
        LoyaltyPrograms(node_.domain()).Update(acme_, program, updated_program),
        &updated_program);

    const absl::CivilDay today =
        absl::ToCivilDay(node_.clock().Now(), absl::UTCTimeZone());
    v1::Stay stay;
    for (const auto& [guest, booking] :
         std::vector<std::pair<std::string, std::string>>{
             {ana.name(), "B1"}, {bea.name(), "B2"}, {ana.name(), "B1"}}) {
      v1::RecordStayRequest record;
      record.set_parent(guest);
      v1::Stay& input = *record.mutable_stay();
      input.set_hotel(FormatHotelName("acme", "lisbon"));
      *input.mutable_arrival_date() = ToProtoDate(today - 20);
      input.set_nights(3);
      input.set_booking_reference(booking);
      input.mutable_qualifying_spend()->set_currency_code("EUR");
      input.mutable_qualifying_spend()->set_units(300);
      Record("record stay " + booking,
             Stays(node_.domain()).Record(acme_, record, stay), &stay);
    }
    v1::RecordStayRequest bea_stay;
    bea_stay.set_parent(bea.name());
    v1::Stay& input = *bea_stay.mutable_stay();
    input.set_hotel(FormatHotelName("acme", "tokyo"));
    *input.mutable_arrival_date() = ToProtoDate(today - 10);
    input.set_nights(2);
    input.set_booking_reference("B3");
    Record("record stay B3",
           Stays(node_.domain()).Record(acme_, bea_stay, stay), &stay);
    v1::CancelStayRequest cancel;
    cancel.set_name(stay.name());
    Record("cancel stay B3", Stays(node_.domain()).Cancel(acme_, cancel, stay),
           &stay);

    v1::RecordCheckInRequest check_in;
    check_in.set_parent(bea.name());
    v1::CheckIn& at = *check_in.mutable_check_in();
    at.set_hotel(FormatHotelName("acme", "tokyo"));
    at.set_outlet(v1::OUTLET_BAR);
    at.set_source(v1::SOURCE_FOURSQUARE);
    at.set_external_id("c1");
    *at.mutable_check_in_time() =
        ToProtoTimestamp(node_.clock().Now() - absl::Hours(48));
    v1::CheckIn recorded;
    for (const char* step : {"check in", "check in again"}) {
      Record(step, CheckIns(node_.domain()).Record(acme_, check_in, recorded),
             &recorded);
    }

    v1::SetManualTierRequest tier;
    tier.set_guest(ana.name());
    tier.set_tier("gold");
    v1::LoyaltyStatus status;
    Record("make ana gold",
           LoyaltyStatuses(node_.domain()).SetManualTier(acme_, tier, status),
           &status);

    v1::MergeGuestsRequest merge;
    merge.set_survivor(ana.name());
    merge.set_merged(bea.name());
    v1::Guest merged;
    Record("merge bea into ana",
           Guests(node_.domain()).Merge(acme_, merge, merged), &merged);
    Ingest("bea posts after the merge",
           Item("t6", "@bea", "Pool closed again, very disappointing."));
    ana_ = ana.name();
  }

  void Reanalyse() {
    v1::ReanalyzeFeedbackRequest request;
    request.set_parent("organizations/acme");
    v1::Operation operation;
    Record("start a re-analysis", Reanalysis().Start(acme_, request, operation),
           &operation);
    absl::StatusOr<OperationName> name =
        ParseOperationName("name", operation.name());
    ASSERT_OK(name.status());
    for (int batch = 0; batch < 10; ++batch) {
      absl::StatusOr<bool> done = Reanalysis().RunBatch(*name);
      Record(absl::StrCat("re-analysis batch ", batch,
                          done.ok() && *done ? " (done)" : ""),
             done.status(), nullptr);
      if (!done.ok() || *done) return;
    }
    ADD_FAILURE() << "the re-analysis did not finish in 10 batches";
  }

  void Erasure() {
    v1::EraseGuestRequest erase;
    erase.set_name(ana_);
    Record("erase ana", Guests(node_.domain()).Erase(acme_, erase), nullptr);
    Ingest("ana posts again after her erasure",
           Item("t7", "@ana", "Back again: the room was dirty."));
  }

  Node& node_;
  std::function<void(Node&)> between_;
  testing::NoOpFeedbackPublisher publisher_;
  const Principal acme_ = Caller("acme");
  const Principal platform_ = Caller("platform");
  std::string ana_;
  std::vector<std::string> transcript_;
};

void Nothing(Node&) {}

TEST(DeterminismTest, TwoStoresGivenTheSameInputsHoldTheSameBytes) {
  Node first("seed");
  Node second("seed");
  const std::vector<std::string> answers = Script(first, Nothing).Run();
  EXPECT_EQ(Script(second, Nothing).Run(), answers);
  const std::vector<std::string> contents = first.Contents();
  // Every family the domain writes has entries, so the comparison compares
  // something.
  for (storage::ColumnFamily family :
       {storage::ColumnFamily::kEntities, storage::ColumnFamily::kIndexes,
        storage::ColumnFamily::kFeedback, storage::ColumnFamily::kAggregates,
        storage::ColumnFamily::kRequests}) {
    const std::string prefix =
        absl::StrCat(AbslView(storage::ColumnFamilyName(family)), " ");
    EXPECT_THAT(contents, Contains(StartsWith(prefix))) << prefix;
  }
  EXPECT_EQ(second.Contents(), contents);
}

TEST(DeterminismTest, RestartsAndReadsBetweenWritesChangeNothing) {
  Node straight("seed");
  const std::vector<std::string> answers = Script(straight, Nothing).Run();

  // A restart every fifth call (cold caches, a replayed log) and reads,
  // which fill the record and read caches, between all the others.
  Node interrupted("seed");
  int calls = 0;
  const std::vector<std::string> interrupted_answers =
      Script(interrupted, [&calls](Node& node) {
        if (++calls % 5 == 0) {
          node.Restart();
          return;
        }
        v1::ListFeedbackRequest request;
        request.set_parent("organizations/acme");
        v1::ListFeedbackResponse response;
        FeedbackItems(node.domain())
            .List(Caller("acme"), request, response)
            .IgnoreError();
      }).Run();
  EXPECT_EQ(interrupted_answers, answers);
  EXPECT_EQ(interrupted.Contents(), straight.Contents());
  // What a restart reads back is what was written.
  const std::vector<std::string> before = interrupted.Contents();
  interrupted.Restart();
  EXPECT_EQ(interrupted.Contents(), before);
}

// The comparison can fail: another seed draws other ids, another time other
// receive times, and either shows in the bytes.
TEST(DeterminismTest, AnotherSeedOrAnotherTimeGivesOtherBytes) {
  Node first("seed");
  Node other_seed("another seed");
  Node later("seed");
  later.clock().Advance(absl::Seconds(1));
  Script(first, Nothing).Run();
  Script(other_seed, Nothing).Run();
  Script(later, Nothing).Run();
  EXPECT_NE(other_seed.Contents(), first.Contents());
  EXPECT_NE(later.Contents(), first.Contents());
}

}  // namespace
}  // namespace guestvoice::service
