#ifndef GUESTVOICE_STORAGE_MEMORY_ONLY_READS_H_
#define GUESTVOICE_STORAGE_MEMORY_ONLY_READS_H_

namespace guestvoice::storage {

// While one of these lives on a thread, the Store's reads on that thread
// never wait for the disk: they answer from the memtables and the block cache
// (RocksDB's kBlockCacheTier), and a read that needs a block from a file
// fails with ABORTED instead, which the scope remembers. This lets a caller
// try a short read on a thread that must not block (gRPC's callback threads)
// and redo it elsewhere only when it turns out to need the disk.
//
// One scope per thread at a time; it lives on the stack of the thread it
// covers.
class MemoryOnlyReads {
 public:
  MemoryOnlyReads();
  ~MemoryOnlyReads();
  MemoryOnlyReads(const MemoryOnlyReads&) = delete;
  MemoryOnlyReads& operator=(const MemoryOnlyReads&) = delete;

  // Whether a read in the scope needed the disk and failed. Whatever was
  // computed from the scope's reads is then incomplete, even where the error
  // was handled or dropped along the way, and must be redone outside it.
  bool needed_disk() const { return needed_disk_; }

  // For the Store: the scope covering this thread, or nullptr.
  static MemoryOnlyReads* Current();
  void NoteNeededDisk() { needed_disk_ = true; }

 private:
  bool needed_disk_ = false;
};

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_MEMORY_ONLY_READS_H_
