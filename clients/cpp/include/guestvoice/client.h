// guestvoice C++ client: the generated stubs (guestvoice/v1/*.grpc.pb.h) plus
// only what every caller would otherwise write again: a channel that sends
// the bearer key, uses TLS and retries safely; request ids; and the
// google.rpc details of a failed call.
#ifndef GUESTVOICE_CLIENT_H_
#define GUESTVOICE_CLIENT_H_

#include <grpcpp/grpcpp.h>

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "google/rpc/error_details.pb.h"
#include "guestvoice/v1/admin_service.grpc.pb.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "guestvoice/v1/insight_service.grpc.pb.h"
#include "guestvoice/v1/loyalty_service.grpc.pb.h"

namespace guestvoice {

struct ClientOptions {
  // Disables TLS, for a server on loopback only.
  bool plaintext = false;
  // PEM roots replacing the system ones, for a server with a private CA.
  std::string root_certificates;
};

// One channel and a stub per service. Every call needs its own
// grpc::ClientContext, as usual; set its deadline there.
struct Client {
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<v1::AdminService::Stub> admin;
  std::unique_ptr<v1::HotelService::Stub> hotels;
  std::unique_ptr<v1::FeedbackService::Stub> feedback;
  std::unique_ptr<v1::LoyaltyService::Stub> loyalty;
  std::unique_ptr<v1::InsightService::Stub> insights;
};

// Connects to `target` (host:port). Like grpc::CreateChannel it does not
// block: a wrong address shows up as UNAVAILABLE on the first call.
Client Connect(const std::string& target, const std::string& api_key,
               const ClientOptions& options = {});

// A request_id for create calls (a random UUID). gRPC's retries resend the
// same message, so every attempt carries it and the server dedupes.
std::string NewRequestId();

// The code, message and google.rpc details of a failed call.
struct ErrorDetails {
  grpc::StatusCode code = grpc::StatusCode::OK;
  std::string message;
  std::optional<google::rpc::ErrorInfo> error_info;
  std::optional<google::rpc::BadRequest> bad_request;

  // ErrorInfo.reason, for example "FIELD_INVALID"; "" without one.
  std::string Reason() const { return error_info ? error_info->reason() : ""; }
  // BadRequest's violations as field -> description.
  std::map<std::string, std::string> FieldViolations() const;
};

ErrorDetails DecodeError(const grpc::Status& status);

}  // namespace guestvoice

#endif  // GUESTVOICE_CLIENT_H_
