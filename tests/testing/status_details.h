#ifndef GUESTVOICE_TESTS_TESTING_STATUS_DETAILS_H_
#define GUESTVOICE_TESTS_TESTING_STATUS_DETAILS_H_

// Reading the details service/core/errors.h attaches to an absl::Status (as
// payloads keyed by their type URL), for tests below the gRPC layer:
//   EXPECT_THAT(status, HasErrorReason(v1::ERROR_REASON_REQUEST_ID_REUSED));
//   EXPECT_THAT(status, HasFieldViolation("stay.nights"));
//   EXPECT_THAT(ViolatedFields(status), ElementsAre("tier", "effective_date"));
// grpc_matchers.h reads the same details from a grpc::Status.

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "guestvoice/v1/error_reason.pb.h"
#include "service/core/errors.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::testing {

// The ErrorInfo of a status, or nullopt when it has none.
std::optional<google::rpc::ErrorInfo> ErrorInfoOf(const absl::Status& status);
// ErrorInfo.reason of a status ("RESOURCE_NOT_FOUND") when its domain is
// guestvoice.v1, or "" otherwise.
std::string ErrorReason(const absl::Status& status);
// ErrorInfo.metadata[key] of a status, or "" when it has none.
std::string ErrorMetadata(const absl::Status& status, const std::string& key);
// The field of every BadRequest violation of a status, in order.
std::vector<std::string> ViolatedFields(const absl::Status& status);
// Every BadRequest violation of a status as (field, description), in order.
std::vector<std::pair<std::string, std::string>> FieldViolationsOf(
    const absl::Status& status);

// Matches an absl::Status or absl::StatusOr<T> whose ErrorInfo names `reason`.
MATCHER_P(HasErrorReason, reason,
          std::string(negation ? "has no" : "has") + " ErrorInfo reason " +
              service::ReasonString(reason)) {
  const std::string actual = ErrorReason(internal::GetStatus(arg));
  *result_listener << "whose ErrorInfo reason is \"" << actual << "\"";
  return actual == service::ReasonString(reason);
}

// Matches an absl::Status or absl::StatusOr<T> with a BadRequest violation of
// `field` (among any others).
MATCHER_P(HasFieldViolation, field,
          std::string(negation ? "has no" : "has a") +
              " BadRequest violation of " + ::testing::PrintToString(field)) {
  const std::vector<std::string> fields =
      ViolatedFields(internal::GetStatus(arg));
  *result_listener << "whose violated fields are "
                   << ::testing::PrintToString(fields);
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_TESTING_STATUS_DETAILS_H_
