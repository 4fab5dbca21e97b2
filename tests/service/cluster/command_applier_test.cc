// CommandApplier: states that apply the same command log hold the same
// bytes; each command's offset is stored with its changes, so a restarted
// state resumes exactly and applies nothing twice; a record a node cannot
// apply changes nothing.

#include "service/cluster/command_applier.h"

#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.pb.h"
#include "service/cluster/command_builder.h"
#include "service/cluster/command_codec.h"
#include "storage/keys.h"
#include "tests/service/cluster/state_node.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::testing::CommandLog;
using ::guestvoice::testing::StateNode;
using ::guestvoice::testing::StatusIs;
using ::testing::Contains;
using ::testing::HasSubstr;
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

TEST_F(UnreadableRecordTest, AKeyThatIsNotTheCommandsOrganization) {
  CommandRecord record = Valid();
  record.organization_id = "rival";
  ExpectRefused(record, absl::StatusCode::kDataLoss, "'rival'");
}

}  // namespace
}  // namespace guestvoice::service::cluster
