#include "service/feedback/cases.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "service/core/errors.h"
#include "service/core/field_checks.h"
#include "service/core/proto_time.h"
#include "service/core/update_mask.h"

namespace guestvoice::service {
namespace {

constexpr size_t kMaxAssigneeChars = 256;
constexpr size_t kMaxNoteBytes = 4 * 1024;
// A public reply is often copied from the review platform where the hotel
// published it, and platforms allow more than a staff note needs
// (Tripadvisor 5,000 characters, which need up to ~15,000 bytes of UTF-8 in
// Chinese or Japanese): the limit of a feedback text.
constexpr size_t kMaxPublicResponseBytes = 16 * 1024;

constexpr std::string_view kCasePaths[] = {"case.state", "case.assignee",
                                           "case.internal_note",
                                           "case.public_response"};
constexpr MutableFields kCaseFields{.resource = "feedback",
                                    .paths = kCasePaths};

// The order states move in; a case never goes to a lower rank.
int Rank(v1::CaseState state) {
  switch (state) {
    case v1::CASE_STATE_OPEN:
      return 1;
    case v1::CASE_STATE_ACKNOWLEDGED:
      return 2;
    case v1::CASE_STATE_RESOLVED:
      return 3;
    default:
      return 0;
  }
}

}  // namespace

absl::Status CheckCaseTexts(const v1::UpdateFeedbackRequest& request) {
  const v1::FeedbackCase& update = request.feedback().case_();
  FieldViolations violations;
  CheckOneLine(violations, "feedback.case.assignee", update.assignee());
  CheckNoControlCharacters(violations, "feedback.case.internal_note",
                           update.internal_note());
  CheckNoControlCharacters(violations, "feedback.case.public_response",
                           update.public_response());
  return violations.ToStatus();
}

absl::Status ApplyCaseUpdate(const v1::UpdateFeedbackRequest& request,
                             absl::Time now, v1::Feedback& feedback) {
  const v1::FeedbackCase& update = request.feedback().case_();
  FieldViolations violations;
  const ChangedFields changed = ResolveUpdateMask(
      violations, request.update_mask(), request.feedback(), kCaseFields);
  auto masked = [&](std::string_view path) { return changed.Contains(path); };
  if (masked("case.state") && Rank(update.state()) == 0) {
    violations.Add("feedback.case.state",
                   "must be CASE_STATE_OPEN, CASE_STATE_ACKNOWLEDGED or "
                   "CASE_STATE_RESOLVED");
  }
  if (masked("case.assignee")) {
    CheckDisplayText(violations, "feedback.case.assignee", update.assignee(),
                     kMaxAssigneeChars, /*required=*/false);
  }
  if (masked("case.internal_note")) {
    // Only the checks of the first command format (CheckCaseTexts has
    // those added since).
    CheckTextBytes(violations, "feedback.case.internal_note",
                   update.internal_note(), kMaxNoteBytes);
  }
  if (masked("case.public_response")) {
    CheckTextBytes(violations, "feedback.case.public_response",
                   update.public_response(), kMaxPublicResponseBytes);
  }
  RETURN_IF_ERROR(violations.ToStatus());

  v1::FeedbackCase& current = *feedback.mutable_case_();
  if (masked("case.state") && Rank(update.state()) < Rank(current.state())) {
    return PreconditionFailed(absl::StrCat(
        "the case is ", v1::CaseState_Name(current.state()),
        " and cannot move back to ", v1::CaseState_Name(update.state())));
  }
  if (masked("case.state") && update.state() != current.state()) {
    current.set_state(update.state());
    *current.mutable_state_change_time() = ToProtoTimestamp(now);
  }
  if (masked("case.assignee")) current.set_assignee(update.assignee());
  if (masked("case.internal_note")) {
    current.set_internal_note(update.internal_note());
  }
  if (masked("case.public_response")) {
    current.set_public_response(update.public_response());
  }
  *feedback.mutable_update_time() = ToProtoTimestamp(now);
  return absl::OkStatus();
}

}  // namespace guestvoice::service
