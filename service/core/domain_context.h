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
  // Per-organization: ingest and case updates hold it shared, changes of who
  // feedback is attributed to (link, unlink, merge, erase) exclusively,
  // always before any stripe of `locks`.
  StripedLock& attribution_locks;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_DOMAIN_CONTEXT_H_
