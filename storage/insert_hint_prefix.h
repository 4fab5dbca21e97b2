#ifndef GUESTVOICE_STORAGE_INSERT_HINT_PREFIX_H_
#define GUESTVOICE_STORAGE_INSERT_HINT_PREFIX_H_

// Where a memtable insert starts looking (RocksDB's
// memtable_insert_with_hint_prefix_extractor): RocksDB keeps the position of
// the last insert of each prefix and starts the next insert with that prefix
// there, instead of at the top of the memtable's skip list, which costs an
// ingest ~15k instructions per key. The prefix names a group of keys that
// ingests insert next to one another (key_codec.h draws them):
//
//   the organization's time index         str(org) kind
//   one hotel's newest-first index        str(org) kind str(hotel)
//   one case state's index                str(org) kind u32(state)
//   one author voice's items and repeats  str(org) kind str(voice)
//   one hotel's quotes about one aspect   str(org) kind str(hotel) str(aspect)
//
// Newest-first entries of one group land at its front as time goes on, an
// author's next entry beside the earlier ones. Other keys (an item, its dedupe
// entry: random ids) are outside the domain and inserted without a hint. Only
// where inserts begin changes, never what the memtable holds.
//
// RocksDB 7.8 keeps one insert position per prefix for a memtable's point
// entries and its range deletions alike, so a range deletion that began at a
// key inside the domain would start its search at a position in the other
// skip list and corrupt it (StoreTest.ClearFamily* aborted on RocksDB's
// assertions in 4 of 5 runs). The one range deletion the store writes,
// Store::ClearFamily's, begins at the empty key, which neither transform
// here accepts: keep it so.

#include "rocksdb/slice_transform.h"

namespace guestvoice::storage {

// For the feedback family's keys; a key of another kind, or one that does not
// decode, is outside the domain.
const rocksdb::SliceTransform* NewFeedbackInsertHintPrefix();

// The whole key, for the aggregates family, where every ingest merges into
// blocks that earlier ingests merged into: each operand is inserted beside
// the previous one of its key. The empty key is outside the domain.
const rocksdb::SliceTransform* NewWholeKeyInsertHint();

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_INSERT_HINT_PREFIX_H_
