#include "service/api/import_streams.h"

#include "common/absl_view.h"

namespace guestvoice::service {

bool ImportStreams::TryOpenFor(std::string_view organization) {
  absl::MutexLock lock(&mutex_);
  size_t& open = open_per_organization_[AbslView(organization)];
  if (open >= limits_.max_streams_per_organization) {
    if (open == 0) open_per_organization_.erase(AbslView(organization));
    return false;
  }
  ++open;
  return true;
}

void ImportStreams::CloseFor(std::string_view organization) {
  absl::MutexLock lock(&mutex_);
  const auto open = open_per_organization_.find(AbslView(organization));
  if (open != open_per_organization_.end() && --open->second == 0) {
    open_per_organization_.erase(open);
  }
}

}  // namespace guestvoice::service
