#include "quickstart.h"

#include <google/protobuf/util/time_util.h>

#include <chrono>
#include <ctime>

namespace guestvoice::examples {
namespace {

using google::protobuf::util::TimeUtil;
constexpr char kParent[] = "organizations/default";

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(30));
  return context;
}

grpc::Status Failed(const char* rpc, const grpc::Status& status) {
  return grpc::Status(status.error_code(),
                      std::string(rpc) + ": " + status.error_message(),
                      status.error_details());
}

google::type::Date DaysAgo(int days) {
  std::time_t when = std::time(nullptr) - days * 86400;
  std::tm utc{};
  gmtime_r(&when, &utc);
  google::type::Date date;
  date.set_year(utc.tm_year + 1900);
  date.set_month(utc.tm_mon + 1);
  date.set_day(utc.tm_mday);
  return date;
}

}  // namespace

grpc::Status RunQuickstart(Client& client, std::ostream& out) {
  const auto now = TimeUtil::GetCurrentTime();

  v1::CreateHotelRequest create_hotel;
  create_hotel.set_parent(kParent);
  create_hotel.mutable_hotel()->set_display_name("Lisbon Riverside");
  create_hotel.mutable_hotel()->set_time_zone("Europe/Lisbon");
  create_hotel.set_request_id(NewRequestId());
  v1::Hotel hotel;
  if (auto s =
          client.hotels->CreateHotel(Context().get(), create_hotel, &hotel);
      !s.ok()) {
    return Failed("CreateHotel", s);
  }
  out << "hotel: " << hotel.name() << "\n";

  const std::string email =
      "ana." + NewRequestId().substr(0, 8) + "@example.com";
  v1::IngestFeedbackRequest ingest;
  ingest.set_parent(kParent);
  v1::Feedback* item = ingest.mutable_feedback();
  item->set_hotel(hotel.name());
  item->set_source(v1::SOURCE_SURVEY);
  item->set_external_id(NewRequestId());
  item->mutable_author()->set_handle(email);
  item->set_text("The room was spotless and the staff were wonderful.");
  *item->mutable_post_time() = now;
  v1::Feedback feedback;
  if (auto s =
          client.feedback->IngestFeedback(Context().get(), ingest, &feedback);
      !s.ok()) {
    return Failed("IngestFeedback", s);
  }
  out << "feedback: " << feedback.name() << " sentiment "
      << feedback.analysis().sentiment().compound() << "\n";

  v1::CreateGuestRequest create_guest;
  create_guest.set_parent(kParent);
  create_guest.mutable_guest()->set_display_name("Ana");
  v1::Identity* identity = create_guest.add_identities();
  identity->set_kind(v1::IDENTITY_KIND_EMAIL);
  identity->set_value(email);
  create_guest.set_request_id(NewRequestId());
  v1::Guest guest;
  if (auto s =
          client.loyalty->CreateGuest(Context().get(), create_guest, &guest);
      !s.ok()) {
    return Failed("CreateGuest", s);
  }
  v1::RecordStayRequest record_stay;
  record_stay.set_parent(guest.name());
  v1::Stay* stay_in = record_stay.mutable_stay();
  stay_in->set_hotel(hotel.name());
  stay_in->set_nights(3);
  stay_in->set_booking_reference(NewRequestId());
  *stay_in->mutable_arrival_date() = DaysAgo(10);
  stay_in->mutable_qualifying_spend()->set_currency_code("EUR");
  stay_in->mutable_qualifying_spend()->set_units(420);
  v1::Stay stay;
  if (auto s = client.loyalty->RecordStay(Context().get(), record_stay, &stay);
      !s.ok()) {
    return Failed("RecordStay", s);
  }
  out << "stay: " << stay.name() << "\n";

  v1::GetLoyaltyStatusRequest get_status;
  get_status.set_guest(guest.name());
  v1::LoyaltyStatus status;
  if (auto s = client.loyalty->GetLoyaltyStatus(Context().get(), get_status,
                                                &status);
      !s.ok()) {
    return Failed("GetLoyaltyStatus", s);
  }
  out << "loyalty: tier \"" << status.tier() << "\", "
      << status.qualifying_nights() << " nights, " << status.points_balance()
      << " points\n";

  v1::GetHotelSummaryRequest get_summary;
  get_summary.set_hotel(hotel.name());
  *get_summary.mutable_interval()->mutable_start_time() =
      now - TimeUtil::HoursToDuration(30 * 24);
  *get_summary.mutable_interval()->mutable_end_time() =
      now + TimeUtil::MinutesToDuration(1);
  v1::HotelSummary summary;
  if (auto s = client.insights->GetHotelSummary(Context().get(), get_summary,
                                                &summary);
      !s.ok()) {
    return Failed("GetHotelSummary", s);
  }
  out << "summary: " << summary.current().feedback_count() << " feedback from "
      << summary.current().voice_count() << " voices\n";
  return grpc::Status::OK;
}

}  // namespace guestvoice::examples
