#include "service/insights/hotel_fanout.h"

#include <atomic>
#include <thread>
#include <vector>

namespace guestvoice::service {

absl::Status ReadHotelsOnTwoThreads(
    size_t count, const CallCancellation& cancellation,
    absl::FunctionRef<absl::Status(size_t)> read) {
  std::vector<absl::Status> statuses(count);
  // Both threads take the next unread hotel, so a large hotel on one thread
  // does not leave the other idle.
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < count; i = next++) {
      statuses[i] = cancellation.Check();
      if (!statuses[i].ok()) {
        next = count;  // the caller has gone: neither thread reads on
        return;
      }
      statuses[i] = read(i);
    }
  };
  if (count >= kFanoutHotels) {
    std::thread helper(work);
    work();
    helper.join();
  } else {
    work();
  }
  for (absl::Status& status : statuses) {
    if (!status.ok()) return status;
  }
  return absl::OkStatus();
}

}  // namespace guestvoice::service
