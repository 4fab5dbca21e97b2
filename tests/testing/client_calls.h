#ifndef GUESTVOICE_TESTS_TESTING_CLIENT_CALLS_H_
#define GUESTVOICE_TESTS_TESTING_CLIENT_CALLS_H_

#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace guestvoice::testing {

// For drivers that call a guestvoiced from outside through the generated
// stubs: a context that sends `key` as the bearer token and gives up after
// `deadline`, so a call to a killed server can never hang.
std::unique_ptr<grpc::ClientContext> CallContext(
    const std::string& key, absl::Duration deadline = absl::Seconds(20));

// The call's outcome as an absl::Status (same code and message), for
// RETURN_IF_ERROR.
absl::Status FromGrpc(const grpc::Status& status);

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_TESTING_CLIENT_CALLS_H_
