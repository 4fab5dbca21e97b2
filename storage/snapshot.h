#ifndef GUESTVOICE_STORAGE_SNAPSHOT_H_
#define GUESTVOICE_STORAGE_SNAPSHOT_H_

#include <cstdint>

#include "rocksdb/db.h"

namespace guestvoice::storage {

// A consistent point-in-time view for several Gets and Scans; released when
// destroyed. Must not outlive the Store that made it.
class Snapshot {
 public:
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;
  ~Snapshot() { db_->ReleaseSnapshot(snapshot_); }

  // RocksDB's sequence number of the view: it sees every write up to it.
  uint64_t sequence() const { return snapshot_->GetSequenceNumber(); }

 private:
  friend class Store;

  Snapshot(rocksdb::DB* db, const rocksdb::Snapshot* snapshot)
      : db_(db), snapshot_(snapshot) {}

  rocksdb::DB* const db_;
  const rocksdb::Snapshot* const snapshot_;
};

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_SNAPSHOT_H_
