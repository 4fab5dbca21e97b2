#ifndef GUESTVOICE_STORAGE_ATTACHED_UPDATES_H_
#define GUESTVOICE_STORAGE_ATTACHED_UPDATES_H_

#include "storage/write_batch.h"

namespace guestvoice::storage {

// While one of these lives on a thread, the first Store::Write on that thread
// writes the scope's updates in the same RocksDB batch as the caller's, so
// that both are durable together or not at all, and every later Store::Write
// on the thread fails with INTERNAL without writing anything. The cluster
// mode's apply step relies on it (service/cluster/command_applier.h): a
// command's changes and the partition's next offset land in one WriteBatch,
// so a crash can never leave a command applied without its offset (applied
// twice on restart) or the offset stored without the command (skipped). A
// mutation that wrote two batches would break that, so the second one is
// refused rather than written without the offset.
//
// One scope per thread at a time; it lives on the stack of the thread it
// covers.
class AttachedUpdates {
 public:
  explicit AttachedUpdates(WriteBatch updates);
  ~AttachedUpdates();
  AttachedUpdates(const AttachedUpdates&) = delete;
  AttachedUpdates& operator=(const AttachedUpdates&) = delete;

  // Whether a Store::Write in the scope has written the updates.
  bool written() const { return written_; }
  // Whether a Store::Write in the scope failed: the store, not the caller's
  // logic, is in trouble, and the updates are not written.
  bool write_failed() const { return write_failed_; }

  // For the Store: the scope covering this thread, or nullptr.
  static AttachedUpdates* Current();
  const WriteBatch& updates() const { return updates_; }
  void NoteWritten() { written_ = true; }
  void NoteWriteFailed() { write_failed_ = true; }

 private:
  WriteBatch updates_;
  bool written_ = false;
  bool write_failed_ = false;
};

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_ATTACHED_UPDATES_H_
