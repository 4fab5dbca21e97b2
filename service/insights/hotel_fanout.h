#ifndef GUESTVOICE_SERVICE_INSIGHTS_HOTEL_FANOUT_H_
#define GUESTVOICE_SERVICE_INSIGHTS_HOTEL_FANOUT_H_

// Organization-wide queries read each hotel's blocks independently: this
// spreads the hotels over the calling thread and one more, so such a query
// uses both cores of the machines guestvoice runs on. Callers keep one result
// slot per hotel and combine the slots in hotel order afterwards, so the
// figures do not depend on which thread read which hotel.

#include <cstddef>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "service/core/call_cancellation.h"

namespace guestvoice::service {

// Calls `read(i)` once for every i in [0, count), from this thread and, when
// count reaches kFanoutHotels, one helper thread started for the call (so a
// query never waits for a pool that other queries hold). `read` must only
// touch state of its own index. Checks `cancellation` before each hotel and
// reads no more once it fails. Returns the error of the lowest failing i.
absl::Status ReadHotelsOnTwoThreads(
    size_t count, const CallCancellation& cancellation,
    absl::FunctionRef<absl::Status(size_t)> read);

// Below this many hotels a second thread costs more than it saves.
inline constexpr size_t kFanoutHotels = 8;

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_INSIGHTS_HOTEL_FANOUT_H_
