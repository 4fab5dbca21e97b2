#include "service/api/import_streams.h"

namespace guestvoice::service {

bool ImportStreams::TryOpenFor(std::string_view organization) {
  absl::MutexLock lock(&mutex_);
  if (open_per_organization_.Of(organization) >=
      limits_.max_streams_per_organization) {
    return false;
  }
  open_per_organization_.Take(organization);
  return true;
}

void ImportStreams::CloseFor(std::string_view organization) {
  absl::MutexLock lock(&mutex_);
  open_per_organization_.Give(organization);
}

}  // namespace guestvoice::service
