#include "service/insights/readers.h"

#include <string>

#include "common/absl_view.h"
#include "common/status_macros.h"
#include "storage/keys.h"

namespace guestvoice::service {

absl::StatusOr<VoiceTotals> ReadVoiceTotals(const storage::Store& store,
                                            std::string_view organization,
                                            std::string_view hotel,
                                            const DayRange& days,
                                            const storage::Snapshot* snapshot) {
  VoiceTotals totals;
  RETURN_IF_ERROR(ScanVoiceDays(
      store, organization, hotel, days.first_day, days.last_day,
      [&](int64_t, std::string_view voice, const VoiceDayCounters& counters) {
        AddCounters(totals[AbslView(voice)], counters);
      },
      snapshot));
  return totals;
}

absl::StatusOr<AspectVoiceTotals> ReadAspectVoiceTotals(
    const storage::Store& store, std::string_view organization,
    std::string_view hotel, const DayRange& days,
    const storage::Snapshot* snapshot) {
  AspectVoiceTotals totals;
  RETURN_IF_ERROR(ScanAspectDays(
      store, organization, hotel, days.first_day, days.last_day,
      [&](int64_t, std::string_view aspect, std::string_view voice,
          const AspectDayCounters& counters) {
        AddCounters(totals[AbslView(aspect)][AbslView(voice)], counters);
      },
      snapshot));
  return totals;
}

absl::StatusOr<std::vector<TimedQuote>> ReadRecentQuotes(
    const storage::Store& store, std::string_view organization,
    std::string_view hotel, std::string_view aspect, const TimeBounds& bounds,
    size_t limit, const storage::Snapshot* snapshot) {
  std::vector<TimedQuote> quotes;
  if (limit == 0) return quotes;
  const std::string prefix =
      storage::NegativeQuotePrefix(organization, hotel, aspect);
  RETURN_IF_ERROR(store.Scan(
      storage::ColumnFamily::kFeedback, prefix,
      storage::NewestFirstStartBefore(prefix, bounds.end), 0,
      [&](std::string_view key,
          std::string_view value) -> absl::StatusOr<storage::ScanStep> {
        ASSIGN_OR_RETURN(storage::NegativeQuoteKeyParts parts,
                         storage::ParseNegativeQuoteKey(key));
        if (parts.post_time < bounds.start) return storage::ScanStep::kStop;
        TimedQuote quote{parts.post_time, {}};
        if (!quote.mention.ParseFromArray(value.data(),
                                          static_cast<int>(value.size()))) {
          return absl::DataLossError("a negative quote is unreadable");
        }
        quotes.push_back(std::move(quote));
        return quotes.size() < limit ? storage::ScanStep::kContinue
                                     : storage::ScanStep::kStop;
      },
      snapshot));
  return quotes;
}

}  // namespace guestvoice::service
