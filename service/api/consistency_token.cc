#include "service/api/consistency_token.h"

#include <string_view>

#include "absl/time/time.h"
#include "common/status_macros.h"
#include "service/cluster/cluster_mutations.h"

namespace guestvoice::service {

absl::Status AwaitConsistencyToken(const grpc::CallbackServerContext& context,
                                   cluster::AppliedProgress& applied) {
  const auto& metadata = context.client_metadata();
  auto token = metadata.find(kConsistencyTokenHeader);
  if (token == metadata.end()) return absl::OkStatus();
  ASSIGN_OR_RETURN(
      cluster::RecordPosition position,
      cluster::ParseConsistencyToken(
          kConsistencyTokenHeader,
          std::string_view(token->second.data(), token->second.size())));
  return applied.AwaitOffset(position.partition, position.offset,
                             absl::FromChrono(context.deadline()));
}

}  // namespace guestvoice::service
