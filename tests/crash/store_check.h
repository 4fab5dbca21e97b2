#ifndef GUESTVOICE_TESTS_CRASH_STORE_CHECK_H_
#define GUESTVOICE_TESTS_CRASH_STORE_CHECK_H_

#include <grpcpp/channel.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tests/crash/ledger.h"

namespace guestvoice::crash {

// What a check found wrong, one line per write.
struct Discrepancies {
  // Acknowledged writes the server does not have.
  std::vector<std::string> lost;
  // Writes the server holds more than once.
  std::vector<std::string> duplicated;
};

// Compares a running server with everything acknowledged: each feedback item
// listed exactly once (ListFeedback) and counted once by the insights
// (GetHotelSummary of each hotel), case states, and each guest's identities,
// stays, check-ins, merges (ExportGuest) and loyalty status; merged guests
// gone. Fails only when the server cannot be asked.
absl::StatusOr<Discrepancies> CheckAcknowledged(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& key,
    const std::vector<std::string>& hotels, const Expected& expected);

}  // namespace guestvoice::crash

#endif  // GUESTVOICE_TESTS_CRASH_STORE_CHECK_H_
