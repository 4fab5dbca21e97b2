#include "storage/memory_only_reads.h"

#include <cassert>

namespace guestvoice::storage {
namespace {

thread_local MemoryOnlyReads* current_scope = nullptr;

}  // namespace

MemoryOnlyReads::MemoryOnlyReads(Reach reach) : reach_(reach) {
  assert(current_scope == nullptr && "MemoryOnlyReads scopes do not nest");
  current_scope = this;
}

MemoryOnlyReads::~MemoryOnlyReads() { current_scope = nullptr; }

MemoryOnlyReads* MemoryOnlyReads::Current() { return current_scope; }

}  // namespace guestvoice::storage
