#include "service/feedback/source_edit.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/status_macros.h"
#include "service/core/proto_time.h"
#include "service/feedback/aggregates.h"
#include "service/feedback/attention_index.h"
#include "service/feedback/records.h"
#include "service/feedback/text_fingerprint.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

constexpr auto kFamily = storage::ColumnFamily::kFeedback;

// The time of the version an item is: its last edit, or its post.
absl::Time VersionTime(const v1::Feedback& feedback) {
  return FromProtoTimestamp(feedback.has_edit_time() ? feedback.edit_time()
                                                     : feedback.post_time());
}

// Among `items`, the one that now counts the author's `digest`, which the
// edited item no longer says: the first received of its repeats (an item
// posted earlier was received earlier, as ingest saw it), or nullptr.
internal::v1::StoredFeedback* NextToCount(
    std::vector<internal::v1::StoredFeedback>& items,
    std::string_view edited_id, std::string_view digest) {
  internal::v1::StoredFeedback* next = nullptr;
  for (internal::v1::StoredFeedback& item : items) {
    const v1::Feedback& feedback = item.feedback();
    if (!feedback.repeat() || FeedbackIdOf(feedback) == edited_id ||
        RepeatFingerprint(feedback) != digest) {
      continue;
    }
    if (next == nullptr ||
        std::make_pair(FromProtoTimestamp(feedback.receive_time()),
                       feedback.name()) <
            std::make_pair(FromProtoTimestamp(next->feedback().receive_time()),
                           next->feedback().name())) {
      next = &item;
    }
  }
  return next;
}

// Takes `edit`'s words into `feedback`: its rating, its edit's times, and
// its text with the language declared for it and their analysis. Of an edit
// of the rating alone the text keeps its declared language and analysis:
// the declared language is the caller's hint, not the guest's words, and a
// re-analysis batch prepared from the stored text and hint then still
// holds for them (reanalysis.h checks the text alone).
void TakeWords(v1::Feedback& feedback, const v1::Feedback& edit) {
  if (edit.has_rating()) {
    *feedback.mutable_rating() = edit.rating();
  } else {
    feedback.clear_rating();
  }
  if (edit.text() != feedback.text()) {
    feedback.set_text(edit.text());
    feedback.set_language_code(edit.language_code());
    *feedback.mutable_analysis() = edit.analysis();
  }
  *feedback.mutable_edit_time() = edit.edit_time();
  *feedback.mutable_update_time() = edit.receive_time();
}

// The item `source_key` (its dedupe entry) names.
absl::StatusOr<internal::v1::StoredFeedback> ReadBySource(
    const storage::Store& store, std::string_view organization,
    const std::string& source_key) {
  ASSIGN_OR_RETURN(std::optional<std::string> id,
                   store.Get(kFamily, source_key));
  std::optional<internal::v1::StoredFeedback> item;
  if (id.has_value()) {
    ASSIGN_OR_RETURN(item, ReadStoredFeedback(store, organization, *id));
  }
  if (!item.has_value()) {
    return absl::DataLossError(
        "an edit names a feedback item whose dedupe entry or record is gone");
  }
  return *std::move(item);
}

bool SameRating(const v1::Feedback& a, const v1::Feedback& b) {
  if (a.has_rating() != b.has_rating()) return false;
  return !a.has_rating() || (a.rating().value() == b.rating().value() &&
                             a.rating().scale_min() == b.rating().scale_min() &&
                             a.rating().scale_max() == b.rating().scale_max());
}

}  // namespace

bool IsLaterEdit(const v1::Feedback& stored, const v1::Feedback& incoming) {
  return incoming.has_edit_time() && !stored.author().handle().empty() &&
         FromProtoTimestamp(incoming.edit_time()) > VersionTime(stored) &&
         (incoming.text() != stored.text() || !SameRating(incoming, stored));
}

absl::StatusOr<SourceEditOutcome> ApplySourceEdit(DomainContext deps,
                                                  std::string_view organization,
                                                  const v1::Feedback& edit) {
  const std::string source_key = storage::FeedbackSourceIndexKey(
      organization, edit.source(), edit.external_id());
  // The author's items are locked as case updates lock an item, so none of
  // them changes under the edit; the author's stripe keeps new items out.
  // Their list is read before the stripes are taken and again after: a
  // list that changed in between is locked again.
  std::vector<std::string> locked_ids;
  for (;;) {
    ASSIGN_OR_RETURN(internal::v1::StoredFeedback item,
                     ReadBySource(deps.store, organization, source_key));
    std::vector<std::string> keys = {
        source_key, AuthorKey(organization, item.feedback().source(),
                              item.feedback().author().handle())};
    for (const std::string& author_item : locked_ids) {
      keys.push_back(storage::FeedbackKey(organization, author_item));
    }
    auto guard = deps.locks.LockAll(keys);
    ASSIGN_OR_RETURN(
        std::vector<std::string> author_ids,
        ReadAuthorItemIds(deps.store, organization, item.author_voice()));
    if (author_ids != locked_ids) {
      locked_ids = std::move(author_ids);
      continue;
    }
    // Read again under the stripes: another version may have come first.
    ASSIGN_OR_RETURN(
        std::vector<internal::v1::StoredFeedback> items,
        ReadAuthorItems(deps.store, organization, item.author_voice()));
    const std::string id(FeedbackIdOf(item.feedback()));
    auto edited = std::find_if(items.begin(), items.end(), [&](const auto& x) {
      return FeedbackIdOf(x.feedback()) == id;
    });
    if (edited == items.end()) {
      return absl::DataLossError(
          "a feedback item is missing from its author's index");
    }
    if (!IsLaterEdit(edited->feedback(), edit)) {
      return SourceEditOutcome{std::move(*edited), /*edited=*/false};
    }

    storage::WriteBatch batch;
    AggregateDeltas deltas{std::string(organization)};
    const std::string voice = VoiceOf(*edited);
    const std::string old_digest = RepeatFingerprint(edited->feedback());
    deltas.Add(*edited, voice, -1);
    DeleteNegativeQuotes(batch, organization, *edited);
    DeleteAttentionEntry(batch, organization, *edited);
    const bool was_counted = !edited->feedback().repeat();
    TakeWords(*edited->mutable_feedback(), edit);
    // The item's own hotel with the edit's words and rating.
    const std::string text_digest = RepeatFingerprint(edited->feedback());
    if (old_digest != text_digest) {
      if (was_counted && !old_digest.empty()) {
        batch.Delete(kFamily,
                     storage::FeedbackRepeatIndexKey(
                         organization, edited->author_voice(), old_digest));
        // The author's repeat of the old words counts them now.
        if (internal::v1::StoredFeedback* next =
                NextToCount(items, id, old_digest)) {
          next->mutable_feedback()->set_repeat(false);
          deltas.Add(*next, VoiceOf(*next), +1);
          PutNegativeQuotes(batch, organization, *next);
          PutAttentionEntry(batch, organization, *next);
          PutStoredFeedback(batch, organization, *next);
          batch.Put(kFamily,
                    storage::FeedbackRepeatIndexKey(
                        organization, next->author_voice(), old_digest),
                    std::string(FeedbackIdOf(next->feedback())));
        }
      }
      bool repeat = false;
      if (!text_digest.empty()) {
        const std::string repeat_key = storage::FeedbackRepeatIndexKey(
            organization, edited->author_voice(), text_digest);
        ASSIGN_OR_RETURN(std::optional<std::string> first_with_words,
                         deps.store.Get(kFamily, repeat_key));
        repeat = first_with_words.has_value() && *first_with_words != id;
        if (!repeat) batch.Put(kFamily, repeat_key, id);
      }
      edited->mutable_feedback()->set_repeat(repeat);
    }
    deltas.Add(*edited, voice, +1);
    PutNegativeQuotes(batch, organization, *edited);
    PutAttentionEntry(batch, organization, *edited);
    PutStoredFeedback(batch, organization, *edited);
    deltas.AppendTo(batch);
    RETURN_IF_ERROR(deps.store.Write(std::move(batch)));
    return SourceEditOutcome{std::move(*edited), /*edited=*/true};
  }
}

}  // namespace guestvoice::service
