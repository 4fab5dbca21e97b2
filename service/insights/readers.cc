#include "service/insights/readers.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
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
      ReadIntervalSum(store, organization, storage::AggregateTable::kVoices,
                      hotel, days.first_day, days.last_day, snapshot));
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

absl::StatusOr<HotelVoiceStats> ReadHotelVoiceStats(
    const storage::Store& store, std::string_view organization,
    std::string_view hotel, const DayRange& days,
    const storage::Snapshot& snapshot) {
  ASSIGN_OR_RETURN(
      storage::ReadCache::Value value,
      ReadDerivedFromIntervalSum(
          store, organization, storage::AggregateTable::kVoices, hotel,
          days.first_day, days.last_day, snapshot, "voice-stats",
          [](absl::Span<const AggregateBlock> blocks)
              -> absl::StatusOr<storage::Store::CachedValue> {
            auto stats = std::make_shared<VoiceStatsBuilder>();
            RETURN_IF_ERROR(SumVoices(
                blocks, [&](std::string_view, const VoiceCounters& totals) {
                  stats->AddVoice(totals);
                }));
            return storage::Store::CachedValue{std::move(stats),
                                               sizeof(VoiceStatsBuilder)};
          }));
  return std::static_pointer_cast<const VoiceStatsBuilder>(value);
}

absl::StatusOr<HotelAspectStats> ReadHotelAspectStats(
    const storage::Store& store, std::string_view organization,
    std::string_view hotel, const DayRange& days,
    const storage::Snapshot& snapshot) {
  ASSIGN_OR_RETURN(
      storage::ReadCache::Value value,
      ReadDerivedFromIntervalSum(
          store, organization, storage::AggregateTable::kAspects, hotel,
          days.first_day, days.last_day, snapshot, "aspect-stats",
          [](absl::Span<const AggregateBlock> blocks)
              -> absl::StatusOr<storage::Store::CachedValue> {
            auto by_aspect = std::make_shared<std::vector<AspectStatsBuilder>>(
                analysis::AspectTaxonomy::Default().aspects().size());
            // Entries come grouped by aspect: look each aspect up once
            // (aspect ids are never empty, so the first entry looks its
            // aspect up).
            std::string_view aspect_seen;
            std::optional<size_t> index;
            RETURN_IF_ERROR(SumAspectVoices(
                blocks, [&](std::string_view aspect, std::string_view,
                            const AspectCounters& totals) {
                  if (aspect != aspect_seen) {
                    aspect_seen = aspect;
                    index = TaxonomyIndex(aspect);
                  }
                  if (index.has_value()) (*by_aspect)[*index].AddVoice(totals);
                }));
            const size_t bytes =
                sizeof(*by_aspect) +
                by_aspect->capacity() * sizeof(AspectStatsBuilder);
            return storage::Store::CachedValue{std::move(by_aspect), bytes};
          }));
  return std::static_pointer_cast<const std::vector<AspectStatsBuilder>>(value);
}

absl::StatusOr<v1::AspectMention> ParseQuote(const TimedQuote& quote) {
  v1::AspectMention mention;
  if (!mention.ParseFromString(quote.encoded_mention)) {
    return absl::DataLossError("a negative quote is unreadable");
  }
  return mention;
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
        quotes.push_back({parts.post_time, std::string(value)});
        return quotes.size() < limit ? storage::ScanStep::kContinue
                                     : storage::ScanStep::kStop;
      }));
  return quotes;
}

absl::StatusOr<RecentQuotes> ReadRecentQuotesCached(
    const storage::Store& store, const storage::Snapshot& snapshot,
    absl::FunctionRef<absl::StatusOr<storage::ScanCursor*>()> feedback,
    std::string_view organization, std::string_view hotel,
    std::string_view aspect, const TimeBounds& bounds, size_t limit) {
  const std::string prefix =
      storage::NegativeQuotePrefix(organization, hotel, aspect);
  // The computation and everything it depends on besides the quotes.
  const std::string key = absl::StrCat(
      "recent-quotes/", absl::ToUnixMicros(bounds.start), "/",
      absl::ToUnixMicros(bounds.end), "/", limit, "/", AbslView(prefix));
  ASSIGN_OR_RETURN(
      storage::ReadCache::Value value,
      store.ReadDerivedFromQuotes(
          key, prefix, snapshot,
          [&]() -> absl::StatusOr<storage::Store::CachedValue> {
            ASSIGN_OR_RETURN(storage::ScanCursor * cursor, feedback());
            ASSIGN_OR_RETURN(std::vector<TimedQuote> quotes,
                             ReadRecentQuotes(*cursor, organization, hotel,
                                              aspect, bounds, limit));
            size_t bytes =
                sizeof(quotes) + quotes.capacity() * sizeof(TimedQuote);
            for (const TimedQuote& quote : quotes) {
              bytes += quote.encoded_mention.capacity();
            }
            return storage::Store::CachedValue{
                std::make_shared<const std::vector<TimedQuote>>(
                    std::move(quotes)),
                bytes};
          }));
  return std::static_pointer_cast<const std::vector<TimedQuote>>(value);
}

}  // namespace guestvoice::service
