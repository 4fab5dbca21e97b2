#ifndef GUESTVOICE_TESTS_CRASH_LEDGER_H_
#define GUESTVOICE_TESTS_CRASH_LEDGER_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "guestvoice/v1/feedback.pb.h"

namespace guestvoice::crash {

// What a surviving guest must hold: everything acknowledged for it and for
// the guests merged into it.
struct ExpectedGuest {
  std::set<std::string> emails;
  std::vector<std::string> stay_bookings;
  std::vector<std::string> check_in_ids;
  std::set<std::string> merged_guests;
};

// The state every acknowledged write implies, to compare with the store.
struct Expected {
  // Feedback external id -> its hotel.
  std::map<std::string, std::string> feedback_hotels;
  // Feedback name -> the furthest case state acknowledged for it.
  std::map<std::string, v1::CaseState> case_states;
  // Guest name -> what it holds; guests merged away are not here.
  std::map<std::string, ExpectedGuest> guests;
  // Names of guests merged into another; they must be gone.
  std::set<std::string> merged_away;
};

// Every write the server acknowledged, across all cycles. Thread-safe: the
// writers record into it concurrently. Recording a write twice (a retry the
// server answers with the stored resource) counts it once.
class Ledger {
 public:
  void Feedback(const std::string& external_id, const std::string& hotel);
  void Guest(const std::string& name);
  void Link(const std::string& guest, const std::string& email);
  void Stay(const std::string& guest, const std::string& booking_reference);
  void CheckIn(const std::string& guest, const std::string& external_id);
  void Merge(const std::string& survivor, const std::string& merged);
  void Case(const std::string& feedback, v1::CaseState state);

  // Distinct writes acknowledged so far.
  int64_t acknowledged() const;
  // Waits until acknowledged() >= count; false when `deadline` came first.
  bool AwaitAcknowledged(int64_t count, absl::Time deadline) const;

  Expected expected() const;

 private:
  void Count() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) { ++acknowledged_; }

  mutable absl::Mutex mutex_;
  int64_t acknowledged_ ABSL_GUARDED_BY(mutex_) = 0;
  Expected expected_ ABSL_GUARDED_BY(mutex_);
  // (feedback name, state) pairs acknowledged, so that each counts once.
  std::set<std::pair<std::string, v1::CaseState>> case_updates_
      ABSL_GUARDED_BY(mutex_);
};

}  // namespace guestvoice::crash

#endif  // GUESTVOICE_TESTS_CRASH_LEDGER_H_
