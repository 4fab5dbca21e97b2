#include "service/api/consistency_token.h"

#include <string_view>

#include "service/cluster/cluster_mutations.h"

namespace guestvoice::service {

absl::StatusOr<cluster::RecordPosition> ConsistencyTokenOf(
    const grpc::CallbackServerContext& context) {
  const auto& metadata = context.client_metadata();
  auto token = metadata.find(kConsistencyTokenHeader);
  std::string_view value;
  if (token != metadata.end()) {
    value = std::string_view(token->second.data(), token->second.size());
  }
  return cluster::ParseConsistencyToken(kConsistencyTokenHeader, value);
}

}  // namespace guestvoice::service
