#include "tests/testing/full_disk_file_system.h"

#include <filesystem>
#include <system_error>
#include <utility>

namespace guestvoice::testing {

// Checks each write against the disk's space before passing it on.
class FullDiskFileSystem::File final
    : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  File(FullDiskFileSystem& disk, std::unique_ptr<rocksdb::FSWritableFile> file)
      : FSWritableFileOwnerWrapper(std::move(file)), disk_(disk) {}

  rocksdb::IOStatus Append(const rocksdb::Slice& data,
                           const rocksdb::IOOptions& options,
                           rocksdb::IODebugContext* debug) override {
    rocksdb::IOStatus space = disk_.Reserve(data.size());
    if (!space.ok()) return space;
    return FSWritableFileOwnerWrapper::Append(data, options, debug);
  }
  rocksdb::IOStatus Append(const rocksdb::Slice& data,
                           const rocksdb::IOOptions& options,
                           const rocksdb::DataVerificationInfo& verification,
                           rocksdb::IODebugContext* debug) override {
    rocksdb::IOStatus space = disk_.Reserve(data.size());
    if (!space.ok()) return space;
    return FSWritableFileOwnerWrapper::Append(data, options, verification,
                                              debug);
  }
  rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data,
                                     uint64_t offset,
                                     const rocksdb::IOOptions& options,
                                     rocksdb::IODebugContext* debug) override {
    rocksdb::IOStatus space = disk_.Reserve(data.size());
    if (!space.ok()) return space;
    return FSWritableFileOwnerWrapper::PositionedAppend(data, offset, options,
                                                        debug);
  }
  rocksdb::IOStatus PositionedAppend(
      const rocksdb::Slice& data, uint64_t offset,
      const rocksdb::IOOptions& options,
      const rocksdb::DataVerificationInfo& verification,
      rocksdb::IODebugContext* debug) override {
    rocksdb::IOStatus space = disk_.Reserve(data.size());
    if (!space.ok()) return space;
    return FSWritableFileOwnerWrapper::PositionedAppend(data, offset, options,
                                                        verification, debug);
  }

 private:
  FullDiskFileSystem& disk_;
};

FullDiskFileSystem::FullDiskFileSystem(std::string root, uint64_t capacity)
    : FileSystemWrapper(rocksdb::FileSystem::Default()),
      root_(std::move(root)),
      capacity_(capacity) {
  // The Env shares this file system without owning it: the test owns both.
  env_ = rocksdb::NewCompositeEnv(std::shared_ptr<rocksdb::FileSystem>(
      std::shared_ptr<rocksdb::FileSystem>(), this));
}

rocksdb::IOStatus FullDiskFileSystem::NewWritableFile(
    const std::string& path, const rocksdb::FileOptions& options,
    std::unique_ptr<rocksdb::FSWritableFile>* file,
    rocksdb::IODebugContext* debug) {
  std::unique_ptr<rocksdb::FSWritableFile> opened;
  rocksdb::IOStatus status =
      target()->NewWritableFile(path, options, &opened, debug);
  if (status.ok()) *file = std::make_unique<File>(*this, std::move(opened));
  return status;
}

uint64_t FullDiskFileSystem::UsedBytes() const {
  uint64_t used = 0;
  std::error_code error;
  for (std::filesystem::recursive_directory_iterator entry(root_, error), end;
       !error && entry != end; entry.increment(error)) {
    if (entry->is_regular_file(error)) used += entry->file_size(error);
  }
  return used;
}

rocksdb::IOStatus FullDiskFileSystem::Reserve(uint64_t bytes) {
  // Files are written straight through (no cache here), so what is on disk
  // is everything written so far.
  if (UsedBytes() + bytes <= capacity_) return rocksdb::IOStatus::OK();
  ++refused_writes_;
  return rocksdb::IOStatus::NoSpace("While appending to a file in " + root_,
                                    "No space left on device");
}

}  // namespace guestvoice::testing
