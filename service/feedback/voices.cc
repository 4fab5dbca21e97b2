#include "service/feedback/voices.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "service/core/resource_names.h"
#include "service/feedback/aggregates.h"
#include "service/feedback/attention_index.h"
#include "service/feedback/names.h"
#include "service/feedback/records.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

// Guest and author voice ids differ in their first byte, so they never
// collide whatever the ids after it.
constexpr std::string_view kGuestVoicePrefix = "g/";
constexpr std::string_view kAuthorVoicePrefix = "a/";

}  // namespace

std::string GuestVoiceId(std::string_view guest_id) {
  return absl::StrCat(AbslView(kGuestVoicePrefix), AbslView(guest_id));
}

std::optional<std::string_view> GuestIdOfVoice(std::string_view voice) {
  if (voice.substr(0, kGuestVoicePrefix.size()) != kGuestVoicePrefix) {
    return std::nullopt;
  }
  return voice.substr(kGuestVoicePrefix.size());
}

std::string NewAuthorVoiceId(IdSource& ids) {
  return absl::StrCat(AbslView(kAuthorVoicePrefix), ids.NewResourceId());
}

absl::Status AttributeAuthor(const storage::Store& store, IdSource& ids,
                             std::string_view organization,
                             const AuthorRef& author, std::string_view guest_id,
                             storage::WriteBatch& batch) {
  const std::string author_key =
      AuthorKey(organization, author.source, author.handle);
  ASSIGN_OR_RETURN(
      std::optional<internal::v1::FeedbackAuthor> record,
      ReadFeedbackAuthor(store, organization, author.source, author.handle));
  if (!record.has_value()) {
    if (guest_id.empty()) return absl::OkStatus();
    // Registered now so that the author's first feedback counts for the
    // guest from the start.
    internal::v1::FeedbackAuthor linked;
    linked.set_voice(NewAuthorVoiceId(ids));
    linked.set_guest(std::string(guest_id));
    batch.Put(storage::ColumnFamily::kFeedback, author_key,
              linked.SerializeAsString());
    return absl::OkStatus();
  }
  if (record->guest() == guest_id) return absl::OkStatus();

  const std::string guest_name =
      guest_id.empty() ? "" : FormatGuestName(organization, guest_id);
  const std::string new_voice =
      guest_id.empty() ? record->voice() : GuestVoiceId(guest_id);
  ASSIGN_OR_RETURN(std::vector<internal::v1::StoredFeedback> items,
                   ReadAuthorItems(store, organization, record->voice()));
  AggregateDeltas deltas{std::string(organization)};
  for (internal::v1::StoredFeedback& item : items) {
    deltas.Add(item, VoiceOf(item), -1);
    deltas.Add(item, new_voice, +1);
    item.mutable_feedback()->set_guest(guest_name);
    PutStoredFeedback(batch, organization, item);
  }
  deltas.AppendTo(batch);
  record->set_guest(std::string(guest_id));
  batch.Put(storage::ColumnFamily::kFeedback, author_key,
            record->SerializeAsString());
  return absl::OkStatus();
}

absl::Status EraseAuthor(const storage::Store& store,
                         std::string_view organization, const AuthorRef& author,
                         storage::WriteBatch& batch) {
  ASSIGN_OR_RETURN(
      std::optional<internal::v1::FeedbackAuthor> record,
      ReadFeedbackAuthor(store, organization, author.source, author.handle));
  if (!record.has_value()) return absl::OkStatus();
  ASSIGN_OR_RETURN(std::vector<internal::v1::StoredFeedback> items,
                   ReadAuthorItems(store, organization, record->voice()));
  constexpr auto kFamily = storage::ColumnFamily::kFeedback;
  for (internal::v1::StoredFeedback& item : items) {
    DeleteNegativeQuotes(batch, organization, item);
    // Nobody can act on an item whose author is gone: it leaves the queue
    // (NeedsAttention: no handle).
    DeleteAttentionEntry(batch, organization, item);
    v1::Feedback& feedback = *item.mutable_feedback();
    feedback.clear_text();
    feedback.mutable_author()->clear_handle();
    feedback.mutable_author()->clear_display_name();
    // The erased guest's name would tie their items together in every
    // answer. The voice it gave them (VoiceOf) is kept inside instead, so
    // they stay the one voice the figures counted.
    item.set_author_voice(VoiceOf(item));
    feedback.clear_guest();
    for (v1::AspectMention& mention :
         *feedback.mutable_analysis()->mutable_aspects()) {
      mention.clear_text();
    }
    PutStoredFeedback(batch, organization, item);
    batch.Delete(kFamily,
                 storage::FeedbackAuthorIndexKey(organization, record->voice(),
                                                 FeedbackIdOf(feedback)));
  }
  // Digests of the author's texts are derived from personal data too.
  std::vector<std::string> repeat_keys;
  RETURN_IF_ERROR(store.Scan(
      kFamily,
      storage::FeedbackRepeatIndexPrefix(organization, record->voice()), "", 0,
      [&](std::string_view key, std::string_view) {
        repeat_keys.emplace_back(key);
        return storage::ScanStep::kContinue;
      }));
  for (const std::string& key : repeat_keys) batch.Delete(kFamily, key);
  batch.Delete(kFamily, AuthorKey(organization, author.source, author.handle));
  return absl::OkStatus();
}

absl::StatusOr<std::vector<v1::Feedback>> ListAuthorFeedback(
    const storage::Store& store, std::string_view organization,
    const AuthorRef& author) {
  ASSIGN_OR_RETURN(
      std::optional<internal::v1::FeedbackAuthor> record,
      ReadFeedbackAuthor(store, organization, author.source, author.handle));
  std::vector<v1::Feedback> feedback;
  if (!record.has_value()) return feedback;
  ASSIGN_OR_RETURN(std::vector<internal::v1::StoredFeedback> items,
                   ReadAuthorItems(store, organization, record->voice()));
  feedback.reserve(items.size());
  for (internal::v1::StoredFeedback& item : items) {
    feedback.push_back(std::move(*item.mutable_feedback()));
  }
  std::sort(feedback.begin(), feedback.end(),
            [](const v1::Feedback& a, const v1::Feedback& b) {
              return ComesBefore(PositionOf(a), PositionOf(b));
            });
  return feedback;
}

AuthorFeedbackPosition PositionOf(const v1::Feedback& feedback) {
  return {PostTimeOf(feedback), feedback.name()};
}

bool ComesBefore(const AuthorFeedbackPosition& a,
                 const AuthorFeedbackPosition& b) {
  if (a.post_time != b.post_time) return a.post_time > b.post_time;
  return a.name < b.name;
}

}  // namespace guestvoice::service
