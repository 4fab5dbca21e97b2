#ifndef GUESTVOICE_SERVICE_CLUSTER_APPLIED_TIMES_H_
#define GUESTVOICE_SERVICE_CLUSTER_APPLIED_TIMES_H_

// A cluster node's applied time per organization: the latest receive time
// among the organization's commands it applied since it started. Request-id
// records expire against it, never against the wall clock (docs/cluster.md,
// "What comes next", 1): whether a retried request_id is still remembered is
// decided by its command's receive time, so a node replaying an old log (one
// added later, or catching up) must still hold every record that command's
// receive time calls live, however late it applies it.

#include <optional>
#include <string>
#include <string_view>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace guestvoice::service::cluster {

class AppliedTimes {
 public:
  // How much earlier than one applied before it a command's receive time may
  // be: the clock skew between receiving nodes plus the producer's delivery
  // timeout, with room to spare. Records expire this much later than the
  // applied time alone would say.
  static constexpr absl::Duration kReceiveTimeSkew = absl::Hours(1);

  // Records that this node applied a command of `org_id` received at
  // `receive_time`. Any thread.
  void Advance(std::string_view org_id, absl::Time receive_time);

  // The time `org_id`'s request records expire by now: its latest applied
  // receive time less kReceiveTimeSkew; nullopt while this node applied
  // none of its commands since it started (nothing of it expires then).
  // Any thread (RocksDB's compaction threads).
  std::optional<absl::Time> ExpiryNow(std::string_view org_id) const;

 private:
  mutable absl::Mutex mutex_;
  absl::flat_hash_map<std::string, absl::Time> latest_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_APPLIED_TIMES_H_
