#include "tests/crash/store_check.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "guestvoice/v1/insight_service.grpc.pb.h"
#include "guestvoice/v1/loyalty_service.grpc.pb.h"
#include "tests/testing/client_calls.h"
#include "tests/testing/sample_requests.h"

namespace guestvoice::crash {
namespace {

using testing::CallContext;
using testing::FromGrpc;

constexpr int kPageSize = 1000;
// Covers every post time the writers use (the last day) with room to spare.
constexpr absl::Duration kSummaryLookBack = absl::Hours(24 * 3);

// How often each value occurs.
template <typename Values>
std::map<std::string, int> Occurrences(const Values& values) {
  std::map<std::string, int> counts;
  for (const auto& value : values) ++counts[value];
  return counts;
}

// Reports each expected value held other than exactly once.
void CompareExactlyOnce(const std::string& what,
                        const std::vector<std::string>& expected,
                        const std::map<std::string, int>& held,
                        Discrepancies& found) {
  for (const std::string& value : expected) {
    const auto it = held.find(value);
    const int count = it == held.end() ? 0 : it->second;
    if (count == 0) found.lost.push_back(absl::StrCat(what, " ", value));
    if (count > 1) {
      found.duplicated.push_back(
          absl::StrCat(what, " ", value, " held ", count, " times"));
    }
  }
}

absl::StatusOr<std::vector<v1::Feedback>> ListAllFeedback(
    v1::FeedbackService::Stub& stub, const std::string& key) {
  std::vector<v1::Feedback> all;
  v1::ListFeedbackRequest request;
  request.set_parent(testing::kDefaultOrganization);
  request.set_page_size(kPageSize);
  do {
    v1::ListFeedbackResponse page;
    RETURN_IF_ERROR(
        FromGrpc(stub.ListFeedback(CallContext(key).get(), request, &page)));
    all.insert(all.end(), page.feedback().begin(), page.feedback().end());
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return all;
}

absl::Status CheckFeedback(const std::shared_ptr<grpc::Channel>& channel,
                           const std::string& key,
                           const std::vector<std::string>& hotels,
                           const Expected& expected, Discrepancies& found) {
  auto feedback = v1::FeedbackService::NewStub(channel);
  ASSIGN_OR_RETURN(const std::vector<v1::Feedback> listed,
                   ListAllFeedback(*feedback, key));
  std::vector<std::string> listed_ids;
  std::map<std::string, const v1::Feedback*> by_name;
  for (const v1::Feedback& item : listed) {
    listed_ids.push_back(item.external_id());
    by_name[item.name()] = &item;
  }
  std::vector<std::string> expected_ids;
  std::map<std::string, int64_t> per_hotel;
  for (const auto& [external_id, hotel] : expected.feedback_hotels) {
    expected_ids.push_back(external_id);
    ++per_hotel[hotel];
  }
  CompareExactlyOnce("feedback", expected_ids, Occurrences(listed_ids), found);

  for (const auto& [name, state] : expected.case_states) {
    const auto it = by_name.find(name);
    if (it != by_name.end() && it->second->case_().state() < state) {
      found.lost.push_back(absl::StrCat("case of ", name, " moved to ",
                                        v1::CaseState_Name(state)));
    }
  }

  // The insights' pre-aggregates must count each item once too.
  auto insights = v1::InsightService::NewStub(channel);
  for (const std::string& hotel : hotels) {
    v1::GetHotelSummaryRequest request;
    request.set_hotel(hotel);
    const absl::Time now = absl::Now();
    request.mutable_interval()->mutable_start_time()->set_seconds(
        absl::ToUnixSeconds(now - kSummaryLookBack));
    request.mutable_interval()->mutable_end_time()->set_seconds(
        absl::ToUnixSeconds(now + absl::Minutes(1)));
    v1::HotelSummary summary;
    RETURN_IF_ERROR(FromGrpc(
        insights->GetHotelSummary(CallContext(key).get(), request, &summary)));
    const int64_t counted = summary.current().feedback_count();
    const int64_t acknowledged = per_hotel[hotel];
    if (counted < acknowledged) {
      found.lost.push_back(absl::StrCat("insights of ", hotel, " count ",
                                        counted, " of ", acknowledged,
                                        " items"));
    } else if (counted > acknowledged) {
      found.duplicated.push_back(absl::StrCat("insights of ", hotel, " count ",
                                              counted, " for ", acknowledged,
                                              " items"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckGuest(v1::LoyaltyService::Stub& loyalty,
                        const std::string& key, const std::string& name,
                        const ExpectedGuest& expected, Discrepancies& found) {
  v1::ExportGuestRequest request;
  request.set_name(name);
  v1::ExportGuestResponse exported;
  const absl::Status status =
      FromGrpc(loyalty.ExportGuest(CallContext(key).get(), request, &exported));
  if (absl::IsNotFound(status)) {
    found.lost.push_back(absl::StrCat("guest ", name));
    return absl::OkStatus();
  }
  RETURN_IF_ERROR(status);

  std::vector<std::string> emails, stays, check_ins;
  for (const v1::Identity& identity : exported.guest().identities()) {
    emails.push_back(identity.value());
  }
  for (const v1::Stay& stay : exported.stays()) {
    stays.push_back(stay.booking_reference());
  }
  for (const v1::CheckIn& check_in : exported.check_ins()) {
    check_ins.push_back(check_in.external_id());
  }
  const std::string of = absl::StrCat(" of ", name);
  CompareExactlyOnce(absl::StrCat("identity", of),
                     {expected.emails.begin(), expected.emails.end()},
                     Occurrences(emails), found);
  CompareExactlyOnce(absl::StrCat("stay", of), expected.stay_bookings,
                     Occurrences(stays), found);
  CompareExactlyOnce(absl::StrCat("check-in", of), expected.check_in_ids,
                     Occurrences(check_ins), found);
  CompareExactlyOnce(
      absl::StrCat("merge into", of),
      {expected.merged_guests.begin(), expected.merged_guests.end()},
      Occurrences(exported.guest().merged_guests()), found);

  // The status is derived from the stays and check-ins; it must agree.
  const v1::LoyaltyStatus& status_now = exported.loyalty_status();
  const auto compare_count = [&](const std::string& what, int64_t held,
                                 size_t acknowledged) {
    if (held < static_cast<int64_t>(acknowledged)) {
      found.lost.push_back(absl::StrCat(what, of, " is ", held, " for ",
                                        acknowledged, " acknowledged"));
    } else if (held > static_cast<int64_t>(acknowledged)) {
      found.duplicated.push_back(absl::StrCat(what, of, " is ", held, " for ",
                                              acknowledged, " acknowledged"));
    }
  };
  compare_count("qualifying_stays", status_now.qualifying_stays(),
                expected.stay_bookings.size());
  compare_count("qualifying_check_ins", status_now.qualifying_check_ins(),
                expected.check_in_ids.size());
  return absl::OkStatus();
}

absl::Status CheckLoyalty(const std::shared_ptr<grpc::Channel>& channel,
                          const std::string& key, const Expected& expected,
                          Discrepancies& found) {
  auto loyalty = v1::LoyaltyService::NewStub(channel);
  for (const auto& [name, guest] : expected.guests) {
    RETURN_IF_ERROR(CheckGuest(*loyalty, key, name, guest, found));
  }
  for (const std::string& name : expected.merged_away) {
    v1::GetGuestRequest request;
    request.set_name(name);
    v1::Guest guest;
    const absl::Status status =
        FromGrpc(loyalty->GetGuest(CallContext(key).get(), request, &guest));
    if (status.ok()) found.lost.push_back(absl::StrCat("merge of ", name));
    if (!status.ok() && !absl::IsNotFound(status)) return status;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Discrepancies> CheckAcknowledged(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& key,
    const std::vector<std::string>& hotels, const Expected& expected) {
  Discrepancies found;
  RETURN_IF_ERROR(CheckFeedback(channel, key, hotels, expected, found));
  RETURN_IF_ERROR(CheckLoyalty(channel, key, expected, found));
  return found;
}

}  // namespace guestvoice::crash
