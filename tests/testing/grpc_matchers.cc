#include "tests/testing/grpc_matchers.h"

namespace guestvoice::testing {
namespace {

google::rpc::Status Details(const grpc::Status& status) {
  google::rpc::Status details;
  details.ParseFromString(status.error_details());
  return details;
}

bool FindErrorInfo(const google::rpc::Status& details,
                   google::rpc::ErrorInfo* info) {
  for (const auto& any : details.details()) {
    if (any.UnpackTo(info)) return true;
  }
  return false;
}

}  // namespace

std::string ErrorReason(const grpc::Status& status) {
  return ErrorReason(Details(status));
}

std::string ErrorReason(const google::rpc::Status& details) {
  google::rpc::ErrorInfo info;
  return FindErrorInfo(details, &info) ? info.reason() : "";
}

std::string ErrorDomain(const grpc::Status& status) {
  google::rpc::ErrorInfo info;
  return FindErrorInfo(Details(status), &info) ? info.domain() : "";
}

int64_t RetryDelayMillis(const grpc::Status& status) {
  const google::rpc::Status details = Details(status);
  google::rpc::RetryInfo retry;
  for (const auto& any : details.details()) {
    if (any.UnpackTo(&retry)) {
      return retry.retry_delay().seconds() * 1000 +
             retry.retry_delay().nanos() / 1'000'000;
    }
  }
  return -1;
}

std::vector<std::string> ViolatedFields(const grpc::Status& status) {
  return ViolatedFields(Details(status));
}

std::vector<std::string> ViolatedFields(const google::rpc::Status& details) {
  std::vector<std::string> fields;
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad_request;
    if (!any.UnpackTo(&bad_request)) continue;
    for (const auto& violation : bad_request.field_violations()) {
      fields.push_back(violation.field());
    }
  }
  return fields;
}

}  // namespace guestvoice::testing
