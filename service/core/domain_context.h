#ifndef GUESTVOICE_SERVICE_CORE_DOMAIN_CONTEXT_H_
#define GUESTVOICE_SERVICE_CORE_DOMAIN_CONTEXT_H_

#include "common/clock.h"
#include "common/striped_lock.h"
#include "service/core/id_source.h"
#include "storage/store.h"

namespace guestvoice::service {

// What every domain operation works with; owned by the Server, which outlives
// everything that holds a DomainContext.
struct DomainContext {
  storage::Store& store;
  // Per-key locks around read-modify-write sequences (keys are store keys).
  StripedLock& locks;
  // The only sources of the receive time and of every id the domain makes,
  // so that a write is a function of (state, request, clock reading, ids
  // drawn) and nothing else (docs/cluster.md). Secrets never come from here
  // (id_source.h).
  const Clock& clock;
  IdSource& ids;
  // Per-organization, always taken before any stripe of `locks`. Held
  // shared by ingest, case updates, stays and check-ins (which read the hotel
  // they name under it); exclusively by changes of who feedback is attributed
  // to (link, unlink, merge, erase) and by hotel deletion, which so sees
  // every write naming the hotel either done or not yet begun.
  StripedLock& organization_locks;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_DOMAIN_CONTEXT_H_
