#include "service/feedback/author_respelling.h"

#include <string>
#include <utility>
#include <vector>

#include "common/status_macros.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "service/core/proto_records.h"
#include "service/core/resource_names.h"
#include "service/feedback/aggregates.h"
#include "service/feedback/records.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

constexpr auto kFamily = storage::ColumnFamily::kFeedback;

// An author whose key schema 8 spells otherwise.
struct MisspelledAuthor {
  std::string key;
  std::string respelled_key;
  internal::v1::FeedbackAuthor record;
};

absl::StatusOr<std::vector<MisspelledAuthor>> MisspelledAuthors(
    const storage::Store& store, std::string_view organization) {
  std::vector<MisspelledAuthor> misspelled;
  RETURN_IF_ERROR(store.Scan(
      kFamily, storage::FeedbackAuthorPrefix(organization), "", 0,
      [&](std::string_view key,
          std::string_view value) -> absl::StatusOr<storage::ScanStep> {
        ASSIGN_OR_RETURN(storage::FeedbackAuthorKeyParts parts,
                         storage::ParseFeedbackAuthorKey(key));
        const std::string respelled = NormalizeAuthorHandle(
            static_cast<v1::Source>(parts.source), parts.handle);
        // A handle spelled as nothing is refused now; the authors schema 7
        // stored under one ("\u200B", an ideographic space) stay as they
        // were, rather than become one voice.
        if (respelled.empty()) return storage::ScanStep::kContinue;
        std::string respelled_key =
            storage::FeedbackAuthorKey(organization, parts.source, respelled);
        if (respelled_key == key) return storage::ScanStep::kContinue;
        MisspelledAuthor author{std::string(key), std::move(respelled_key), {}};
        RETURN_IF_ERROR(
            ParseStoredInto(value, author.record, "a feedback author"));
        misspelled.push_back(std::move(author));
        return storage::ScanStep::kContinue;
      }));
  return misspelled;
}

// Files every item of the authors of `voices` under `into`: their author
// voice and guest become into's, and their contributions move with them.
absl::Status FileItemsUnder(const storage::Store& store,
                            std::string_view organization,
                            const std::vector<std::string>& voices,
                            const internal::v1::FeedbackAuthor& into,
                            storage::WriteBatch& batch) {
  const std::string guest_name =
      into.guest().empty() ? "" : FormatGuestName(organization, into.guest());
  AggregateDeltas deltas{std::string(organization)};
  for (const std::string& voice : voices) {
    ASSIGN_OR_RETURN(std::vector<internal::v1::StoredFeedback> items,
                     ReadAuthorItems(store, organization, voice));
    for (internal::v1::StoredFeedback& item : items) {
      deltas.Add(item, VoiceOf(item), -1);
      item.set_author_voice(into.voice());
      item.mutable_feedback()->set_guest(guest_name);
      deltas.Add(item, VoiceOf(item), +1);
      PutStoredFeedback(batch, organization, item);
      const std::string_view id = FeedbackIdOf(item.feedback());
      if (voice == into.voice()) continue;
      batch.Delete(kFamily,
                   storage::FeedbackAuthorIndexKey(organization, voice, id));
      batch.Put(kFamily,
                storage::FeedbackAuthorIndexKey(organization, into.voice(), id),
                std::string(id));
    }
    if (voice == into.voice()) continue;
    // The recount writes into's entries again from all of its items.
    std::vector<std::string> repeat_keys;
    RETURN_IF_ERROR(store.Scan(
        kFamily, storage::FeedbackRepeatIndexPrefix(organization, voice), "", 0,
        [&](std::string_view key, std::string_view) {
          repeat_keys.emplace_back(key);
          return storage::ScanStep::kContinue;
        }));
    for (const std::string& key : repeat_keys) batch.Delete(kFamily, key);
  }
  // Where the guest stays, an item's -1 and +1 cancel: no Merge for it.
  deltas.AppendTo(batch);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<AuthorRespelling> RespellAuthors(storage::Store& store,
                                                std::string_view organization) {
  AuthorRespelling respelling;
  ASSIGN_OR_RETURN(std::vector<MisspelledAuthor> misspelled,
                   MisspelledAuthors(store, organization));
  for (MisspelledAuthor& author : misspelled) {
    // Read from the store, which holds the authors moved or merged before.
    ASSIGN_OR_RETURN(
        std::optional<internal::v1::FeedbackAuthor> there,
        (ReadProto<internal::v1::FeedbackAuthor>(
            store, kFamily, author.respelled_key, "a feedback author")));
    storage::WriteBatch batch;
    batch.Delete(kFamily, author.key);
    if (!there.has_value()) {
      batch.Put(kFamily, author.respelled_key,
                author.record.SerializeAsString());
      ++respelling.moved;
    } else {
      // One author: its voice stays the one already there, and so does its
      // guest; where that author had none, the guest this one was linked to.
      internal::v1::FeedbackAuthor into = *there;
      if (into.guest().empty()) into.set_guest(author.record.guest());
      if (!author.record.guest().empty() &&
          author.record.guest() != into.guest()) {
        ++respelling.to_another_guest;
      }
      std::vector<std::string> voices = {author.record.voice()};
      if (into.guest() != there->guest()) voices.push_back(there->voice());
      RETURN_IF_ERROR(FileItemsUnder(store, organization, voices, into, batch));
      batch.Put(kFamily, author.respelled_key, into.SerializeAsString());
      ++respelling.merged;
    }
    RETURN_IF_ERROR(store.Write(std::move(batch)));
  }
  return respelling;
}

}  // namespace guestvoice::service
