#include "tests/service/cluster/node_answers.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "guestvoice/v1/insight_service.grpc.pb.h"
#include "guestvoice/v1/loyalty_service.grpc.pb.h"
#include "service/core/proto_time.h"
#include "tests/testing/client_calls.h"

namespace guestvoice::testing {
namespace {

constexpr int kPageSize = 500;

void SetInterval(const AnswersAbout& about, google::type::Interval& interval) {
  *interval.mutable_start_time() = service::ToProtoTimestamp(about.start);
  *interval.mutable_end_time() = service::ToProtoTimestamp(about.end);
}

}  // namespace

absl::StatusOr<std::string> NodeAnswers(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& key,
    const AnswersAbout& about) {
  auto feedback = v1::FeedbackService::NewStub(channel);
  auto insights = v1::InsightService::NewStub(channel);
  auto loyalty = v1::LoyaltyService::NewStub(channel);
  std::string answers;
  for (const std::string& hotel : about.hotels) {
    v1::GetHotelSummaryRequest summary_request;
    summary_request.set_hotel(hotel);
    SetInterval(about, *summary_request.mutable_interval());
    v1::HotelSummary summary;
    RETURN_IF_ERROR(FromGrpc(insights->GetHotelSummary(
        CallContext(key).get(), summary_request, &summary)));
    absl::StrAppend(&answers, summary.SerializeAsString());

    v1::ListFeedbackRequest list_request;
    list_request.set_parent(about.organization);
    list_request.set_hotel(hotel);
    list_request.set_page_size(kPageSize);
    do {
      v1::ListFeedbackResponse page;
      RETURN_IF_ERROR(FromGrpc(
          feedback->ListFeedback(CallContext(key).get(), list_request, &page)));
      list_request.set_page_token(page.next_page_token());
      page.clear_next_page_token();
      absl::StrAppend(&answers, page.SerializeAsString());
    } while (!list_request.page_token().empty());
  }
  v1::ListTopIssuesRequest issues_request;
  issues_request.set_scope(about.organization);
  SetInterval(about, *issues_request.mutable_interval());
  issues_request.set_limit(50);
  v1::ListTopIssuesResponse issues;
  RETURN_IF_ERROR(FromGrpc(insights->ListTopIssues(CallContext(key).get(),
                                                   issues_request, &issues)));
  absl::StrAppend(&answers, issues.SerializeAsString());

  for (const std::string& guest : about.guests) {
    v1::ExportGuestRequest export_request;
    export_request.set_name(guest);
    v1::ExportGuestResponse exported;
    RETURN_IF_ERROR(FromGrpc(loyalty->ExportGuest(CallContext(key).get(),
                                                  export_request, &exported)));
    absl::StrAppend(&answers, exported.SerializeAsString());
    for (const v1::Identity& identity : exported.guest().identities()) {
      v1::LookupGuestRequest lookup;
      lookup.set_parent(about.organization);
      *lookup.mutable_identity() = identity;
      v1::Guest found;
      RETURN_IF_ERROR(FromGrpc(
          loyalty->LookupGuest(CallContext(key).get(), lookup, &found)));
      absl::StrAppend(&answers, found.SerializeAsString());
    }
  }
  return answers;
}

}  // namespace guestvoice::testing
