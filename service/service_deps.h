#ifndef GUESTVOICE_SERVICE_SERVICE_DEPS_H_
#define GUESTVOICE_SERVICE_SERVICE_DEPS_H_

#include "common/clock.h"
#include "service/authenticator.h"
#include "service/voice_attribution.h"
#include "storage/lock_table.h"
#include "storage/store.h"

namespace guestvoice::service {

// What every gRPC service implementation works with; owned by the Server,
// which outlives the services.
struct ServiceDeps {
  storage::Store& store;
  storage::LockTable& locks;
  const Clock& clock;
  const Authenticator& authenticator;
  // Orders ingest against changes of who feedback is attributed to.
  AttributionLocks& attribution_locks;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_SERVICE_DEPS_H_
