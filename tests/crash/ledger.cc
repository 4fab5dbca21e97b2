#include "tests/crash/ledger.h"

#include <algorithm>

namespace guestvoice::crash {

void Ledger::Feedback(const std::string& external_id,
                      const std::string& hotel) {
  absl::MutexLock lock(&mutex_);
  if (expected_.feedback_hotels.emplace(external_id, hotel).second) Count();
}

void Ledger::Guest(const std::string& name) {
  absl::MutexLock lock(&mutex_);
  if (expected_.guests.emplace(name, ExpectedGuest{}).second) Count();
}

void Ledger::Link(const std::string& guest, const std::string& email) {
  absl::MutexLock lock(&mutex_);
  if (expected_.guests[guest].emails.insert(email).second) Count();
}

void Ledger::Stay(const std::string& guest,
                  const std::string& booking_reference) {
  absl::MutexLock lock(&mutex_);
  std::vector<std::string>& stays = expected_.guests[guest].stay_bookings;
  if (std::find(stays.begin(), stays.end(), booking_reference) == stays.end()) {
    stays.push_back(booking_reference);
    Count();
  }
}

void Ledger::CheckIn(const std::string& guest, const std::string& external_id) {
  absl::MutexLock lock(&mutex_);
  std::vector<std::string>& check_ins = expected_.guests[guest].check_in_ids;
  if (std::find(check_ins.begin(), check_ins.end(), external_id) ==
      check_ins.end()) {
    check_ins.push_back(external_id);
    Count();
  }
}

void Ledger::Merge(const std::string& survivor, const std::string& merged) {
  absl::MutexLock lock(&mutex_);
  if (!expected_.merged_away.insert(merged).second) return;
  ExpectedGuest& into = expected_.guests[survivor];
  ExpectedGuest from = std::move(expected_.guests[merged]);
  expected_.guests.erase(merged);
  into.emails.merge(from.emails);
  into.stay_bookings.insert(into.stay_bookings.end(),
                            from.stay_bookings.begin(),
                            from.stay_bookings.end());
  into.check_in_ids.insert(into.check_in_ids.end(), from.check_in_ids.begin(),
                           from.check_in_ids.end());
  into.merged_guests.merge(from.merged_guests);
  into.merged_guests.insert(merged);
  Count();
}

void Ledger::Case(const std::string& feedback, v1::CaseState state) {
  absl::MutexLock lock(&mutex_);
  if (!case_updates_.emplace(feedback, state).second) return;
  // States only move forward (OPEN < ACKNOWLEDGED < RESOLVED).
  v1::CaseState& furthest = expected_.case_states[feedback];
  furthest = std::max(furthest, state);
  Count();
}

int64_t Ledger::acknowledged() const {
  absl::MutexLock lock(&mutex_);
  return acknowledged_;
}

bool Ledger::AwaitAcknowledged(int64_t count, absl::Time deadline) const {
  absl::MutexLock lock(&mutex_);
  auto reached = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    return acknowledged_ >= count;
  };
  return mutex_.AwaitWithDeadline(absl::Condition(&reached), deadline);
}

Expected Ledger::expected() const {
  absl::MutexLock lock(&mutex_);
  return expected_;
}

}  // namespace guestvoice::crash
