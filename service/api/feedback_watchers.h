#ifndef GUESTVOICE_SERVICE_API_FEEDBACK_WATCHERS_H_
#define GUESTVOICE_SERVICE_API_FEEDBACK_WATCHERS_H_

#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/server_callback.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "absl/container/flat_hash_set.h"
#include "absl/functional/any_invocable.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/bounded_executor.h"
#include "common/clock.h"
#include "service/api/held_counts.h"
#include "service/api/stream_call_report.h"
#include "service/api/watch_log.h"
#include "service/cluster/applied_progress.h"
#include "service/cluster/command_producer.h"
#include "service/core/principal.h"
#include "service/feedback/filter.h"
#include "service/feedback/publisher.h"

namespace guestvoice::service {

// The open WatchFeedback streams. Ingestion appends each stored item to one
// shared WatchLog and raises a flag, nothing more, so its cost does not
// depend on the number of watchers; a dispatcher thread then lets every
// watcher that is not busy writing read on from its cursor. A watcher whose
// client does not read holds one message in flight and its cursor, never a
// queue of its own. The number of watchers is capped in total, per API key
// and per organization. A watch ends when its key is revoked (EndWatchesOfKey),
// and when its key has expired: before the watch would send an item, and
// within Limits::key_expiry_check_interval of the expiry when none comes.
class FeedbackWatchers final : public FeedbackPublisher {
 public:
  struct Limits {
    WatchLog::Limits log;
    // Open watch streams at most, in total, per API key and per
    // organization (its keys together: minting keys does not let one
    // tenant take every slot).
    size_t max_watchers = 1000;
    size_t max_watchers_per_key = 50;
    size_t max_watchers_per_organization = 500;
    // How often the dispatcher ends the watches whose key has expired while
    // no item came (an idle watch outlives its key by at most this long).
    absl::Duration key_expiry_check_interval = absl::Seconds(1);
  };

  // `clock` tells when a watch's key has expired.
  FeedbackWatchers(Limits limits, const Clock& clock);
  FeedbackWatchers(const FeedbackWatchers&) = delete;
  FeedbackWatchers& operator=(const FeedbackWatchers&) = delete;
  // Every watch call must be done (the gRPC server shut down) by then.
  ~FeedbackWatchers();

  // Who watches what: what a watch call's checks (authentication, the
  // request's filter) come to.
  struct WatchStart {
    Principal caller;
    FeedbackFilter filter;
  };
  using StartWatch = absl::AnyInvocable<absl::StatusOr<WatchStart>() &&>;

  // The reactor of a new watch call; gRPC owns it until the call is done.
  // Once `applied` has applied `token` (when there is one: the cluster mode;
  // the call waits on no thread, and a cancellation ends the wait at once),
  // `start` runs on `executor` (its checks read the store, which gRPC's
  // callback threads must not) and says who watches what, and the watch
  // registers or finishes with start's error. Finishes with
  // RESOURCE_EXHAUSTED (LIMIT_EXCEEDED) when `executor`'s queue is full or
  // a cap on watchers is reached, and with UNAVAILABLE after Shutdown. The
  // call reports to `report` as it ends.
  grpc::ServerWriteReactor<grpc::ByteBuffer>* Watch(
      BoundedExecutor& executor, cluster::AppliedProgress* applied,
      const std::optional<cluster::RecordPosition>& token, StartWatch start,
      std::unique_ptr<StreamCallReport> report);

  // Appends a newly stored or edited item of `organization` to the log:
  // watchers see an edit as the item again, with its edit_time.
  void Publish(std::string_view organization, const v1::Feedback& feedback,
               FeedbackChange change) override;

  // Finishes every watch opened with the API key `api_key_name` with
  // UNAUTHENTICATED (API_KEY_INVALID): the key was revoked, and a stream it
  // opened must carry no more feedback. A watch of the key that registers
  // later (its start authenticated just before the revocation) is refused
  // the same way.
  void EndWatchesOfKey(std::string_view api_key_name);

  // Finishes every watcher with UNAVAILABLE, and every later one at once.
  void Shutdown();

  // What the watchers hold, for tests and monitoring.
  WatchLog::Stats log_stats() const { return log_.stats(); }
  size_t watcher_count() const;

 private:
  class Watcher;
  // Registers `watcher` for `caller` through `filter` and starts it, or says
  // why not (a cap, Shutdown).
  absl::Status Register(Watcher* watcher, const Principal& caller,
                        FeedbackFilter filter);
  void Remove(Watcher* watcher);
  // The dispatcher thread: after each append, every watcher reads on.
  void Dispatch();
  bool AppendedOrStopping() const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(appended_mutex_) {
    return appended_ || stopping_;
  }

  const Limits limits_;
  const Clock& clock_;
  WatchLog log_;

  // Raised by Publish, lowered by the dispatcher; its own mutex, so that
  // ingestion never waits for the watchers' registry.
  absl::Mutex appended_mutex_;
  bool appended_ ABSL_GUARDED_BY(appended_mutex_) = false;
  bool stopping_ ABSL_GUARDED_BY(appended_mutex_) = false;

  mutable absl::Mutex mutex_;
  absl::flat_hash_set<Watcher*> watchers_ ABSL_GUARDED_BY(mutex_);
  // The keys EndWatchesOfKey was told of: revoked keys, one name each
  // (revocations are rare), never to watch again.
  absl::flat_hash_set<std::string> revoked_keys_ ABSL_GUARDED_BY(mutex_);
  HeldCounts per_key_ ABSL_GUARDED_BY(mutex_);
  HeldCounts per_organization_ ABSL_GUARDED_BY(mutex_);
  bool shut_down_ ABSL_GUARDED_BY(mutex_) = false;

  std::thread dispatcher_;
};

// A write reactor that finishes with `status` as soon as it starts, for watch
// calls refused before they begin; the call is reported to `report` first.
grpc::ServerWriteReactor<grpc::ByteBuffer>* RefuseWatch(
    const absl::Status& status, StreamCallReport& report);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_FEEDBACK_WATCHERS_H_
