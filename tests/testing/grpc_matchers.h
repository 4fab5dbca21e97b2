#ifndef GUESTVOICE_TESTS_TESTING_GRPC_MATCHERS_H_
#define GUESTVOICE_TESTS_TESTING_GRPC_MATCHERS_H_

// Reading what a client sees of an error: the code, the ErrorInfo reason and
// the BadRequest field paths from grpc-status-details-bin.

#include <grpcpp/support/status.h>

#include <cstdint>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace guestvoice::testing {

// ErrorInfo.reason of a status, or "" when it has none.
std::string ErrorReason(const grpc::Status& status);
// ErrorInfo.domain of a status, or "" when it has none.
std::string ErrorDomain(const grpc::Status& status);
// Every BadRequest field path of a status.
std::vector<std::string> ViolatedFields(const grpc::Status& status);
// The RetryInfo delay of a status in milliseconds, or -1 when it has none.
int64_t RetryDelayMillis(const grpc::Status& status);

// The same, read from a google.rpc.Status as a response carries it (e.g. one
// ImportFeedback result).
std::string ErrorReason(const google::rpc::Status& details);
std::vector<std::string> ViolatedFields(const google::rpc::Status& details);

MATCHER_P(GrpcCodeIs, code, "") {
  *result_listener << "whose code is " << arg.error_code() << " ("
                   << arg.error_message() << ")";
  return arg.error_code() == code;
}

MATCHER_P2(GrpcErrorIs, code, reason, "") {
  *result_listener << "whose code is " << arg.error_code() << " and reason \""
                   << ErrorReason(arg) << "\" (" << arg.error_message() << ")";
  return arg.error_code() == code && ErrorReason(arg) == reason;
}

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_TESTING_GRPC_MATCHERS_H_
