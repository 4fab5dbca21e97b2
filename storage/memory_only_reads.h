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
  // How far the scope's reads may go.
  enum class Reach {
    // Whatever is in memory: point reads, scans, aggregate blocks, values
    // computed from them.
    kMemory,
    // Point reads from memory and values already computed in the read cache
    // (read_cache.h) only. A scan, a MultiGet, reading aggregate blocks or
    // computing a derived value the cache does not hold is refused with
    // ABORTED like a read that needs the disk: those cost what grows with the
    // data, which a thread that must stay responsive does not take on, while
    // a cached answer costs a lookup.
    kCachedAnswers,
  };

  explicit MemoryOnlyReads(Reach reach = Reach::kMemory);
  ~MemoryOnlyReads();
  MemoryOnlyReads(const MemoryOnlyReads&) = delete;
  MemoryOnlyReads& operator=(const MemoryOnlyReads&) = delete;

  // Whether a read in the scope was refused: it needed the disk, or more
  // than the scope's reach. Whatever was computed from the scope's reads is
  // then incomplete, even where the error was handled or dropped along the
  // way, and must be redone outside it.
  bool refused() const { return refused_; }

  Reach reach() const { return reach_; }

  // For the Store: the scope covering this thread, or nullptr.
  static MemoryOnlyReads* Current();
  void NoteRefused() { refused_ = true; }

 private:
  const Reach reach_;
  bool refused_ = false;
};

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_MEMORY_ONLY_READS_H_
