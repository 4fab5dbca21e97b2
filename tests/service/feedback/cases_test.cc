// Case updates on one item: forward-only states, the update_mask, the limits
// of assignee, notes and responses, and nothing changed on any error.

#include "service/feedback/cases.h"

#include <cstddef>
#include <initializer_list>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/proto_time.h"
#include "tests/testing/status_details.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::FieldViolationsOf;
using ::guestvoice::testing::HasErrorReason;
using ::guestvoice::testing::StatusIs;
using ::testing::_;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;

const absl::Time kIngested = absl::FromUnixSeconds(1'768'000'000);
const absl::Time kNow = kIngested + absl::Hours(3);

// An item as ingest leaves it: an open case with an assignee and notes.
v1::Feedback Stored(v1::CaseState state = v1::CASE_STATE_OPEN) {
  v1::Feedback feedback;
  feedback.set_name("organizations/acme/feedback/f1");
  feedback.set_text("Broken lift");
  v1::FeedbackCase& current = *feedback.mutable_case_();
  current.set_state(state);
  current.set_assignee("ana");
  current.set_internal_note("called maintenance");
  current.set_public_response("Sorry!");
  *current.mutable_state_change_time() = ToProtoTimestamp(kIngested);
  *feedback.mutable_update_time() = ToProtoTimestamp(kIngested);
  return feedback;
}

// An update of the case fields `case_update` sets, with these mask paths.
v1::UpdateFeedbackRequest Update(const v1::FeedbackCase& case_update,
                                 std::initializer_list<const char*> paths) {
  v1::UpdateFeedbackRequest request;
  request.mutable_feedback()->set_name("organizations/acme/feedback/f1");
  *request.mutable_feedback()->mutable_case_() = case_update;
  for (const char* path : paths) request.mutable_update_mask()->add_paths(path);
  return request;
}

v1::FeedbackCase State(v1::CaseState state) {
  v1::FeedbackCase update;
  update.set_state(state);
  return update;
}

TEST(CaseUpdateTest, StatesMoveForward) {
  for (const auto& [from, to] :
       {std::pair{v1::CASE_STATE_OPEN, v1::CASE_STATE_ACKNOWLEDGED},
        std::pair{v1::CASE_STATE_OPEN, v1::CASE_STATE_RESOLVED},
        std::pair{v1::CASE_STATE_ACKNOWLEDGED, v1::CASE_STATE_RESOLVED}}) {
    v1::Feedback feedback = Stored(from);
    ASSERT_OK(
        ApplyCaseUpdate(Update(State(to), {"case.state"}), kNow, feedback));
    EXPECT_EQ(feedback.case_().state(), to);
    EXPECT_EQ(FromProtoTimestamp(feedback.case_().state_change_time()), kNow);
    EXPECT_EQ(FromProtoTimestamp(feedback.update_time()), kNow);
    // What the mask does not name stays.
    EXPECT_EQ(feedback.case_().assignee(), "ana");
    EXPECT_EQ(feedback.case_().internal_note(), "called maintenance");
  }
}

TEST(CaseUpdateTest, StatesNeverMoveBack) {
  for (const auto& [from, to] :
       {std::pair{v1::CASE_STATE_ACKNOWLEDGED, v1::CASE_STATE_OPEN},
        std::pair{v1::CASE_STATE_RESOLVED, v1::CASE_STATE_OPEN},
        std::pair{v1::CASE_STATE_RESOLVED, v1::CASE_STATE_ACKNOWLEDGED}}) {
    v1::Feedback feedback = Stored(from);
    const std::string before = feedback.SerializeAsString();
    const absl::Status status = ApplyCaseUpdate(
        Update(State(to), {"case.state", "case.assignee"}), kNow, feedback);
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kFailedPrecondition,
                                 "the case is " + v1::CaseState_Name(from) +
                                     " and cannot move back to " +
                                     v1::CaseState_Name(to)));
    EXPECT_THAT(status, HasErrorReason(v1::ERROR_REASON_FAILED_PRECONDITION));
    EXPECT_EQ(feedback.SerializeAsString(), before);
  }
}

TEST(CaseUpdateTest, TheSameStateAgainKeepsItsChangeTime) {
  v1::Feedback feedback = Stored(v1::CASE_STATE_ACKNOWLEDGED);
  v1::FeedbackCase update = State(v1::CASE_STATE_ACKNOWLEDGED);
  update.set_assignee("bea");
  ASSERT_OK(ApplyCaseUpdate(Update(update, {"case.state", "case.assignee"}),
                            kNow, feedback));
  EXPECT_EQ(feedback.case_().state(), v1::CASE_STATE_ACKNOWLEDGED);
  EXPECT_EQ(FromProtoTimestamp(feedback.case_().state_change_time()),
            kIngested);
  EXPECT_EQ(feedback.case_().assignee(), "bea");
  EXPECT_EQ(FromProtoTimestamp(feedback.update_time()), kNow);
}

TEST(CaseUpdateTest, AMaskedStateMustBeAState) {
  for (int state : {int{v1::CASE_STATE_UNSPECIFIED}, 4, -1}) {
    v1::Feedback feedback = Stored();
    const std::string before = feedback.SerializeAsString();
    const absl::Status status = ApplyCaseUpdate(
        Update(State(static_cast<v1::CaseState>(state)), {"case.state"}), kNow,
        feedback);
    EXPECT_THAT(status, HasErrorReason(v1::ERROR_REASON_FIELD_INVALID))
        << state;
    EXPECT_THAT(FieldViolationsOf(status),
                ElementsAre(Pair("feedback.case.state",
                                 "must be CASE_STATE_OPEN, "
                                 "CASE_STATE_ACKNOWLEDGED or "
                                 "CASE_STATE_RESOLVED")));
    EXPECT_EQ(feedback.SerializeAsString(), before);
  }
}

TEST(CaseUpdateTest, AnEmptyMaskChangesWhatTheRequestSets) {
  v1::Feedback feedback = Stored();
  v1::FeedbackCase update;
  update.set_public_response("We fixed it.");
  ASSERT_OK(ApplyCaseUpdate(Update(update, {}), kNow, feedback));
  EXPECT_EQ(feedback.case_().public_response(), "We fixed it.");
  EXPECT_EQ(feedback.case_().state(), v1::CASE_STATE_OPEN);
  EXPECT_EQ(feedback.case_().assignee(), "ana");
  EXPECT_EQ(feedback.case_().internal_note(), "called maintenance");
}

TEST(CaseUpdateTest, AnUpdateThatChangesNothingIsRefused) {
  v1::Feedback feedback = Stored();
  const std::string before = feedback.SerializeAsString();
  // Clearing a field takes naming it in the mask.
  const absl::Status status =
      ApplyCaseUpdate(Update(v1::FeedbackCase(), {}), kNow, feedback);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(FieldViolationsOf(status),
              ElementsAre(Pair("update_mask", "names no field to change")));
  EXPECT_EQ(feedback.SerializeAsString(), before);
}

TEST(CaseUpdateTest, AMaskedFieldIsClearedWhenTheRequestLeavesItEmpty) {
  v1::Feedback feedback = Stored();
  ASSERT_OK(ApplyCaseUpdate(Update(v1::FeedbackCase(), {"case.internal_note"}),
                            kNow, feedback));
  EXPECT_THAT(feedback.case_().internal_note(), IsEmpty());
  EXPECT_EQ(feedback.case_().assignee(), "ana");
}

TEST(CaseUpdateTest, AStarNamesAllFourFields) {
  v1::Feedback feedback = Stored();
  v1::FeedbackCase update = State(v1::CASE_STATE_RESOLVED);
  update.set_assignee("bea");
  ASSERT_OK(ApplyCaseUpdate(Update(update, {"*"}), kNow, feedback));
  EXPECT_EQ(feedback.case_().state(), v1::CASE_STATE_RESOLVED);
  EXPECT_EQ(feedback.case_().assignee(), "bea");
  EXPECT_THAT(feedback.case_().internal_note(), IsEmpty());
  EXPECT_THAT(feedback.case_().public_response(), IsEmpty());
}

TEST(CaseUpdateTest, UnmaskedFieldsOfTheRequestAreIgnored) {
  v1::Feedback feedback = Stored();
  v1::FeedbackCase update = State(v1::CASE_STATE_ACKNOWLEDGED);
  update.set_assignee("bea");
  update.set_internal_note("ignored");
  ASSERT_OK(ApplyCaseUpdate(Update(update, {"case.assignee"}), kNow, feedback));
  EXPECT_EQ(feedback.case_().assignee(), "bea");
  EXPECT_EQ(feedback.case_().state(), v1::CASE_STATE_OPEN);
  EXPECT_EQ(feedback.case_().internal_note(), "called maintenance");
}

TEST(CaseUpdateTest, OnlyTheCaseFieldsAreMutable) {
  for (const char* path : {"text", "case", "case.state_change_time",
                           "feedback.case.state", "case.State", ""}) {
    v1::Feedback feedback = Stored();
    const std::string before = feedback.SerializeAsString();
    const absl::Status status = ApplyCaseUpdate(
        Update(State(v1::CASE_STATE_RESOLVED), {"case.state", path}), kNow,
        feedback);
    EXPECT_THAT(FieldViolationsOf(status),
                ElementsAre(Pair("update_mask",
                                 HasSubstr("is not a mutable feedback field "
                                           "(use case.state, case.assignee, "
                                           "case.internal_note, "
                                           "case.public_response or *)"))))
        << path;
    EXPECT_EQ(feedback.SerializeAsString(), before) << path;
  }
}

TEST(CaseUpdateTest, AssigneeIsAtMost256CharactersOfPlainText) {
  std::string longest;
  for (int i = 0; i < 256; ++i) longest += "é";
  v1::FeedbackCase update;
  update.set_assignee(longest);
  v1::Feedback feedback = Stored();
  ASSERT_OK(ApplyCaseUpdate(Update(update, {"case.assignee"}), kNow, feedback));
  EXPECT_EQ(feedback.case_().assignee(), longest);

  for (const std::string& assignee :
       {longest + "e", std::string("ana\x07"), std::string("\xC3\x28")}) {
    update.set_assignee(assignee);
    v1::Feedback unchanged = Stored();
    const absl::Status status =
        ApplyCaseUpdate(Update(update, {"case.assignee"}), kNow, unchanged);
    EXPECT_THAT(FieldViolationsOf(status),
                ElementsAre(Pair("feedback.case.assignee", _)));
    EXPECT_EQ(unchanged.case_().assignee(), "ana");
  }
}

// A staff note holds 4 KiB; a public reply 16 KiB, as platforms where hotels
// publish replies allow long ones (Tripadvisor 5,000 characters).
TEST(CaseUpdateTest, NotesAndRepliesHaveTheirLimitsOfUtf8) {
  for (const auto& [path, limit] :
       {std::pair<const char*, size_t>{"case.internal_note", 4096},
        std::pair<const char*, size_t>{"case.public_response", 16384}}) {
    v1::FeedbackCase update;
    const std::string largest(limit, 'n');
    update.set_internal_note(largest);
    update.set_public_response(largest);
    v1::Feedback feedback = Stored();
    EXPECT_OK(ApplyCaseUpdate(Update(update, {path}), kNow, feedback)) << path;

    // Notes may span lines.
    update.set_internal_note("line one\nline two");
    update.set_public_response("line one\nline two");
    EXPECT_OK(ApplyCaseUpdate(Update(update, {path}), kNow, feedback)) << path;

    const std::string field = std::string("feedback.") + path;
    update.set_internal_note(largest + "n");
    update.set_public_response(largest + "n");
    EXPECT_THAT(FieldViolationsOf(
                    ApplyCaseUpdate(Update(update, {path}), kNow, feedback)),
                ElementsAre(Pair(
                    field, absl::StrCat("longer than ", limit, " bytes"))));
    update.set_internal_note("caf\xC3");
    update.set_public_response("caf\xC3");
    EXPECT_THAT(FieldViolationsOf(
                    ApplyCaseUpdate(Update(update, {path}), kNow, feedback)),
                ElementsAre(Pair(field, "not valid UTF-8")));
  }
}

TEST(CaseUpdateTest, EveryBadFieldIsReportedAtOnce) {
  v1::FeedbackCase update;
  update.set_assignee(std::string(300, 'a'));
  update.set_internal_note(std::string(5000, 'n'));
  update.set_public_response("\xFF");
  v1::Feedback feedback = Stored();
  const absl::Status status = ApplyCaseUpdate(
      Update(update, {"case.state", "case.assignee", "case.internal_note",
                      "case.public_response", "case.nope"}),
      kNow, feedback);
  EXPECT_THAT(
      FieldViolationsOf(status),
      ElementsAre(Pair("update_mask", _), Pair("feedback.case.state", _),
                  Pair("feedback.case.assignee", _),
                  Pair("feedback.case.internal_note", _),
                  Pair("feedback.case.public_response", _)));
}

}  // namespace
}  // namespace guestvoice::service
