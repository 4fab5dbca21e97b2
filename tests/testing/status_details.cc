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

std::optional<google::rpc::ErrorInfo> ErrorInfoOf(const absl::Status& status) {
  google::rpc::ErrorInfo info;
  if (!ParsePayload(status, service::kErrorInfoTypeUrl, info)) {
    return std::nullopt;
  }
  return info;
}

std::string ErrorReason(const absl::Status& status) {
  const std::optional<google::rpc::ErrorInfo> info = ErrorInfoOf(status);
  return info.has_value() && info->domain() == service::kErrorDomain
             ? info->reason()
             : "";
}

std::string ErrorMetadata(const absl::Status& status, const std::string& key) {
  const std::optional<google::rpc::ErrorInfo> info = ErrorInfoOf(status);
  if (!info.has_value()) return "";
  const auto entry = info->metadata().find(key);
  return entry == info->metadata().end() ? "" : entry->second;
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

std::vector<std::pair<std::string, std::string>> FieldViolationsOf(
    const absl::Status& status) {
  google::rpc::BadRequest bad_request;
  std::vector<std::pair<std::string, std::string>> violations;
  if (!ParsePayload(status, service::kBadRequestTypeUrl, bad_request)) {
    return violations;
  }
  for (const auto& violation : bad_request.field_violations()) {
    violations.emplace_back(violation.field(), violation.description());
  }
  return violations;
}

}  // namespace guestvoice::testing
