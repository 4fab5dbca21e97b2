#include "tests/testing/status_details.h"

#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/cord.h"
#include "common/absl_view.h"
#include "google/rpc/error_details.pb.h"

namespace guestvoice::testing {
namespace {

// Parses the payload of `status` under `type_url` into `details`; false when
// there is none (or it does not parse).
bool ParsePayload(const absl::Status& status, std::string_view type_url,
                  google::protobuf::MessageLite& details) {
  const auto payload = status.GetPayload(AbslView(type_url));
  return payload.has_value() && details.ParseFromString(std::string(*payload));
}

}  // namespace

std::string ErrorReason(const absl::Status& status) {
  google::rpc::ErrorInfo info;
  return ParsePayload(status, service::kErrorInfoTypeUrl, info) ? info.reason()
                                                                : "";
}

std::vector<std::string> ViolatedFields(const absl::Status& status) {
  google::rpc::BadRequest bad_request;
  std::vector<std::string> fields;
  if (!ParsePayload(status, service::kBadRequestTypeUrl, bad_request)) {
    return fields;
  }
  for (const auto& violation : bad_request.field_violations()) {
    fields.push_back(violation.field());
  }
  return fields;
}

}  // namespace guestvoice::testing
