#include "service/feedback/records.h"

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "service/core/proto_records.h"
#include "service/core/proto_time.h"
#include "service/feedback/aggregates.h"
#include "service/feedback/attention_index.h"
#include "service/feedback/names.h"
#include "service/feedback/voices.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

std::string_view LastSegment(std::string_view name) {
  const size_t slash = name.rfind('/');
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

// Calls `visit(key, mention)` for each negative mention of a counted item.
template <typename Visit>
void ForEachNegativeQuote(std::string_view organization,
                          const internal::v1::StoredFeedback& item,
                          Visit visit) {
  const v1::Feedback& feedback = item.feedback();
  if (feedback.repeat()) return;
  const auto& mentions = feedback.analysis().aspects();
  for (int i = 0; i < mentions.size(); ++i) {
    if (mentions[i].sentiment() > kNegativeThreshold) continue;
    visit(storage::NegativeQuoteKey(organization, HotelIdOf(feedback),
                                    mentions[i].aspect(), PostTimeOf(feedback),
                                    FeedbackIdOf(feedback), i),
          mentions[i]);
  }
}

}  // namespace

bool HasCaseIndexEntry(v1::CaseState state) {
  return state != v1::CASE_STATE_OPEN;
}

std::string_view FeedbackIdOf(const v1::Feedback& feedback) {
  return LastSegment(feedback.name());
}

std::string_view HotelIdOf(const v1::Feedback& feedback) {
  return LastSegment(feedback.hotel());
}

absl::Time PostTimeOf(const v1::Feedback& feedback) {
  return FromProtoTimestamp(feedback.post_time());
}

absl::StatusOr<std::optional<internal::v1::StoredFeedback>> ReadStoredFeedback(
    const storage::Store& store, std::string_view organization,
    std::string_view feedback_id) {
  return ReadProto<internal::v1::StoredFeedback>(
      store, storage::ColumnFamily::kFeedback,
      storage::FeedbackKey(organization, feedback_id),
      FormatFeedbackName(organization, feedback_id));
}

std::string NormalizeAuthorHandle(v1::Source source, std::string_view handle) {
  return HandleSpelling(handle, LeadingAtOf(source));
}

LeadingAt LeadingAtOf(v1::Source source) {
  return source == v1::SOURCE_EMAIL ? LeadingAt::kKept : LeadingAt::kDropped;
}

std::string AuthorKey(std::string_view organization, uint32_t source,
                      std::string_view handle) {
  return storage::FeedbackAuthorKey(
      organization, source,
      NormalizeAuthorHandle(static_cast<v1::Source>(source), handle));
}

absl::StatusOr<std::optional<internal::v1::FeedbackAuthor>> ReadFeedbackAuthor(
    const storage::Store& store, std::string_view organization, uint32_t source,
    std::string_view handle) {
  // Cached: ingest reads the author of every item, and authors change only
  // when linked, unlinked or erased.
  return ReadCachedProto<internal::v1::FeedbackAuthor>(
      store, storage::ColumnFamily::kFeedback,
      AuthorKey(organization, source, handle), "a feedback author");
}

absl::StatusOr<std::vector<std::string>> ReadAuthorItemIds(
    const storage::Store& store, std::string_view organization,
    std::string_view author_voice) {
  std::vector<std::string> ids;
  RETURN_IF_ERROR(
      store.Scan(storage::ColumnFamily::kFeedback,
                 storage::FeedbackAuthorIndexPrefix(organization, author_voice),
                 "", 0, [&](std::string_view, std::string_view value) {
                   ids.emplace_back(value);
                   return storage::ScanStep::kContinue;
                 }));
  return ids;
}

absl::StatusOr<std::vector<internal::v1::StoredFeedback>> ReadAuthorItems(
    const storage::Store& store, std::string_view organization,
    std::string_view author_voice) {
  ASSIGN_OR_RETURN(std::vector<std::string> ids,
                   ReadAuthorItemIds(store, organization, author_voice));
  std::vector<internal::v1::StoredFeedback> items;
  items.reserve(ids.size());
  for (const std::string& id : ids) {
    ASSIGN_OR_RETURN(std::optional<internal::v1::StoredFeedback> item,
                     ReadStoredFeedback(store, organization, id));
    if (!item.has_value()) {
      return absl::DataLossError(absl::StrCat(
          "the author index names ", FormatFeedbackName(organization, id),
          ", which is not stored"));
    }
    items.push_back(*std::move(item));
  }
  return items;
}

std::string VoiceOf(const internal::v1::StoredFeedback& item) {
  const std::string& guest = item.feedback().guest();
  return guest.empty() ? item.author_voice() : GuestVoiceId(LastSegment(guest));
}

void PutStoredFeedback(storage::WriteBatch& batch,
                       std::string_view organization,
                       const internal::v1::StoredFeedback& item) {
  batch.Put(storage::ColumnFamily::kFeedback,
            storage::FeedbackKey(organization, FeedbackIdOf(item.feedback())),
            item.SerializeAsString());
}

void PutNewFeedback(storage::WriteBatch& batch, std::string_view organization,
                    const internal::v1::StoredFeedback& item,
                    std::string_view text_digest) {
  const v1::Feedback& feedback = item.feedback();
  const std::string_view id = FeedbackIdOf(feedback);
  const absl::Time post_time = PostTimeOf(feedback);
  const std::string id_value(id);
  constexpr auto kFamily = storage::ColumnFamily::kFeedback;
  PutStoredFeedback(batch, organization, item);
  batch.Put(kFamily,
            storage::FeedbackSourceIndexKey(organization, feedback.source(),
                                            feedback.external_id()),
            id_value);
  batch.Put(kFamily,
            storage::NewestFirstIndexKey(
                storage::FeedbackTimeIndexPrefix(organization), post_time, id),
            id_value);
  batch.Put(kFamily,
            storage::NewestFirstIndexKey(storage::FeedbackHotelTimeIndexPrefix(
                                             organization, HotelIdOf(feedback)),
                                         post_time, id),
            id_value);
  if (HasCaseIndexEntry(feedback.case_().state())) {
    batch.Put(kFamily,
              storage::NewestFirstIndexKey(
                  storage::FeedbackCaseIndexPrefix(organization,
                                                   feedback.case_().state()),
                  post_time, id),
              id_value);
  }
  batch.Put(
      kFamily,
      storage::FeedbackAuthorIndexKey(organization, item.author_voice(), id),
      id_value);
  if (feedback.repeat()) return;
  if (!text_digest.empty()) {
    batch.Put(kFamily,
              storage::FeedbackRepeatIndexKey(organization, item.author_voice(),
                                              text_digest),
              id_value);
  }
  PutNegativeQuotes(batch, organization, item);
  PutAttentionEntry(batch, organization, item);
}

void MoveCaseIndexEntry(storage::WriteBatch& batch,
                        std::string_view organization,
                        const internal::v1::StoredFeedback& item,
                        v1::CaseState old_state) {
  const v1::Feedback& feedback = item.feedback();
  if (feedback.case_().state() == old_state) return;
  const absl::Time post_time = PostTimeOf(feedback);
  const std::string_view id = FeedbackIdOf(feedback);
  if (HasCaseIndexEntry(old_state)) {
    batch.Delete(storage::ColumnFamily::kFeedback,
                 storage::NewestFirstIndexKey(
                     storage::FeedbackCaseIndexPrefix(organization, old_state),
                     post_time, id));
  }
  if (HasCaseIndexEntry(feedback.case_().state())) {
    batch.Put(storage::ColumnFamily::kFeedback,
              storage::NewestFirstIndexKey(
                  storage::FeedbackCaseIndexPrefix(organization,
                                                   feedback.case_().state()),
                  post_time, id),
              std::string(id));
  }
}

void PutNegativeQuotes(storage::WriteBatch& batch,
                       std::string_view organization,
                       const internal::v1::StoredFeedback& item) {
  ForEachNegativeQuote(
      organization, item,
      [&](const std::string& key, const v1::AspectMention& mention) {
        batch.Put(storage::ColumnFamily::kFeedback, key,
                  mention.SerializeAsString());
      });
}

void DeleteNegativeQuotes(storage::WriteBatch& batch,
                          std::string_view organization,
                          const internal::v1::StoredFeedback& item) {
  ForEachNegativeQuote(organization, item,
                       [&](const std::string& key, const v1::AspectMention&) {
                         batch.Delete(storage::ColumnFamily::kFeedback, key);
                       });
}

}  // namespace guestvoice::service
