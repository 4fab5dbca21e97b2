// CommandApplier: states that apply the same command log hold the same
// bytes; each command's offset is stored with its changes, so a restarted
// state resumes exactly and applies nothing twice; a record a node cannot
// apply changes nothing; request ids expire by the applied time, so a node
// replaying an old log answers a retry as the live nodes did.

#include "service/cluster/command_applier.h"

#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "guestvoice/v1/admin_service.pb.h"
#include "guestvoice/v1/feedback_service.pb.h"
#include "guestvoice/v1/hotel_service.pb.h"
#include "guestvoice/v1/loyalty_service.pb.h"
#include "service/cluster/command_builder.h"
#include "service/cluster/command_codec.h"
#include "service/core/crypto.h"
#include "service/core/id_source.h"
#include "service/core/principal.h"
#include "service/core/proto_time.h"
#include "service/core/request_log.h"
#include "service/core/resource_names.h"
#include "service/feedback/records.h"
#include "service/tenancy/bootstrap.h"
#include "service/tenancy/organizations.h"
#include "storage/keys.h"
#include "tests/service/cluster/state_node.h"
#include "tests/testing/sample_requests.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::testing::CommandLog;
using ::guestvoice::testing::StateNode;
using ::guestvoice::testing::StatusIs;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// The state's next offset of `partition`; -1 after a failed read.
int64_t NextOffset(StateNode& node, int32_t partition) {
  absl::StatusOr<int64_t> next = node.applier().NextOffset(partition);
  EXPECT_OK(next.status());
  return next.ok() ? *next : -1;
}

void ApplyAll(StateNode& node, const std::vector<CommandRecord>& records) {
  for (const CommandRecord& record : records) {
    ASSERT_OK_AND_ASSIGN(std::optional<AppliedCommand> applied,
                         node.applier().Apply(record));
    ASSERT_TRUE(applied.has_value()) << record.offset;
  }
}

// When ApplyEarlierBuildsCommand's commands were received.
constexpr absl::Time kEarlierBuildsReceiveTime =
    absl::FromUnixSeconds(1'770'000'000);

// Applies, as the command at `offset`, what a receiving node of an earlier
// build made of `request`: the command this build makes of it, changed by
// `as_built_then` (which sets its format). The applied response.
absl::StatusOr<std::string> ApplyEarlierBuildsCommand(
    StateNode& node, const google::protobuf::Message& request, int64_t offset,
    absl::FunctionRef<void(internal::v1::Command&)> as_built_then) {
  const Mutation* mutation =
      node.table().FindByRequest(*request.GetDescriptor());
  if (mutation == nullptr) return absl::NotFoundError("no such mutation");
  absl::StatusOr<internal::v1::Command> command =
      BuildCommand(node.table(), *mutation, node.domain(), testing::AcmeAdmin(),
                   request, kEarlierBuildsReceiveTime, "seed-old");
  if (!command.ok()) return command.status();
  as_built_then(*command);
  absl::StatusOr<std::optional<AppliedCommand>> applied =
      node.applier().Apply({.partition = 0,
                            .offset = offset,
                            .organization_id = "acme",
                            .payload = command->SerializeAsString()});
  if (!applied.ok()) return applied.status();
  if (!applied->has_value()) return absl::InternalError("not applied");
  if (!(*applied)->status.ok()) return (*applied)->status;
  return (*applied)->response;
}

// Applies, as the command at `offset`, what a receiving node of an earlier
// build made of `sent`, a request this build refuses where it is received:
// the command built from `accepted` (the same request, with the refused
// field made acceptable), carrying `sent` itself. The applied response.
absl::StatusOr<std::string> ApplyAsAnEarlierBuildSentIt(
    StateNode& node, const google::protobuf::Message& accepted,
    const google::protobuf::Message& sent, int64_t offset) {
  return ApplyEarlierBuildsCommand(
      node, accepted, offset, [&](internal::v1::Command& command) {
        command.set_request(sent.SerializeAsString());
        command.set_format(FormatOf(command));
      });
}

class CommandApplierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    log_.AddMixedWorkload();
    ASSERT_GE(log_.records().size(), 20u);
  }

  StateNode reference_;
  CommandLog log_{reference_};
};

TEST_F(CommandApplierTest, StatesApplyingTheSameLogHoldTheSameBytes) {
  StateNode other;
  ApplyAll(other, log_.records());
  EXPECT_EQ(other.Contents(), reference_.Contents());
  EXPECT_THAT(other.Contents(), Contains(StartsWith("entities ")));
  EXPECT_THAT(other.Contents(), Contains(StartsWith("default applied/0 = ")));
  EXPECT_EQ(NextOffset(other, 0), static_cast<int64_t>(log_.records().size()));
}

TEST_F(CommandApplierTest, ARestartResumesWhereTheStateStoppedAndSkipsNothing) {
  const std::vector<CommandRecord>& records = log_.records();
  const size_t half = records.size() / 2;
  StateNode node;
  ApplyAll(node, {records.begin(), records.begin() + half});
  node.Restart();
  EXPECT_EQ(NextOffset(node, 0), static_cast<int64_t>(half));
  // The log read again from the start, as after a redelivery: what was
  // applied is recognised and not applied again.
  for (const CommandRecord& record : records) {
    ASSERT_OK_AND_ASSIGN(std::optional<AppliedCommand> applied,
                         node.applier().Apply(record));
    EXPECT_EQ(applied.has_value(), record.offset >= static_cast<int64_t>(half))
        << record.offset;
  }
  EXPECT_EQ(node.Contents(), reference_.Contents());
}

TEST_F(CommandApplierTest, ACommandThatChangesNothingStillMovesTheOffsetOn) {
  StateNode node;
  for (const CommandRecord& record : log_.records()) {
    ASSERT_OK_AND_ASSIGN(std::optional<AppliedCommand> applied,
                         node.applier().Apply(record));
    ASSERT_TRUE(applied.has_value());
    node.Restart();
    EXPECT_EQ(NextOffset(node, 0), record.offset + 1)
        << "after " << record.offset << ": " << applied->status;
  }
}

TEST_F(CommandApplierTest, AnswersWhatTheMutationAnswered) {
  StateNode node;
  const std::vector<CommandRecord>& records = log_.records();
  ApplyAll(node, {records.begin(), records.begin() + 1});
  // The replay of CreateOrganization's request id answers the recorded
  // organization.
  ASSERT_OK_AND_ASSIGN(std::optional<AppliedCommand> replay,
                       node.applier().Apply(records[1]));
  ASSERT_TRUE(replay.has_value());
  EXPECT_OK(replay->status);
  v1::Organization organization;
  ASSERT_TRUE(organization.ParseFromString(replay->response));
  EXPECT_EQ(organization.name(), "organizations/acme");
  EXPECT_EQ(replay->id_seed, "seed-1");
}

// CreateApiKey as a command: the receiving node draws the secret and keeps
// it; the log holds only its hash; every node stores the same key; the
// receiving node hands the secret back only when its command stored the key.
// Whether `node` holds acme's record of CreateHotel request `request_id`.
bool HoldsHotelRequest(StateNode& node, const std::string& request_id) {
  absl::StatusOr<std::optional<std::string>> record = node.store().Get(
      storage::ColumnFamily::kRequests,
      storage::RequestIdKey("acme", "CreateHotel", request_id));
  EXPECT_OK(record.status());
  return record.ok() && record->has_value();
}

TEST_F(CommandApplierTest, RequestIdsExpireByTheAppliedTimeNotTheWallClock) {
  v1::CreateHotelRequest create = testing::SampleHotel("retried");
  create.set_parent("organizations/acme");
  create.set_request_id("retry-1");
  v1::Hotel first;
  ASSERT_OK(log_.Add(create, first));
  // By the wall clock the log is older than a request id's lifetime, as
  // the log a node added later replays is: compacting by the wall clock
  // would drop the record before the retry below is applied.
  ASSERT_LT(
      absl::FromCivil(absl::CivilSecond(2026, 1, 15), absl::UTCTimeZone()) +
          kRequestIdLifetime,
      absl::Now());
  ASSERT_OK(reference_.store().CompactAll());
  ASSERT_TRUE(HoldsHotelRequest(reference_, "retry-1"));
  v1::Hotel retried;
  ASSERT_OK(log_.Add(create, retried));
  EXPECT_EQ(retried.name(), first.name()) << "the retry made a second hotel";

  // Once the log's own time is past the lifetime (and the allowance for
  // receiving nodes' clock skew), compactions drop the record.
  log_.Pass(kRequestIdLifetime + AppliedTimes::kReceiveTimeSkew);
  v1::CreateHotelRequest later = testing::SampleHotel("later");
  later.set_parent("organizations/acme");
  v1::Hotel created;
  ASSERT_OK(log_.Add(later, created));
  ASSERT_OK(reference_.store().CompactAll());
  EXPECT_FALSE(HoldsHotelRequest(reference_, "retry-1"));
}

// Acme's hotel Lisbon and a complaint about it, the log's first three
// commands; the stored complaint.
v1::Feedback PostAComplaint(CommandLog& log) {
  v1::CreateOrganizationRequest organization;
  organization.set_organization_id("acme");
  organization.mutable_organization()->set_display_name("Acme Hotels");
  v1::Organization created;
  EXPECT_OK(log.Add(organization, created));
  v1::CreateHotelRequest hotel;
  hotel.set_parent("organizations/acme");
  hotel.set_hotel_id("lisbon");
  hotel.mutable_hotel()->set_display_name("Hotel Lisbon");
  hotel.mutable_hotel()->set_time_zone("Europe/Lisbon");
  v1::Hotel made;
  EXPECT_OK(log.Add(hotel, made));
  v1::IngestFeedbackRequest post;
  post.set_parent("organizations/acme");
  v1::Feedback& feedback = *post.mutable_feedback();
  feedback.set_hotel(made.name());
  feedback.set_source(v1::SOURCE_TWITTER);
  feedback.set_external_id("t1");
  feedback.mutable_author()->set_handle("@ana");
  feedback.set_text("The shower was cold.");
  feedback.mutable_post_time()->set_seconds(absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilDay(2026, 1, 10), absl::UTCTimeZone())));
  v1::Feedback item;
  EXPECT_OK(log.Add(post, item));
  return item;
}

// UpdateFeedback's case texts are refused with a control character where
// the call is received (the mutation's prepare). A node of an earlier build
// received calls without that check, and put such a note into the log:
// this build applies it as those nodes did, so their states stay alike.
TEST(CaseTextCommandTest,
     IsCheckedWhereReceivedAndAppliedAsAnEarlierBuildSentIt) {
  StateNode node;
  CommandLog log(node);
  const v1::Feedback item = PostAComplaint(log);

  v1::UpdateFeedbackRequest note;
  note.mutable_feedback()->set_name(item.name());
  note.mutable_feedback()->mutable_case_()->set_internal_note("called\fback");
  note.mutable_update_mask()->add_paths("case.internal_note");
  v1::Feedback updated;
  EXPECT_THAT(log.Add(note, updated),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("feedback.case.internal_note: contains "
                                 "control characters")));
  EXPECT_EQ(log.records().size(), 3u) << "a refused call is no command";

  v1::UpdateFeedbackRequest clean = note;
  clean.mutable_feedback()->mutable_case_()->set_internal_note("called back");
  ASSERT_OK_AND_ASSIGN(const std::string response,
                       ApplyAsAnEarlierBuildSentIt(node, clean, note, 3));
  ASSERT_TRUE(updated.ParseFromString(response));
  EXPECT_EQ(updated.case_().internal_note(), "called\fback");
}

// An update to the values a case has already changes nothing from format
// 9 on; an earlier build's command stores the item with a new update_time,
// as the nodes that applied it then did.
TEST(CaseUpdateCommandTest, AnUpdateToTheSameValuesIsAppliedByItsFormat) {
  for (const uint32_t format : {kUnchangedCasesKept - 1, kUnchangedCasesKept}) {
    StateNode node;
    CommandLog log(node);
    const v1::Feedback item = PostAComplaint(log);
    v1::UpdateFeedbackRequest acknowledge;
    acknowledge.mutable_feedback()->set_name(item.name());
    acknowledge.mutable_feedback()->mutable_case_()->set_state(
        v1::CASE_STATE_ACKNOWLEDGED);
    acknowledge.mutable_update_mask()->add_paths("case.state");
    v1::Feedback acknowledged;
    ASSERT_OK(log.Add(acknowledge, acknowledged));
    const auto stored = [&]() -> std::string {
      absl::StatusOr<std::optional<internal::v1::StoredFeedback>> read =
          service::ReadStoredFeedback(node.store(), "acme",
                                      service::FeedbackIdOf(item));
      EXPECT_OK(read.status());
      return read.ok() && read->has_value() ? (*read)->SerializeAsString() : "";
    };
    const std::string before = stored();

    ASSERT_OK_AND_ASSIGN(
        const std::string response,
        ApplyEarlierBuildsCommand(node, acknowledge,
                                  static_cast<int64_t>(log.records().size()),
                                  [&](internal::v1::Command& command) {
                                    command.set_format(format);
                                  }));
    v1::Feedback again;
    ASSERT_TRUE(again.ParseFromString(response));
    EXPECT_EQ(again.case_().state(), v1::CASE_STATE_ACKNOWLEDGED);
    if (format < kUnchangedCasesKept) {
      EXPECT_EQ(FromProtoTimestamp(again.update_time()),
                kEarlierBuildsReceiveTime);
      EXPECT_NE(stored(), before);
    } else {
      EXPECT_EQ(again.update_time().SerializeAsString(),
                acknowledged.update_time().SerializeAsString());
      EXPECT_EQ(stored(), before);
    }
  }
}

// Names are refused when not on one line where the call is received; an
// earlier build's command holding such a name applies as it did there.
TEST(NameOnOneLineCommandTest,
     IsCheckedWhereReceivedAndAppliedAsAnEarlierBuildSentIt) {
  StateNode node;
  CommandLog log(node);
  v1::CreateOrganizationRequest organization;
  organization.set_organization_id("acme");
  organization.mutable_organization()->set_display_name("Acme Hotels");
  v1::Organization created;
  ASSERT_OK(log.Add(organization, created));
  v1::CreateHotelRequest hotel;
  hotel.set_parent("organizations/acme");
  hotel.set_hotel_id("lisbon");
  hotel.mutable_hotel()->set_display_name("Hotel\nLisbon");
  hotel.mutable_hotel()->set_time_zone("Europe/Lisbon");
  v1::Hotel made;
  EXPECT_THAT(log.Add(hotel, made),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("hotel.display_name: must be one line")));
  EXPECT_EQ(log.records().size(), 1u) << "a refused call is no command";

  v1::CreateHotelRequest clean = hotel;
  clean.mutable_hotel()->set_display_name("Hotel Lisbon");
  ASSERT_OK_AND_ASSIGN(const std::string response,
                       ApplyAsAnEarlierBuildSentIt(node, clean, hotel, 1));
  ASSERT_TRUE(made.ParseFromString(response));
  EXPECT_EQ(made.display_name(), "Hotel\nLisbon");
}

class CreateApiKeyCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    v1::CreateOrganizationRequest organization;
    organization.set_organization_id("acme");
    organization.mutable_organization()->set_display_name("Acme Hotels");
    v1::Organization created;
    ASSERT_OK(log_.Add(organization, created));
    request_.set_parent("organizations/acme");
    request_.mutable_api_key()->set_display_name("front desk");
    request_.mutable_api_key()->add_scopes(v1::SCOPE_FEEDBACK_WRITE);
    request_.set_request_id("key-1");
  }

  // The command of `request_` as the receiving node `reference_` builds it
  // (its secret kept in `received`), appended after the log's records.
  CommandRecord Build(ReceivingNodeOnly& received) {
    const Mutation& mutation = *reference_.table().FindByRequest(
        *v1::CreateApiKeyRequest::descriptor());
    absl::StatusOr<internal::v1::Command> command = BuildCommand(
        reference_.table(), mutation, reference_.domain(), testing::AcmeAdmin(),
        request_,
        absl::FromUnixSeconds(1800000000) + absl::Minutes(next_offset_),
        absl::StrCat("key-seed-", next_offset_), &received);
    EXPECT_OK(command.status());
    return {.partition = 0,
            .offset = next_offset_++,
            .organization_id = "acme",
            .payload = EncodeCommand(*command)};
  }

  // Applies `record` on `node`; the answer as the receiving node finishes it.
  v1::ApiKey ApplyAndFinish(StateNode& node, const CommandRecord& record,
                            const ReceivingNodeOnly& received) {
    v1::ApiKey key;
    absl::StatusOr<std::optional<AppliedCommand>> applied =
        node.applier().Apply(record);
    EXPECT_OK(applied.status());
    if (!applied.ok() || !applied->has_value()) return key;
    EXPECT_OK((*applied)->status);
    EXPECT_TRUE(key.ParseFromString((*applied)->response));
    EXPECT_EQ(key.key_string(), "") << "an applied answer holds a secret";
    const Mutation& mutation =
        *node.table().FindByRequest(*v1::CreateApiKeyRequest::descriptor());
    EXPECT_OK(node.table().Finish(mutation, node.domain(), received, key));
    return key;
  }

  StateNode reference_;
  CommandLog log_{reference_};
  v1::CreateApiKeyRequest request_;
  int64_t next_offset_ = 1;
};

TEST_F(CreateApiKeyCommandTest, TheLogHoldsTheHashAndEveryNodeTheKey) {
  StateNode other;
  ApplyAll(other, log_.records());
  ReceivingNodeOnly received;
  const CommandRecord record = Build(received);
  ASSERT_TRUE(received.api_key_secret.has_value());
  const ApiKeySecret& secret = *received.api_key_secret;
  EXPECT_THAT(record.payload, Not(HasSubstr(secret.key_string())));
  EXPECT_THAT(record.payload, HasSubstr(secret.sha256()));

  const v1::ApiKey answer = ApplyAndFinish(reference_, record, received);
  EXPECT_EQ(answer.key_string(), secret.key_string());
  const v1::ApiKey elsewhere = ApplyAndFinish(other, record, {});
  EXPECT_EQ(elsewhere.name(), answer.name());
  EXPECT_EQ(other.Contents(), reference_.Contents());
  for (StateNode* node : {&reference_, &other}) {
    ASSERT_OK_AND_ASSIGN(
        ApiKeyHolder holder,
        LookupApiKeyHolder(node->store(), secret.key_string()));
    EXPECT_EQ(holder.principal.api_key_name(), answer.name());
  }
}

TEST_F(CreateApiKeyCommandTest, AReplayedRequestIdAnswersWithoutASecret) {
  ReceivingNodeOnly first_received;
  const v1::ApiKey first =
      ApplyAndFinish(reference_, Build(first_received), first_received);
  ASSERT_FALSE(first.key_string().empty());
  // The retry is received anew (another node, another secret).
  ReceivingNodeOnly retry_received;
  const v1::ApiKey retry =
      ApplyAndFinish(reference_, Build(retry_received), retry_received);
  EXPECT_EQ(retry.name(), first.name());
  EXPECT_EQ(retry.key_string(), "");
  EXPECT_THAT(LookupApiKeyHolder(reference_.store(),
                                 retry_received.api_key_secret->key_string()),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST_F(CreateApiKeyCommandTest, BadInputIsRefusedWhenAppliedAndStoresNothing) {
  request_.mutable_api_key()->clear_scopes();
  ReceivingNodeOnly received;
  const CommandRecord record = Build(received);
  const std::vector<std::string> before = reference_.Contents();
  ASSERT_OK_AND_ASSIGN(std::optional<AppliedCommand> applied,
                       reference_.applier().Apply(record));
  ASSERT_TRUE(applied.has_value());
  EXPECT_THAT(applied->status, StatusIs(absl::StatusCode::kInvalidArgument,
                                        HasSubstr("api_key.scopes")));
  std::vector<std::string> after = reference_.Contents();
  // Only the partition's offset moved on.
  ASSERT_EQ(after.size(), before.size());
  EXPECT_THAT(LookupApiKeyHolder(reference_.store(),
                                 received.api_key_secret->key_string()),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

// CreateOrganization's command goes to the partition of the organization it
// creates, beside the organization's later commands: the platform admin's
// first CreateApiKey for it reads its record when applied, and commands of
// two partitions are applied in no agreed order (a node lagging on one
// partition would refuse the key another node stored).
// Whether `node` remembers CreateOrganization request `request_id` in
// `organization`.
bool HoldsRequest(StateNode& node, const std::string& organization,
                  const std::string& request_id) {
  absl::StatusOr<std::optional<std::string>> record = node.store().Get(
      storage::ColumnFamily::kRequests,
      storage::RequestIdKey(organization, "CreateOrganization", request_id));
  EXPECT_OK(record.status());
  return record.ok() && record->has_value();
}

class CreateOrganizationCommandTest : public ::testing::Test {
 protected:
  static Principal PlatformAdmin() {
    google::protobuf::RepeatedField<int> scopes;
    scopes.Add(v1::SCOPE_ADMIN);
    scopes.Add(v1::SCOPE_PLATFORM_ADMIN);
    return Principal("default", FormatApiKeyName("default", "admin"), scopes);
  }

  static v1::CreateOrganizationRequest Request(const std::string& request_id) {
    v1::CreateOrganizationRequest request;
    request.mutable_organization()->set_display_name("Globex Hotels");
    request.set_request_id(request_id);
    return request;
  }

  internal::v1::Command Build(const v1::CreateOrganizationRequest& request,
                              const std::string& seed) {
    const Mutation& mutation = *node_.table().FindByRequest(
        *v1::CreateOrganizationRequest::descriptor());
    absl::StatusOr<internal::v1::Command> command =
        BuildCommand(node_.table(), mutation, node_.domain(), PlatformAdmin(),
                     request, absl::FromUnixSeconds(1'800'000'000), seed);
    EXPECT_OK(command.status());
    return command.value_or(internal::v1::Command());
  }

  StateNode node_;
  CommandLog log_{node_};
};

TEST_F(CreateOrganizationCommandTest, GoesWhereTheOrganizationsCommandsGo) {
  v1::Organization created;
  ASSERT_OK(log_.Add(PlatformAdmin(), Request(""), created));
  const std::string id = created.name().substr(strlen("organizations/"));
  EXPECT_EQ(log_.records().back().organization_id, id);
  EXPECT_NE(id, "default");

  v1::CreateApiKeyRequest key;
  key.set_parent(created.name());
  key.mutable_api_key()->set_display_name("globex admin");
  key.mutable_api_key()->add_scopes(v1::SCOPE_ADMIN);
  v1::ApiKey made;
  ASSERT_OK(log_.Add(PlatformAdmin(), key, made));
  EXPECT_EQ(log_.records().back().organization_id, id);
}

TEST_F(CreateOrganizationCommandTest, ARetryGoesWhereTheFirstAttemptWent) {
  const internal::v1::Command first = Build(Request("org-1"), "seed-a");
  const internal::v1::Command retry = Build(Request("org-1"), "seed-b");
  EXPECT_EQ(retry.organization(), first.organization());
  EXPECT_NE(Build(Request("org-2"), "seed-a").organization(),
            first.organization());
  // Without a request id nothing is retried: each call draws an id.
  EXPECT_NE(Build(Request(""), "seed-a").organization(),
            Build(Request(""), "seed-a").organization());

  v1::Organization created;
  ASSERT_OK(log_.Add(PlatformAdmin(), Request("org-1"), created));
  EXPECT_EQ(created.name(), "organizations/" + first.organization());
  v1::Organization replayed;
  ASSERT_OK(log_.Add(PlatformAdmin(), Request("org-1"), replayed));
  EXPECT_EQ(replayed.create_time().seconds(), created.create_time().seconds())
      << "the retry made a second organization";
  EXPECT_EQ(log_.records()[0].organization_id,
            log_.records()[1].organization_id);
  EXPECT_TRUE(HoldsRequest(node_, first.organization(), "org-1"));
  EXPECT_FALSE(HoldsRequest(node_, "default", "org-1"));
}

// A node of an earlier build put the command in the caller's partition and
// left the id to be drawn when applied, from the command's seed: this build
// applies it alike.
TEST_F(CreateOrganizationCommandTest,
       AnEarlierBuildsCommandDrawsItsIdWhenApplied) {
  internal::v1::Command command = Build(Request("org-1"), "seed-old");
  command.set_organization("default");
  command.set_format(2);
  ASSERT_OK_AND_ASSIGN(
      std::optional<AppliedCommand> applied,
      node_.applier().Apply({.partition = 0,
                             .offset = 0,
                             .organization_id = "default",
                             .payload = command.SerializeAsString()}));
  ASSERT_TRUE(applied.has_value());
  ASSERT_OK(applied->status);
  v1::Organization created;
  ASSERT_TRUE(created.ParseFromString(applied->response));
  EXPECT_EQ(created.name(),
            "organizations/" + SeededIdSource("seed-old").NewResourceId());

  // Its request id was remembered in the caller's organization, where the
  // earlier build's retry, in the same partition, finds it.
  internal::v1::Command retry = Build(Request("org-1"), "seed-retry");
  retry.set_organization("default");
  retry.set_format(2);
  ASSERT_OK_AND_ASSIGN(
      applied, node_.applier().Apply({.partition = 0,
                                      .offset = 1,
                                      .organization_id = "default",
                                      .payload = retry.SerializeAsString()}));
  ASSERT_TRUE(applied.has_value());
  ASSERT_OK(applied->status);
  v1::Organization replayed;
  ASSERT_TRUE(replayed.ParseFromString(applied->response));
  EXPECT_EQ(replayed.name(), created.name());
  EXPECT_TRUE(HoldsRequest(node_, "default", "org-1"));
}

// Commands of two partitions are applied in no agreed order: a node
// rebuilding from the log may apply an organization's creation, in its own
// partition, before the bootstrap in "default"'s, or two organizations'
// creations in either order. Either way it reaches the same state.
class PartitionOrderTest : public CreateOrganizationCommandTest {
 protected:
  static v1::CreateOrganizationRequest Named(const std::string& id,
                                             const std::string& request_id) {
    v1::CreateOrganizationRequest request = Request(request_id);
    request.set_organization_id(id);
    return request;
  }

  // Applies `first`'s records, then `second`'s, on a fresh node: its state.
  static std::vector<std::string> Applied(const CommandLog& first,
                                          const CommandLog& second) {
    StateNode node;
    ApplyAll(node, first.records());
    ApplyAll(node, second.records());
    return node.Contents();
  }
};

TEST_F(PartitionOrderTest, TheBootstrapIsStoredAfterAnotherOrganization) {
  CommandLog platform(node_, /*partition=*/0);
  internal::v1::BootstrapRequest bootstrap;
  SeededIdSource ids("bootstrap");
  *bootstrap.mutable_admin_key() = MintBootstrapKey(
      absl::FromUnixSeconds(1'800'000'000), ids, Sha256("the admin key"));
  internal::v1::BootstrapResponse bootstrapped;
  ASSERT_OK(
      platform.Add(Principal("default", "", {}), bootstrap, bootstrapped));
  ASSERT_TRUE(bootstrapped.created());
  CommandLog acme(node_, /*partition=*/1);
  v1::Organization created;
  ASSERT_OK(acme.Add(PlatformAdmin(), Named("acme", ""), created));

  EXPECT_EQ(Applied(acme, platform), node_.Contents());
  EXPECT_THAT(node_.Contents(), Contains(HasSubstr("organizations/default")));
}

TEST_F(PartitionOrderTest, ARequestIdOfTwoOrganizationsCreatesBothInAnyOrder) {
  CommandLog acme(node_, /*partition=*/1);
  v1::Organization created;
  ASSERT_OK(acme.Add(PlatformAdmin(), Named("acme", "onboarding"), created));
  CommandLog globex(node_, /*partition=*/2);
  ASSERT_OK(
      globex.Add(PlatformAdmin(), Named("globex", "onboarding"), created));

  EXPECT_EQ(Applied(globex, acme), node_.Contents());
}

// A merge of an earlier build's format forgets the merged guest's create
// request, as the nodes that applied it then did; one of this build's
// answers the survivor from it.
TEST(MergeCommandTest, AnEarlierBuildsMergeForgetsTheMergedGuestsCreate) {
  for (const uint32_t format :
       {kMergeKeepsCreateRequests - 1, kMergeKeepsCreateRequests}) {
    StateNode node;
    CommandLog log(node);
    v1::CreateOrganizationRequest organization;
    organization.set_organization_id("acme");
    organization.mutable_organization()->set_display_name("Acme Hotels");
    v1::Organization created;
    ASSERT_OK(log.Add(organization, created));
    // The creates on 2026-02-01, the merge (kEarlierBuildsReceiveTime) the
    // next day: their request ids are live when it is applied.
    log.Pass(absl::Hours(24 * 17));
    v1::Guest survivor, merged;
    v1::CreateGuestRequest create;
    create.set_parent("organizations/acme");
    create.mutable_guest();
    ASSERT_OK(log.Add(create, survivor));
    create.set_request_id("walk-in");
    ASSERT_OK(log.Add(create, merged));

    v1::MergeGuestsRequest merge;
    merge.set_survivor(survivor.name());
    merge.set_merged(merged.name());
    ASSERT_OK(
        ApplyEarlierBuildsCommand(
            node, merge, static_cast<int64_t>(log.records().size()),
            [&](internal::v1::Command& command) { command.set_format(format); })
            .status());

    absl::StatusOr<std::optional<std::string>> record = node.store().Get(
        storage::ColumnFamily::kRequests,
        storage::RequestIdKey("acme", "CreateGuest", "walk-in"));
    ASSERT_OK(record.status());
    if (format < kMergeKeepsCreateRequests) {
      EXPECT_FALSE(record->has_value()) << "format " << format;
    } else {
      ASSERT_TRUE(record->has_value());
      internal::v1::RequestRecord parsed;
      ASSERT_TRUE(parsed.ParseFromString(**record));
      v1::Guest answered;
      ASSERT_TRUE(answered.ParseFromString(parsed.response()));
      EXPECT_EQ(answered.name(), survivor.name());
    }
  }
}

class UnreadableRecordTest : public ::testing::Test {
 protected:
  // `record` is refused with `code`, and the state is as it was.
  void ExpectRefused(const CommandRecord& record, absl::StatusCode code,
                     const std::string& message) {
    const std::vector<std::string> before = node_.Contents();
    EXPECT_THAT(node_.applier().Apply(record),
                StatusIs(code, HasSubstr(message)));
    EXPECT_EQ(node_.Contents(), before);
    node_.Restart();
    EXPECT_EQ(NextOffset(node_, record.partition), 0);
  }

  CommandRecord Valid() {
    v1::CreateOrganizationRequest request;
    request.set_organization_id("acme");
    request.mutable_organization()->set_display_name("Acme");
    const Mutation& mutation = *node_.table().FindByRequest(
        *v1::CreateOrganizationRequest::descriptor());
    absl::StatusOr<internal::v1::Command> command = BuildCommand(
        node_.table(), mutation, node_.domain(), testing::AcmeAdmin(), request,
        absl::FromUnixSeconds(1), "seed");
    EXPECT_OK(command.status());
    return {.partition = 3,
            .offset = 0,
            .organization_id = "acme",
            .payload = EncodeCommand(*command)};
  }

  StateNode node_;
};

TEST_F(UnreadableRecordTest, BytesThatAreNoCommand) {
  CommandRecord record = Valid();
  record.payload = "\xff\xff not a command";
  ExpectRefused(record, absl::StatusCode::kDataLoss, "command 3:0");
}

TEST_F(UnreadableRecordTest, ANewerFormat) {
  CommandRecord record = Valid();
  ASSERT_OK_AND_ASSIGN(internal::v1::Command command,
                       DecodeCommand(record.payload));
  command.set_format(kCommandFormat + 1);
  record.payload = command.SerializeAsString();
  ExpectRefused(record, absl::StatusCode::kFailedPrecondition,
                "upgrade this node");
}

TEST_F(UnreadableRecordTest, AMethodThisNodeDoesNotApply) {
  CommandRecord record = Valid();
  ASSERT_OK_AND_ASSIGN(internal::v1::Command command,
                       DecodeCommand(record.payload));
  command.set_method("guestvoice.v1.HotelService.PaintHotel");
  record.payload = EncodeCommand(command);
  ExpectRefused(record, absl::StatusCode::kFailedPrecondition, "PaintHotel");
}

TEST_F(UnreadableRecordTest, AnUnreadableRequest) {
  CommandRecord record = Valid();
  ASSERT_OK_AND_ASSIGN(internal::v1::Command command,
                       DecodeCommand(record.payload));
  command.set_request("\xff\xff\xff");
  record.payload = EncodeCommand(command);
  ExpectRefused(record, absl::StatusCode::kDataLoss, "request is unreadable");
}

TEST(PreparedItemTest, AnItemOfAnotherOrganizationIsRefused) {
  StateNode node;
  CommandLog log(node);
  v1::CreateOrganizationRequest organization;
  organization.set_organization_id("acme");
  organization.mutable_organization()->set_display_name("Acme Hotels");
  v1::Organization created;
  ASSERT_OK(log.Add(organization, created));
  v1::CreateHotelRequest hotel = testing::SampleHotel("lisbon");
  hotel.set_parent("organizations/acme");
  v1::Hotel made;
  ASSERT_OK(log.Add(hotel, made));
  v1::IngestFeedbackRequest post;
  post.set_parent("organizations/acme");
  *post.mutable_feedback() = testing::SampleFeedback(
      made.name(), "t1", 0, absl::FromUnixSeconds(1'768'000'000));
  const Mutation& mutation =
      *node.table().FindByRequest(*v1::IngestFeedbackRequest::descriptor());
  ASSERT_OK_AND_ASSIGN(
      internal::v1::Command command,
      BuildCommand(node.table(), mutation, node.domain(), testing::AcmeAdmin(),
                   post, absl::FromUnixSeconds(1'800'000'000), "seed-item"));
  ASSERT_EQ(command.prepared_feedback().organization(), "acme");
  command.mutable_prepared_feedback()->set_organization("rival");
  const std::vector<std::string> before = node.Contents();
  EXPECT_THAT(node.applier().Apply({.partition = 0,
                                    .offset = 2,
                                    .organization_id = "acme",
                                    .payload = EncodeCommand(command)}),
              StatusIs(absl::StatusCode::kDataLoss,
                       HasSubstr("carries an item of 'rival'")));
  EXPECT_EQ(node.Contents(), before);
}

TEST_F(UnreadableRecordTest, AKeyThatIsNotTheCommandsOrganization) {
  CommandRecord record = Valid();
  record.organization_id = "rival";
  ExpectRefused(record, absl::StatusCode::kDataLoss, "'rival'");
}

}  // namespace
}  // namespace guestvoice::service::cluster
