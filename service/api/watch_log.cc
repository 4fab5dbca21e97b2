#include "service/api/watch_log.h"

#include <algorithm>
#include <utility>

#include "common/absl_view.h"

namespace guestvoice::service {
namespace {

// What an item costs the log beyond its encoded size: the deque slot, the
// organization string, the message's own bookkeeping.
constexpr size_t kItemOverheadBytes = 128;

}  // namespace

WatchLog::WatchLog(Limits limits)
    : limits_{.max_items = std::max<size_t>(limits.max_items, 1),
              .max_bytes = limits.max_bytes} {}

WatchLog::Cursor WatchLog::Follow(std::string_view organization) {
  absl::MutexLock lock(&mutex_);
  ++followers_[AbslView(organization)];
  const auto appended = appended_.find(AbslView(organization));
  return Cursor{
      .next = first_ + items_.size(),
      .last_examined = appended == appended_.end() ? 0 : appended->second,
  };
}

void WatchLog::Unfollow(std::string_view organization) {
  absl::MutexLock lock(&mutex_);
  const auto followers = followers_.find(AbslView(organization));
  if (followers != followers_.end() && --followers->second == 0) {
    followers_.erase(followers);
  }
}

bool WatchLog::Append(std::string_view organization,
                      const v1::Feedback& feedback) {
  absl::MutexLock lock(&mutex_);
  const uint64_t number = ++appended_[AbslView(organization)];
  if (!followers_.contains(AbslView(organization))) return false;
  const size_t bytes = feedback.ByteSizeLong() + kItemOverheadBytes;
  items_.push_back(Item{.organization = std::string(organization),
                        .number_in_organization = number,
                        .feedback = feedback,
                        .bytes = bytes});
  bytes_ += bytes;
  // The newest item always stays, however large: a watcher must be able to
  // see the feedback that was just stored.
  while (items_.size() > 1 &&
         (items_.size() > limits_.max_items || bytes_ > limits_.max_bytes)) {
    bytes_ -= items_.front().bytes;
    items_.pop_front();
    ++first_;
  }
  return true;
}

std::optional<v1::WatchFeedbackResponse> WatchLog::Next(
    Cursor& cursor, const FeedbackFilter& filter) const {
  absl::ReaderMutexLock lock(&mutex_);
  cursor.next = std::max(cursor.next, first_);
  const uint64_t end = first_ + items_.size();
  for (; cursor.next < end; ++cursor.next) {
    const Item& item = items_[cursor.next - first_];
    if (item.organization != filter.organization) continue;
    cursor.missed += static_cast<int64_t>(item.number_in_organization -
                                          cursor.last_examined - 1);
    cursor.last_examined = item.number_in_organization;
    if (!MatchesIgnoringTime(filter, item.feedback)) continue;
    v1::WatchFeedbackResponse response;
    *response.mutable_feedback() = item.feedback;
    response.set_missed_count(std::exchange(cursor.missed, 0));
    ++cursor.next;
    return response;
  }
  return std::nullopt;
}

WatchLog::Stats WatchLog::stats() const {
  absl::ReaderMutexLock lock(&mutex_);
  return Stats{.items = items_.size(), .bytes = bytes_};
}

}  // namespace guestvoice::service
