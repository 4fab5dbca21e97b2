#include "service/api/consistency_token.h"

#include <string_view>
#include <utility>

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

void TokenWait::Start(cluster::AppliedProgress& applied,
                      const cluster::RecordPosition& token,
                      cluster::AppliedProgress::OffsetCallback done) {
  const cluster::AppliedProgress::WaitId wait =
      applied.WhenApplied(token.partition, token.offset, std::move(done));
  absl::MutexLock lock(&mutex_);
  applied_ = &applied;
  wait_ = wait;
}

bool TokenWait::Cancel() {
  cluster::AppliedProgress* applied;
  cluster::AppliedProgress::WaitId wait;
  {
    absl::MutexLock lock(&mutex_);
    applied = applied_;
    wait = std::exchange(wait_, 0);
  }
  return wait != 0 && applied->Forget(wait);
}

}  // namespace guestvoice::service
