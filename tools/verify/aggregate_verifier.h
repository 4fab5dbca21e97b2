#ifndef GUESTVOICE_TOOLS_VERIFY_AGGREGATE_VERIFIER_H_
#define GUESTVOICE_TOOLS_VERIFY_AGGREGATE_VERIFIER_H_

// Recomputes every insight pre-aggregate (each entry of every day and month
// block, service/feedback/aggregates.h) and every entry of the attention
// index (service/feedback/attention_index.h) from the stored feedback records
// and their current attribution, independently of the ingest code, and
// compares them with what the store holds.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/store.h"

namespace guestvoice::verify {

struct VerifyReport {
  int64_t organizations = 0;
  int64_t feedback_items = 0;
  // Block entries compared (expected or stored, with non-zero counters).
  int64_t aggregates = 0;
  // Attention-index entries compared (expected or stored).
  int64_t attention_entries = 0;
  // One line per entry whose stored counters differ from the recomputed ones,
  // and per attention entry missing, unexpected or naming another hotel.
  std::vector<std::string> differences;
};

absl::StatusOr<VerifyReport> VerifyAggregates(const storage::Store& store);

}  // namespace guestvoice::verify

#endif  // GUESTVOICE_TOOLS_VERIFY_AGGREGATE_VERIFIER_H_
