#ifndef GUESTVOICE_TESTS_SERVICE_CORE_ERROR_DETAILS_H_
#define GUESTVOICE_TESTS_SERVICE_CORE_ERROR_DETAILS_H_

// Reading back the google.rpc details that service/core/errors.h puts into an
// absl::Status, for the domain tests of every room:
//   EXPECT_THAT(status, HasErrorInfo("RESOURCE_NOT_FOUND"));
//   EXPECT_EQ(ErrorMetadata(status, "resource"), "organizations/acme");
//   EXPECT_THAT(FieldViolationsOf(status), ElementsAre(Pair("parent", _)));

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "common/absl_view.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "service/core/errors.h"

namespace guestvoice::testing {

// The payload of `status` under `type_url` parsed as `Detail`, or nullopt
// when there is none or it does not parse.
template <typename Detail>
std::optional<Detail> DetailOf(const absl::Status& status,
                               std::string_view type_url) {
  const auto payload = status.GetPayload(AbslView(type_url));
  Detail detail;
  if (!payload.has_value() || !detail.ParseFromString(std::string(*payload))) {
    return std::nullopt;
  }
  return detail;
}

inline std::optional<google::rpc::ErrorInfo> ErrorInfoOf(
    const absl::Status& status) {
  return DetailOf<google::rpc::ErrorInfo>(status, service::kErrorInfoTypeUrl);
}

// ErrorInfo.metadata[key] of `status`, or "" when it has none.
inline std::string ErrorMetadata(const absl::Status& status,
                                 const std::string& key) {
  const std::optional<google::rpc::ErrorInfo> info = ErrorInfoOf(status);
  if (!info.has_value()) return "";
  const auto entry = info->metadata().find(key);
  return entry == info->metadata().end() ? "" : entry->second;
}

// Every BadRequest field violation of `status` as (field, description), in
// order; empty when it carries no BadRequest.
inline std::vector<std::pair<std::string, std::string>> FieldViolationsOf(
    const absl::Status& status) {
  std::vector<std::pair<std::string, std::string>> violations;
  const std::optional<google::rpc::BadRequest> bad_request =
      DetailOf<google::rpc::BadRequest>(status, service::kBadRequestTypeUrl);
  if (!bad_request.has_value()) return violations;
  for (const auto& violation : bad_request->field_violations()) {
    violations.emplace_back(violation.field(), violation.description());
  }
  return violations;
}

// Matches an absl::Status whose ErrorInfo is in the guestvoice.v1 domain
// with this reason ("FIELD_INVALID": the ErrorReason name without its
// prefix).
MATCHER_P(HasErrorInfo, reason, "") {
  const std::optional<google::rpc::ErrorInfo> info = ErrorInfoOf(arg);
  if (!info.has_value()) {
    *result_listener << "which has no ErrorInfo (" << arg << ")";
    return false;
  }
  *result_listener << "whose ErrorInfo has domain \"" << info->domain()
                   << "\" and reason \"" << info->reason() << "\"";
  return info->domain() == service::kErrorDomain &&
         info->reason() == std::string(reason);
}

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_SERVICE_CORE_ERROR_DETAILS_H_
