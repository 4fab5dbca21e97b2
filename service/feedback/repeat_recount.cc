#include "service/feedback/repeat_recount.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "common/status_macros.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "service/core/proto_records.h"
#include "service/core/proto_time.h"
#include "service/feedback/aggregates.h"
#include "service/feedback/attention_index.h"
#include "service/feedback/records.h"
#include "service/feedback/text_fingerprint.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

constexpr auto kFamily = storage::ColumnFamily::kFeedback;

// The author voices of the organization's items with an author (erasure
// clears the handle and takes the item out of its author's index).
absl::StatusOr<std::set<std::string>> AuthorVoices(
    const storage::Store& store, std::string_view organization) {
  std::set<std::string> voices;
  RETURN_IF_ERROR(store.Scan(
      kFamily, storage::FeedbackPrefix(organization), "", 0,
      [&](std::string_view,
          std::string_view value) -> absl::StatusOr<storage::ScanStep> {
        internal::v1::StoredFeedback item;
        RETURN_IF_ERROR(ParseStoredInto(value, item, "a feedback item"));
        if (!item.feedback().author().handle().empty()) {
          voices.insert(item.author_voice());
        }
        return storage::ScanStep::kContinue;
      }));
  return voices;
}

// Recounts one author's items in one batch; returns the items whose mark
// changed.
absl::StatusOr<int64_t> RecountAuthor(storage::Store& store,
                                      std::string_view organization,
                                      const std::string& author_voice) {
  ASSIGN_OR_RETURN(std::vector<internal::v1::StoredFeedback> items,
                   ReadAuthorItems(store, organization, author_voice));
  // Received first, first: the order ingest saw them in.
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
    return std::make_pair(FromProtoTimestamp(a.feedback().receive_time()),
                          a.feedback().name()) <
           std::make_pair(FromProtoTimestamp(b.feedback().receive_time()),
                          b.feedback().name());
  });
  std::vector<std::string> digests;
  digests.reserve(items.size());
  for (const internal::v1::StoredFeedback& item : items) {
    digests.push_back(RepeatFingerprint(item.feedback()));
  }
  // Each group's counted item: one that counts already, else the first.
  // An item without words counts, as one is ingested: a text of only
  // Unicode white space had words, and could be a repeat, before schema 7.
  absl::flat_hash_set<std::string> claimed;
  std::vector<bool> counts(items.size(), false);
  for (size_t i = 0; i < items.size(); ++i) counts[i] = digests[i].empty();
  for (bool counted_already : {true, false}) {
    for (size_t i = 0; i < items.size(); ++i) {
      if (digests[i].empty() ||
          counted_already == items[i].feedback().repeat()) {
        continue;
      }
      if (claimed.insert(digests[i]).second) counts[i] = true;
    }
  }

  storage::WriteBatch batch;
  std::vector<std::string> old_entries;
  RETURN_IF_ERROR(store.Scan(
      kFamily, storage::FeedbackRepeatIndexPrefix(organization, author_voice),
      "", 0, [&](std::string_view key, std::string_view) {
        old_entries.emplace_back(key);
        return storage::ScanStep::kContinue;
      }));
  for (const std::string& key : old_entries) batch.Delete(kFamily, key);

  AggregateDeltas deltas{std::string(organization)};
  int64_t changed = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    internal::v1::StoredFeedback& item = items[i];
    if (counts[i] && !digests[i].empty()) {
      batch.Put(kFamily,
                storage::FeedbackRepeatIndexKey(organization, author_voice,
                                                digests[i]),
                std::string(FeedbackIdOf(item.feedback())));
    }
    if (counts[i] == !item.feedback().repeat()) continue;
    ++changed;
    // Contributions are added and removed while the item counts: the
    // writers below skip repeats.
    if (counts[i]) {
      item.mutable_feedback()->set_repeat(false);
      deltas.Add(item, VoiceOf(item), +1);
      PutNegativeQuotes(batch, organization, item);
      PutAttentionEntry(batch, organization, item);
    } else {
      deltas.Add(item, VoiceOf(item), -1);
      DeleteNegativeQuotes(batch, organization, item);
      DeleteAttentionEntry(batch, organization, item);
      item.mutable_feedback()->set_repeat(true);
    }
    PutStoredFeedback(batch, organization, item);
  }
  deltas.AppendTo(batch);
  RETURN_IF_ERROR(store.Write(std::move(batch)));
  return changed;
}

}  // namespace

absl::StatusOr<int64_t> RecountRepeats(storage::Store& store,
                                       std::string_view organization) {
  ASSIGN_OR_RETURN(std::set<std::string> voices,
                   AuthorVoices(store, organization));
  int64_t changed = 0;
  for (const std::string& voice : voices) {
    ASSIGN_OR_RETURN(int64_t author_changed,
                     RecountAuthor(store, organization, voice));
    changed += author_changed;
  }
  return changed;
}

}  // namespace guestvoice::service
