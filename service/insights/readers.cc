#include "service/insights/readers.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "analysis/aspect_taxonomy.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "storage/keys.h"

namespace guestvoice::service {

absl::Status ForEachHotelVoice(
    const storage::Store& store, std::string_view organization,
    std::string_view hotel, const DayRange& days,
    const storage::Snapshot* snapshot,
    absl::FunctionRef<void(std::string_view voice, const VoiceCounters&)>
        visit) {
  ASSIGN_OR_RETURN(
      std::vector<AggregateBlock> blocks,
      ReadBlocks(store, organization, storage::AggregateTable::kVoices, hotel,
                 days.first_day, days.last_day, BlockCover::kFewestBlocks,
                 snapshot));
  return SumVoices(blocks, visit);
}

std::optional<size_t> TaxonomyIndex(std::string_view aspect) {
  static const auto* const kIndex = [] {
    auto* index = new absl::flat_hash_map<std::string, size_t>();
    const std::vector<std::string>& aspects =
        analysis::AspectTaxonomy::Default().aspects();
    for (size_t i = 0; i < aspects.size(); ++i) (*index)[aspects[i]] = i;
    return index;
  }();
  auto found = kIndex->find(AbslView(aspect));
  if (found == kIndex->end()) return std::nullopt;
  return found->second;
}

absl::Status AddHotelAspectVoices(const storage::Store& store,
                                  std::string_view organization,
                                  std::string_view hotel, const DayRange& days,
                                  const storage::Snapshot* snapshot,
                                  std::vector<AspectStatsBuilder>& by_aspect) {
  ASSIGN_OR_RETURN(
      std::vector<AggregateBlock> blocks,
      ReadBlocks(store, organization, storage::AggregateTable::kAspects, hotel,
                 days.first_day, days.last_day, BlockCover::kFewestBlocks,
                 snapshot));
  // Entries come grouped by aspect: look each aspect up once (aspect ids are
  // never empty, so the first entry looks its aspect up).
  std::string_view aspect_seen;
  std::optional<size_t> index;
  return SumAspectVoices(blocks, [&](std::string_view aspect, std::string_view,
                                     const AspectCounters& totals) {
    if (aspect != aspect_seen) {
      aspect_seen = aspect;
      index = TaxonomyIndex(aspect);
    }
    if (index.has_value()) by_aspect[*index].AddVoice(totals);
  });
}

absl::StatusOr<std::vector<TimedQuote>> ReadRecentQuotes(
    storage::ScanCursor& feedback, std::string_view organization,
    std::string_view hotel, std::string_view aspect, const TimeBounds& bounds,
    size_t limit) {
  std::vector<TimedQuote> quotes;
  if (limit == 0) return quotes;
  const std::string prefix =
      storage::NegativeQuotePrefix(organization, hotel, aspect);
  RETURN_IF_ERROR(feedback.Scan(
      prefix, storage::NewestFirstStartBefore(prefix, bounds.end), 0,
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
      }));
  return quotes;
}

}  // namespace guestvoice::service
