#ifndef GUESTVOICE_SERVICE_INSIGHTS_READERS_H_
#define GUESTVOICE_SERVICE_INSIGHTS_READERS_H_

// Per-voice totals of one hotel over whole days, summed from the
// pre-aggregates (one range scan each; raw feedback is never read), and the
// recent negative clauses of the quote index.

#include <cstddef>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "guestvoice/v1/feedback.pb.h"
#include "service/insights/interval.h"
#include "service/insights/voice_stats.h"
#include "storage/store.h"

namespace guestvoice::service {

absl::StatusOr<VoiceTotals> ReadVoiceTotals(const storage::Store& store,
                                            std::string_view organization,
                                            std::string_view hotel,
                                            const DayRange& days,
                                            const storage::Snapshot* snapshot);

absl::StatusOr<AspectVoiceTotals> ReadAspectVoiceTotals(
    const storage::Store& store, std::string_view organization,
    std::string_view hotel, const DayRange& days,
    const storage::Snapshot* snapshot);

struct TimedQuote {
  absl::Time post_time;
  v1::AspectMention mention;
};

// At most `limit` negative clauses about `aspect` at `hotel` posted in
// [bounds.start, bounds.end), newest first.
absl::StatusOr<std::vector<TimedQuote>> ReadRecentQuotes(
    const storage::Store& store, std::string_view organization,
    std::string_view hotel, std::string_view aspect, const TimeBounds& bounds,
    size_t limit, const storage::Snapshot* snapshot);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_INSIGHTS_READERS_H_
