#include "service/cluster/mutation_runner.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace guestvoice::service::cluster {

absl::StatusOr<std::string> EmbeddedMutations::Run(
    const Principal& caller, const google::protobuf::Message& request,
    google::protobuf::Message& response, absl::Time /*deadline*/) {
  const Mutation* mutation = table_.FindByRequest(*request.GetDescriptor());
  if (mutation == nullptr) return NoMutationFor(request);
  RETURN_IF_ERROR(table_.Run(*mutation, domain_, caller, request, response));
  return std::string();
}

absl::Status NoMutationFor(const google::protobuf::Message& request) {
  return absl::InternalError(absl::StrCat(
      "no mutation takes a ", request.GetDescriptor()->full_name()));
}

}  // namespace guestvoice::service::cluster
