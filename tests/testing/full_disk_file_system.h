#ifndef GUESTVOICE_TESTS_TESTING_FULL_DISK_FILE_SYSTEM_H_
#define GUESTVOICE_TESTS_TESTING_FULL_DISK_FILE_SYSTEM_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "rocksdb/env.h"
#include "rocksdb/file_system.h"

namespace guestvoice::testing {

// The local file system as if `root` were a disk of its own holding
// `capacity` bytes: a write that would take the bytes of the files under
// `root` past it fails as a full disk does, with RocksDB's NoSpace (what its
// POSIX file system makes of ENOSPC). Deleting files frees their bytes, and
// the capacity can be changed (more space) at any time. Nothing else differs:
// every file is real. For tests of what a full backup disk does without
// filling a real disk; pass env() where backups are written.
class FullDiskFileSystem : public rocksdb::FileSystemWrapper {
 public:
  FullDiskFileSystem(std::string root, uint64_t capacity);

  static const char* kClassName() { return "FullDiskFileSystem"; }
  const char* Name() const override { return kClassName(); }

  rocksdb::IOStatus NewWritableFile(
      const std::string& path, const rocksdb::FileOptions& options,
      std::unique_ptr<rocksdb::FSWritableFile>* file,
      rocksdb::IODebugContext* debug) override;

  void set_capacity(uint64_t capacity) { capacity_ = capacity; }
  // Writes refused so far for want of space.
  int refused_writes() const { return refused_writes_; }
  // The bytes of the files under root now.
  uint64_t UsedBytes() const;

  // An Env that writes through this file system (and does the rest as
  // RocksDB's default one).
  rocksdb::Env* env() { return env_.get(); }

 private:
  class File;
  // NoSpace when `bytes` more would not fit.
  rocksdb::IOStatus Reserve(uint64_t bytes);

  const std::string root_;
  std::atomic<uint64_t> capacity_;
  std::atomic<int> refused_writes_ = 0;
  std::unique_ptr<rocksdb::Env> env_;
};

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_TESTING_FULL_DISK_FILE_SYSTEM_H_
