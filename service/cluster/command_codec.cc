#include "service/cluster/command_codec.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "guestvoice/v1/admin_service.pb.h"
#include "guestvoice/v1/loyalty_service.pb.h"
#include "service/core/handle_spelling.h"
#include "service/feedback/records.h"
#include "service/feedback/text_fingerprint.h"

namespace guestvoice::service::cluster {
namespace {

constexpr std::string_view kCreateOrganizationMethod =
    "guestvoice.v1.AdminService.CreateOrganization";
constexpr std::string_view kMergeGuestsMethod =
    "guestvoice.v1.LoyaltyService.MergeGuests";
constexpr std::string_view kCreateGuestMethod =
    "guestvoice.v1.LoyaltyService.CreateGuest";
constexpr std::string_view kUpdateStayMethod =
    "guestvoice.v1.LoyaltyService.UpdateStay";
constexpr std::string_view kUpdateFeedbackMethod =
    "guestvoice.v1.FeedbackService.UpdateFeedback";
constexpr std::string_view kLinkIdentityMethod =
    "guestvoice.v1.LoyaltyService.LinkIdentity";
constexpr std::string_view kUnlinkIdentityMethod =
    "guestvoice.v1.LoyaltyService.UnlinkIdentity";

bool SpelledOtherwiseBefore(std::string_view handle, LeadingAt leading_at) {
  return EarlierHandleSpelling(handle, leading_at) !=
         HandleSpelling(handle, leading_at);
}

bool HandleSpelledOtherwiseBefore(const v1::Identity& identity) {
  return identity.kind() == v1::IDENTITY_KIND_HANDLE &&
         SpelledOtherwiseBefore(identity.value(), LeadingAt::kDropped);
}

// A LinkIdentity or UnlinkIdentity whose handle a node of format 7 spells
// otherwise.
template <typename Request>
bool NamesAHandleSpelledOtherwiseBefore(const internal::v1::Command& command) {
  Request request;
  return request.ParseFromString(command.request()) &&
         HandleSpelledOtherwiseBefore(request.identity());
}

uint32_t FeedbackFormat(const v1::Feedback& feedback) {
  if (SpelledOtherwiseBefore(feedback.author().handle(),
                             LeadingAtOf(feedback.source()))) {
    return kHandlesSpelledByUnicode;
  }
  if (!HasNoWords(feedback.text())) return kRepeatsByHotelAndRating;
  return feedback.has_edit_time() ? 2 : 1;
}

uint32_t CreateGuestFormat(const internal::v1::Command& command) {
  v1::CreateGuestRequest request;
  if (!request.ParseFromString(command.request())) return 1;
  if (std::any_of(request.identities().begin(), request.identities().end(),
                  HandleSpelledOtherwiseBefore)) {
    return kHandlesSpelledByUnicode;
  }
  return request.has_stay() ? kGuestCreatedWithAStay : 1;
}

}  // namespace

uint32_t FormatOf(const internal::v1::Command& command) {
  if (command.has_prepared_feedback()) {
    return FeedbackFormat(command.prepared_feedback().feedback());
  }
  const std::string& method = command.method();
  if (method == kUpdateFeedbackMethod) return kUnchangedCasesKept;
  if ((method == kLinkIdentityMethod &&
       NamesAHandleSpelledOtherwiseBefore<v1::LinkIdentityRequest>(command)) ||
      (method == kUnlinkIdentityMethod &&
       NamesAHandleSpelledOtherwiseBefore<v1::UnlinkIdentityRequest>(
           command))) {
    return kHandlesSpelledByUnicode;
  }
  if (method == kUpdateStayMethod) return kUnchangedStaysKept;
  if (method == kCreateGuestMethod) return CreateGuestFormat(command);
  if (method == kMergeGuestsMethod) return kMergeKeepsCreateRequests;
  if (method == kCreateOrganizationMethod) {
    v1::CreateOrganizationRequest request;
    if (request.ParseFromString(command.request()) &&
        (request.organization_id().empty() || !request.request_id().empty())) {
      return kOrganizationIdDecidedOnReceipt;
    }
  }
  return 1;
}

std::string EncodeCommand(internal::v1::Command command) {
  command.set_format(FormatOf(command));
  return command.SerializeAsString();
}

absl::StatusOr<internal::v1::Command> DecodeCommand(std::string_view payload) {
  internal::v1::Command command;
  if (!command.ParseFromArray(payload.data(),
                              static_cast<int>(payload.size()))) {
    return absl::DataLossError(absl::StrCat(
        "a command record of ", payload.size(), " bytes is not a Command"));
  }
  if (command.format() > kCommandFormat) {
    return absl::FailedPreconditionError(
        absl::StrCat("a command record of format ", command.format(),
                     " (this node reads up to ", kCommandFormat,
                     "): upgrade this node to the build that wrote it"));
  }
  std::string_view missing;
  if (command.format() == 0) {
    missing = "format";
  } else if (command.method().empty()) {
    missing = "method";
  } else if (command.organization().empty()) {
    missing = "organization";
  } else if (!command.has_receive_time()) {
    missing = "receive_time";
  } else if (command.id_seed().empty()) {
    missing = "id_seed";
  }
  if (!missing.empty()) {
    return absl::DataLossError(
        absl::StrCat("a command record without its ", AbslView(missing)));
  }
  return command;
}

internal::v1::CommandCaller CallerRecord(const Principal& caller) {
  internal::v1::CommandCaller record;
  record.set_organization(caller.organization());
  record.set_api_key_name(caller.api_key_name());
  const google::protobuf::EnumDescriptor* scopes = v1::Scope_descriptor();
  for (int i = 0; i < scopes->value_count(); ++i) {
    const auto scope = static_cast<v1::Scope>(scopes->value(i)->number());
    if (scope != v1::SCOPE_UNSPECIFIED && caller.HasScope(scope)) {
      record.add_scopes(scope);
    }
  }
  return record;
}

Principal CallerOf(const internal::v1::CommandCaller& record) {
  return Principal(record.organization(), record.api_key_name(),
                   record.scopes());
}

}  // namespace guestvoice::service::cluster
