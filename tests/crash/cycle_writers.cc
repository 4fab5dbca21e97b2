#include "tests/crash/cycle_writers.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/clock.h"
#include "tests/testing/sample_requests.h"

namespace guestvoice::crash {
namespace {

// Writers per kind: enough to interleave every kind of write.
constexpr int kIngestWriters = 2;
constexpr int kImportWriters = 1;
constexpr int kLoyaltyWriters = 2;
constexpr int kCaseWriters = 1;
constexpr int kMaxImportItems = 20;

// Post times spread over the last day; stays arrived 40 days ago, inside the
// default program's 365-day rolling window.
constexpr absl::Duration kPostTimeSpread = absl::Hours(24);
constexpr int kStayArrivalDaysAgo = 40;

// How long a write is sent again (SendsAgain) before it counts as failed for
// good, and the pause between attempts (a client's backoff).
constexpr absl::Duration kRetryFor = absl::Seconds(90);
constexpr absl::Duration kRetryBackoff = absl::Milliseconds(100);

bool SaysTryAgain(absl::StatusCode code) {
  return code == absl::StatusCode::kUnavailable ||
         code == absl::StatusCode::kResourceExhausted ||
         code == absl::StatusCode::kDeadlineExceeded;
}

google::type::Date DaysAgo(int days) {
  const absl::CivilDay day =
      absl::ToCivilDay(absl::Now(), absl::UTCTimeZone()) - days;
  google::type::Date date;
  date.set_year(static_cast<int32_t>(day.year()));
  date.set_month(day.month());
  date.set_day(day.day());
  return date;
}

// Arriving `arrival_days_ago` days ago for 2 nights. A guest's stays have
// nights of their own, since each night counts once (service/loyalty/rules.h).
v1::RecordStayRequest Stay(const std::string& guest, const std::string& hotel,
                           const std::string& booking_reference,
                           int arrival_days_ago) {
  v1::RecordStayRequest request;
  request.set_parent(guest);
  v1::Stay& stay = *request.mutable_stay();
  stay.set_hotel(hotel);
  *stay.mutable_arrival_date() = DaysAgo(arrival_days_ago);
  stay.set_nights(2);
  stay.set_booking_reference(booking_reference);
  return request;
}

v1::CreateGuestRequest NewGuest(const std::string& request_id) {
  v1::CreateGuestRequest request;
  request.set_parent(testing::kDefaultOrganization);
  request.mutable_guest()->set_display_name(absl::StrCat("Guest ", request_id));
  request.set_request_id(request_id);
  return request;
}

v1::UpdateFeedbackRequest MoveCase(const std::string& feedback,
                                   v1::CaseState state) {
  v1::UpdateFeedbackRequest request;
  request.mutable_feedback()->set_name(feedback);
  request.mutable_feedback()->mutable_case_()->set_state(state);
  request.mutable_update_mask()->add_paths("case.state");
  return request;
}

}  // namespace

CycleWriters::CycleWriters(Setup setup, Ledger& ledger)
    : setup_(std::move(setup)), ledger_(ledger) {}

CycleWriters::~CycleWriters() {
  stopping_ = true;
  for (std::thread& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

void CycleWriters::Start() {
  using Run = void (CycleWriters::*)(Lane&);
  const std::vector<std::pair<Run, int>> kinds = {
      {&CycleWriters::RunIngest, kIngestWriters},
      {&CycleWriters::RunImports, kImportWriters},
      {&CycleWriters::RunLoyalty, kLoyaltyWriters},
      {&CycleWriters::RunCases, kCaseWriters}};
  for (const auto& [run, count] : kinds) {
    for (int i = 0; i < count; ++i) {
      const int index = static_cast<int>(lanes_.size());
      // Its own channel arguments give each writer its own connection.
      grpc::ChannelArguments arguments;
      arguments.SetInt("guestvoice.crash.lane", index);
      lanes_.push_back(std::make_unique<Lane>(Lane{
          .writer =
              Writer(grpc::CreateCustomChannel(
                         setup_.addresses[index % setup_.addresses.size()],
                         grpc::InsecureChannelCredentials(), arguments),
                     setup_.key, ledger_, setup_.call_deadline),
          .random = std::mt19937_64(setup_.seed + index),
          .prefix = absl::StrCat(setup_.run, "c", setup_.cycle, "w", index)}));
      threads_.emplace_back(run, this, std::ref(*lanes_.back()));
    }
  }
}

std::vector<Write> CycleWriters::Join() {
  for (std::thread& thread : threads_) thread.join();
  threads_.clear();
  absl::MutexLock lock(&mutex_);
  return std::move(in_flight_);
}

std::vector<std::string> CycleWriters::unexpected_errors() const {
  absl::MutexLock lock(&mutex_);
  return unexpected_;
}

std::map<absl::StatusCode, int> CycleWriters::retried() const {
  absl::MutexLock lock(&mutex_);
  return retried_;
}

bool CycleWriters::SendsAgain(const absl::Status& status) const {
  if (setup_.on_failure == OnFailure::kRetry) {
    return SaysTryAgain(status.code());
  }
  // Before the kill, a call that never reached the server (no connection
  // on a loaded machine) is sent again, as a client would. Any failure the
  // server answered, UNAVAILABLE from its store included, is its error.
  return !stopping_ && NeverAnswered(status);
}

bool CycleWriters::Send(Lane& lane, const Write& write, std::string* name) {
  absl::StatusOr<std::string> written = lane.writer.Apply(write);
  const bool retry = setup_.on_failure == OnFailure::kRetry;
  const absl::Time give_up = absl::Now() + kRetryFor;
  while (!written.ok() && SendsAgain(written.status()) &&
         absl::Now() < give_up) {
    {
      absl::MutexLock lock(&mutex_);
      ++retried_[written.status().code()];
    }
    absl::SleepFor(kRetryBackoff);
    written = lane.writer.Retry(write);
  }
  if (written.ok()) {
    if (name != nullptr) *name = *std::move(written);
    return true;
  }
  absl::MutexLock lock(&mutex_);
  in_flight_.push_back(write);
  // A call that failed once the kill was near may have been cut by it; with
  // retries, no failure is expected.
  if (!stopping_ || retry) {
    unexpected_.push_back(
        absl::StrCat(lane.prefix, ": ", written.status().ToString()));
  }
  return false;
}

std::string CycleWriters::RandomHotel(Lane& lane) {
  return setup_.hotels[lane.random() % setup_.hotels.size()];
}

void CycleWriters::RunIngest(Lane& lane) {
  while (!stopping_) {
    v1::IngestFeedbackRequest request;
    request.set_parent(testing::kDefaultOrganization);
    *request.mutable_feedback() = testing::SampleFeedback(
        RandomHotel(lane), lane.NextId(), static_cast<int>(lane.random() % 4),
        absl::Now() - kPostTimeSpread * (lane.random() % 1000) / 1000);
    if (!Send(lane, request)) return;
  }
}

void CycleWriters::RunImports(Lane& lane) {
  while (!stopping_) {
    ImportBatch batch;
    const int items = 1 + static_cast<int>(lane.random() % kMaxImportItems);
    for (int i = 0; i < items; ++i) {
      v1::ImportFeedbackRequest& item = batch.items.emplace_back();
      item.set_parent(testing::kDefaultOrganization);
      *item.mutable_feedback() = testing::SampleFeedback(
          RandomHotel(lane), lane.NextId(), static_cast<int>(lane.random() % 4),
          absl::Now() - kPostTimeSpread * (lane.random() % 1000) / 1000);
    }
    if (!Send(lane, batch)) return;
  }
}

void CycleWriters::RunLoyalty(Lane& lane) {
  while (!stopping_) {
    const std::string family = lane.NextId();
    const std::string hotel = RandomHotel(lane);
    std::string guest;
    if (!Send(lane, NewGuest(absl::StrCat(family, "-a")), &guest)) return;

    v1::LinkIdentityRequest link;
    link.set_guest(guest);
    link.mutable_identity()->set_kind(v1::IDENTITY_KIND_EMAIL);
    link.mutable_identity()->set_value(absl::StrCat(family, "@crash.example"));
    if (!Send(lane, link)) return;
    if (!Send(lane, Stay(guest, hotel, absl::StrCat(family, "-stay-a"),
                         kStayArrivalDaysAgo))) {
      return;
    }

    v1::RecordCheckInRequest check_in;
    check_in.set_parent(guest);
    check_in.mutable_check_in()->set_hotel(hotel);
    check_in.mutable_check_in()->set_source(v1::SOURCE_FOURSQUARE);
    check_in.mutable_check_in()->set_external_id(
        absl::StrCat(family, "-check-in"));
    check_in.mutable_check_in()->mutable_check_in_time()->set_seconds(
        absl::ToUnixSeconds(absl::Now() - absl::Hours(1)));
    if (!Send(lane, check_in)) return;

    std::string duplicate_profile;
    if (!Send(lane, NewGuest(absl::StrCat(family, "-b")), &duplicate_profile) ||
        !Send(lane,
              Stay(duplicate_profile, hotel, absl::StrCat(family, "-stay-b"),
                   kStayArrivalDaysAgo - 3))) {
      return;
    }
    v1::MergeGuestsRequest merge;
    merge.set_survivor(guest);
    merge.set_merged(duplicate_profile);
    if (!Send(lane, merge)) return;
  }
}

void CycleWriters::RunCases(Lane& lane) {
  while (!stopping_) {
    v1::IngestFeedbackRequest request;
    request.set_parent(testing::kDefaultOrganization);
    *request.mutable_feedback() = testing::SampleFeedback(
        RandomHotel(lane), lane.NextId(), static_cast<int>(lane.random() % 4),
        absl::Now() - absl::Minutes(5));
    std::string feedback;
    if (!Send(lane, request, &feedback) ||
        !Send(lane, MoveCase(feedback, v1::CASE_STATE_ACKNOWLEDGED)) ||
        !Send(lane, MoveCase(feedback, v1::CASE_STATE_RESOLVED))) {
      return;
    }
  }
}

}  // namespace guestvoice::crash
