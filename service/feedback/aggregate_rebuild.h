#ifndef GUESTVOICE_SERVICE_FEEDBACK_AGGREGATE_REBUILD_H_
#define GUESTVOICE_SERVICE_FEEDBACK_AGGREGATE_REBUILD_H_

// Rebuilding the insight pre-aggregates from the feedback items, the source
// of truth: how a store of an older schema gets today's aggregate layout
// (schema 1 kept one key per voice and day; storage/store.h).

#include <cstdint>

#include "absl/status/statusor.h"
#include "storage/store.h"

namespace guestvoice::service {

// Clears the aggregates family, then adds every stored item's contribution
// to the voice it counts for now (so links, merges and erasures made before
// are kept), in batches of a bounded size. Returns the number of items read.
// The caller must be the store's only user meanwhile. Safe to repeat after a
// crash: it starts from an empty family each time.
absl::StatusOr<int64_t> RebuildAggregates(storage::Store& store);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_AGGREGATE_REBUILD_H_
