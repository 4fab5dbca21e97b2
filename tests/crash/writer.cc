#include "tests/crash/writer.h"

#include <algorithm>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "tests/testing/client_calls.h"

namespace guestvoice::crash {

using testing::CallContext;
using testing::FromGrpc;

namespace {

// Marks a status NeverAnswered.
constexpr char kNeverAnswered[] = "guestvoice.crash/never-answered";

// The call's status as FromGrpc gives it, marked NeverAnswered when it is
// UNAVAILABLE without google.rpc details: every answer of guestvoiced
// carries an ErrorInfo, so that one is the channel's own (no connection).
absl::Status FromCall(const grpc::Status& status) {
  absl::Status converted = FromGrpc(status);
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE &&
      status.error_details().empty()) {
    converted.SetPayload(kNeverAnswered, absl::Cord());
  }
  return converted;
}

}  // namespace

bool NeverAnswered(const absl::Status& status) {
  return status.GetPayload(kNeverAnswered).has_value();
}

Writer::Writer(const std::shared_ptr<grpc::Channel>& channel, std::string key,
               Ledger& ledger, absl::Duration call_deadline)
    : feedback_(v1::FeedbackService::NewStub(channel)),
      loyalty_(v1::LoyaltyService::NewStub(channel)),
      key_(std::move(key)),
      ledger_(ledger),
      call_deadline_(call_deadline) {}

std::unique_ptr<grpc::ClientContext> Writer::Context() const {
  return CallContext(key_, call_deadline_);
}

absl::StatusOr<std::string> Writer::Apply(const Write& write) {
  return std::visit([this](const auto& request) { return Send(request); },
                    write);
}

absl::StatusOr<std::string> Writer::Retry(const Write& write) {
  absl::StatusOr<std::string> written = Apply(write);
  const auto* merge = std::get_if<v1::MergeGuestsRequest>(&write);
  if (written.ok() || merge == nullptr || !absl::IsNotFound(written.status())) {
    return written;
  }
  v1::GetGuestRequest request;
  request.set_name(merge->survivor());
  v1::Guest survivor;
  RETURN_IF_ERROR(
      FromCall(loyalty_->GetGuest(Context().get(), request, &survivor)));
  const auto& merged = survivor.merged_guests();
  if (std::find(merged.begin(), merged.end(), merge->merged()) ==
      merged.end()) {
    return written;
  }
  ledger_.Merge(merge->survivor(), merge->merged());
  return survivor.name();
}

absl::StatusOr<std::string> Writer::Send(
    const v1::IngestFeedbackRequest& request) {
  v1::Feedback stored;
  RETURN_IF_ERROR(
      FromCall(feedback_->IngestFeedback(Context().get(), request, &stored)));
  ledger_.Feedback(request.feedback().external_id(), stored.hotel());
  return stored.name();
}

absl::StatusOr<std::string> Writer::Send(const ImportBatch& batch) {
  const auto context = Context();
  v1::ImportFeedbackResponse response;
  auto stream = feedback_->ImportFeedback(context.get(), &response);
  for (const v1::ImportFeedbackRequest& item : batch.items) {
    if (!stream->Write(item)) break;  // Finish says why.
  }
  stream->WritesDone();
  RETURN_IF_ERROR(FromCall(stream->Finish()));
  if (response.results_size() != static_cast<int>(batch.items.size())) {
    return absl::InternalError(
        absl::StrCat("ImportFeedback answered ", response.results_size(),
                     " results for ", batch.items.size(), " items"));
  }
  for (const v1::ImportFeedbackResult& result : response.results()) {
    if (result.status().code() != 0) {
      return absl::InternalError(
          absl::StrCat("ImportFeedback item ", result.index(),
                       " failed: ", result.status().message()));
    }
    const v1::Feedback& item = batch.items[result.index()].feedback();
    ledger_.Feedback(item.external_id(), item.hotel());
  }
  return "";
}

absl::StatusOr<std::string> Writer::Send(
    const v1::CreateGuestRequest& request) {
  v1::Guest guest;
  RETURN_IF_ERROR(
      FromCall(loyalty_->CreateGuest(Context().get(), request, &guest)));
  ledger_.Guest(guest.name());
  return guest.name();
}

absl::StatusOr<std::string> Writer::Send(
    const v1::LinkIdentityRequest& request) {
  v1::Guest guest;
  RETURN_IF_ERROR(
      FromCall(loyalty_->LinkIdentity(Context().get(), request, &guest)));
  ledger_.Link(request.guest(), request.identity().value());
  return guest.name();
}

absl::StatusOr<std::string> Writer::Send(const v1::RecordStayRequest& request) {
  v1::Stay stay;
  RETURN_IF_ERROR(
      FromCall(loyalty_->RecordStay(Context().get(), request, &stay)));
  ledger_.Stay(request.parent(), request.stay().booking_reference());
  return stay.name();
}

absl::StatusOr<std::string> Writer::Send(
    const v1::RecordCheckInRequest& request) {
  v1::CheckIn check_in;
  RETURN_IF_ERROR(
      FromCall(loyalty_->RecordCheckIn(Context().get(), request, &check_in)));
  ledger_.CheckIn(request.parent(), request.check_in().external_id());
  return check_in.name();
}

absl::StatusOr<std::string> Writer::Send(
    const v1::MergeGuestsRequest& request) {
  v1::Guest survivor;
  RETURN_IF_ERROR(
      FromCall(loyalty_->MergeGuests(Context().get(), request, &survivor)));
  ledger_.Merge(request.survivor(), request.merged());
  return survivor.name();
}

absl::StatusOr<std::string> Writer::Send(
    const v1::UpdateFeedbackRequest& request) {
  v1::Feedback updated;
  RETURN_IF_ERROR(
      FromCall(feedback_->UpdateFeedback(Context().get(), request, &updated)));
  ledger_.Case(updated.name(), request.feedback().case_().state());
  return updated.name();
}

}  // namespace guestvoice::crash
