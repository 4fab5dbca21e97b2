#include "google/rpc/status.pb.h"
#include "guestvoice/client.h"

namespace guestvoice {

std::map<std::string, std::string> ErrorDetails::FieldViolations() const {
  std::map<std::string, std::string> violations;
  if (bad_request) {
    for (const auto& violation : bad_request->field_violations()) {
      violations[violation.field()] = violation.description();
    }
  }
  return violations;
}

ErrorDetails DecodeError(const grpc::Status& status) {
  ErrorDetails details{status.error_code(), status.error_message(),
                       std::nullopt, std::nullopt};
  google::rpc::Status rpc_status;
  // Transport errors carry no details; a detail that does not parse is left
  // out, the code and message stand.
  if (status.error_details().empty() ||
      !rpc_status.ParseFromString(status.error_details())) {
    return details;
  }
  for (const auto& any : rpc_status.details()) {
    if (google::rpc::ErrorInfo info;
        any.Is<google::rpc::ErrorInfo>() && any.UnpackTo(&info)) {
      details.error_info = std::move(info);
    } else if (google::rpc::BadRequest bad;
               any.Is<google::rpc::BadRequest>() && any.UnpackTo(&bad)) {
      details.bad_request = std::move(bad);
    }
  }
  return details;
}

}  // namespace guestvoice
