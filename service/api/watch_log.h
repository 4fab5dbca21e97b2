#ifndef GUESTVOICE_SERVICE_API_WATCH_LOG_H_
#define GUESTVOICE_SERVICE_API_WATCH_LOG_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "guestvoice/v1/feedback_service.pb.h"
#include "service/feedback/filter.h"

namespace guestvoice::service {

// The one bounded log of newly stored feedback that every WatchFeedback
// stream reads with a cursor of its own (as etcd's watchable store does).
// Appending costs the same whatever the number of watchers, and the log's
// memory is bounded in total: when it holds more than `max_items` items or
// `max_bytes` bytes the oldest item goes, whether or not a watcher has read
// it. A watcher left behind learns how many items it missed on its next
// message. Only organizations with a watcher have their items kept: for the
// others an append just counts the item, so ingestion that nobody watches
// copies nothing. Thread-safe.
class WatchLog {
 public:
  struct Limits {
    size_t max_items = 1024;
    size_t max_bytes = size_t{16} << 20;
  };

  // Where one watcher is: the next item it will examine, and what it missed.
  struct Cursor {
    uint64_t next = 0;
    // Every item of an organization is numbered 1, 2, ... in the order
    // appended: the number of the last item of the watcher's organization
    // it examined. A jump in that numbering is what it missed.
    uint64_t last_examined = 0;
    // Missed since the watcher's previous message, for the next one.
    int64_t missed = 0;
  };

  struct Stats {
    size_t items = 0;
    size_t bytes = 0;
  };

  explicit WatchLog(Limits limits);

  // A cursor for a new watcher of `organization`: it sees the items
  // appended from now on, which the log keeps until the watcher calls
  // Unfollow (once, when it ends).
  Cursor Follow(std::string_view organization);
  void Unfollow(std::string_view organization);

  // Appends a newly stored item of `organization`, dropping the oldest items
  // beyond the limits. Returns false, having kept nothing, when no watcher
  // follows the organization.
  bool Append(std::string_view organization, const v1::Feedback& feedback);

  // The next message for a watcher through `filter` at `cursor`: the first
  // item from the cursor on that passes the filter, with missed_count, and
  // the cursor moved past it. nullopt (the cursor moved past what was
  // examined) when no such item has been appended yet.
  //
  // missed_count counts the items of the watcher's organization that were
  // dropped before the watcher examined them; a watcher with filters cannot
  // tell which of those would have passed, so it counts them all.
  std::optional<v1::WatchFeedbackResponse> Next(
      Cursor& cursor, const FeedbackFilter& filter) const;

  Stats stats() const;

 private:
  struct Item {
    std::string organization;
    uint64_t number_in_organization;
    v1::Feedback feedback;
    size_t bytes;
  };

  const Limits limits_;
  mutable absl::Mutex mutex_;
  // items_[i] has sequence number first_ + i.
  std::deque<Item> items_ ABSL_GUARDED_BY(mutex_);
  uint64_t first_ ABSL_GUARDED_BY(mutex_) = 0;
  size_t bytes_ ABSL_GUARDED_BY(mutex_) = 0;
  // Items appended per organization, ever (bounded by the organizations).
  absl::flat_hash_map<std::string, uint64_t> appended_ ABSL_GUARDED_BY(mutex_);
  // Watchers per organization; organizations without one are absent.
  absl::flat_hash_map<std::string, size_t> followers_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_WATCH_LOG_H_
