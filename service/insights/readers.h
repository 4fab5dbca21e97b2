#ifndef GUESTVOICE_SERVICE_INSIGHTS_READERS_H_
#define GUESTVOICE_SERVICE_INSIGHTS_READERS_H_

// Per-voice totals of one hotel over whole days, summed from the
// pre-aggregate blocks (service/feedback/aggregates.h: a bounded number of
// reads per hotel; raw feedback is never read), and the recent negative
// clauses of the quote index.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "guestvoice/v1/feedback.pb.h"
#include "service/insights/interval.h"
#include "service/insights/voice_stats.h"
#include "storage/store.h"

namespace guestvoice::service {

// Visits the voices of one hotel over `days`, each once and in voice order,
// with its totals.
absl::Status ForEachHotelVoice(
    const storage::Store& store, std::string_view organization,
    std::string_view hotel, const DayRange& days,
    const storage::Snapshot* snapshot,
    absl::FunctionRef<void(std::string_view voice, const VoiceCounters&)>
        visit);

// The index of `aspect` in AspectTaxonomy::Default().aspects(), or nullopt
// for an aspect the taxonomy no longer has.
std::optional<size_t> TaxonomyIndex(std::string_view aspect);

// One hotel's figures over `days`: every voice ForEachHotelVoice visits in
// one builder, or every (aspect, voice) in one builder per aspect of
// AspectTaxonomy::Default() (indexed as TaxonomyIndex gives; aspects the
// taxonomy no longer has are left out). Kept in the store's read cache beside
// the interval sum they come from (ReadDerivedFromIntervalSum), so a query
// over days whose blocks are unchanged reads a hotel's figures with one
// lookup instead of a pass over its voices, and gets the builder such a pass
// would give, byte for byte.
using HotelVoiceStats = std::shared_ptr<const VoiceStatsBuilder>;
absl::StatusOr<HotelVoiceStats> ReadHotelVoiceStats(
    const storage::Store& store, std::string_view organization,
    std::string_view hotel, const DayRange& days,
    const storage::Snapshot& snapshot);
using HotelAspectStats = std::shared_ptr<const std::vector<AspectStatsBuilder>>;
absl::StatusOr<HotelAspectStats> ReadHotelAspectStats(
    const storage::Store& store, std::string_view organization,
    std::string_view hotel, const DayRange& days,
    const storage::Snapshot& snapshot);

// A negative clause as the quote index holds it. The mention stays encoded
// until a response keeps it: ListTopIssues reads up to kQuotesPerIssue per
// hotel and aspect, hundreds over an organization, and keeps a few per aspect.
struct TimedQuote {
  absl::Time post_time;
  // A v1::AspectMention.
  std::string encoded_mention;
};

// The quote's mention; DATA_LOSS when it does not parse.
absl::StatusOr<v1::AspectMention> ParseQuote(const TimedQuote& quote);

// At most `limit` negative clauses about `aspect` at `hotel` posted in
// [bounds.start, bounds.end), newest first, read with `feedback` (a cursor of
// the feedback family; one cursor serves every aspect and hotel of a query).
absl::StatusOr<std::vector<TimedQuote>> ReadRecentQuotes(
    storage::ScanCursor& feedback, std::string_view organization,
    std::string_view hotel, std::string_view aspect, const TimeBounds& bounds,
    size_t limit);

// ReadRecentQuotes through the store's read cache (storage/read_cache.h):
// the same quotes, read at `snapshot`, but read from the store only when the
// cache holds none from the same quotes of `hotel` about `aspect`.
// `feedback` gives the cursor to read them with (made on first use, so a
// query whose quotes are all cached makes none).
using RecentQuotes = std::shared_ptr<const std::vector<TimedQuote>>;
absl::StatusOr<RecentQuotes> ReadRecentQuotesCached(
    const storage::Store& store, const storage::Snapshot& snapshot,
    absl::FunctionRef<absl::StatusOr<storage::ScanCursor*>()> feedback,
    std::string_view organization, std::string_view hotel,
    std::string_view aspect, const TimeBounds& bounds, size_t limit);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_INSIGHTS_READERS_H_
