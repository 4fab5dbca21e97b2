#include "tests/testing/client_calls.h"

#include "absl/strings/str_cat.h"

namespace guestvoice::testing {

std::unique_ptr<grpc::ClientContext> CallContext(const std::string& key,
                                                 absl::Duration deadline) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", absl::StrCat("Bearer ", key));
  context->set_deadline(absl::ToChronoTime(absl::Now() + deadline));
  return context;
}

absl::Status FromGrpc(const grpc::Status& status) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
}

}  // namespace guestvoice::testing
