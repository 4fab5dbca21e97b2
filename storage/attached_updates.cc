#include "storage/attached_updates.h"

#include <cassert>
#include <utility>

namespace guestvoice::storage {
namespace {

thread_local AttachedUpdates* current_scope = nullptr;

}  // namespace

AttachedUpdates::AttachedUpdates(WriteBatch updates)
    : updates_(std::move(updates)) {
  assert(current_scope == nullptr && "AttachedUpdates scopes do not nest");
  current_scope = this;
}

AttachedUpdates::~AttachedUpdates() { current_scope = nullptr; }

AttachedUpdates* AttachedUpdates::Current() { return current_scope; }

}  // namespace guestvoice::storage
