#ifndef GUESTVOICE_SERVICE_API_IMPORT_STREAMS_H_
#define GUESTVOICE_SERVICE_API_IMPORT_STREAMS_H_

#include <atomic>
#include <cstddef>
#include <string_view>

#include "absl/synchronization/mutex.h"
#include "service/api/held_counts.h"

namespace guestvoice::service {

// The caps on ImportFeedback streams. Each open stream holds a reactor and
// its results until it ends, so their number is capped; and a stream's
// response carries one result per item and must fit in one message, so the
// items one stream carries are capped too.
class ImportStreams {
 public:
  struct Limits {
    // Streams open at once; more are RESOURCE_EXHAUSTED.
    size_t max_streams = 64;
    // Streams one organization holds open at once (its keys together), so
    // that one tenant, however many keys it mints, leaves slots to others;
    // half of them, so that the one tenant of most deployments still has
    // many.
    size_t max_streams_per_organization = 32;
    // Items one stream carries: the server answers after this many with
    // their results and reads no more (about 70 bytes of response each,
    // well inside the 4 MiB message limit).
    size_t max_items_per_stream = 10'000;
    // Items of one stream started and not yet completed: in the cluster
    // mode each waits for its command to be applied, and the stream is read
    // on (its items produced ahead of their acknowledgements) until this
    // many wait; then it is not read until one completes, so a client
    // cannot queue without bound. The embedded mode completes each item
    // before reading the next.
    size_t max_items_in_flight_per_stream = 64;
  };

  explicit ImportStreams(Limits limits) : limits_(limits) {}

  // Takes a slot for a new stream: false when every slot is taken.
  bool TryOpen() {
    size_t open = open_.load();
    do {
      if (open >= limits_.max_streams) return false;
    } while (!open_.compare_exchange_weak(open, open + 1));
    return true;
  }

  // Gives back the slot of a stream TryOpen admitted.
  void Close() { --open_; }

  // Takes one of `organization`'s slots for an authenticated stream (which
  // holds a TryOpen slot too): false when the organization holds its share.
  bool TryOpenFor(std::string_view organization);
  // Gives back a slot TryOpenFor took.
  void CloseFor(std::string_view organization);

  size_t max_items_per_stream() const { return limits_.max_items_per_stream; }
  size_t max_items_in_flight_per_stream() const {
    return limits_.max_items_in_flight_per_stream;
  }

 private:
  const Limits limits_;
  std::atomic<size_t> open_{0};
  absl::Mutex mutex_;
  HeldCounts open_per_organization_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_IMPORT_STREAMS_H_
