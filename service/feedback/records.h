#ifndef GUESTVOICE_SERVICE_FEEDBACK_RECORDS_H_
#define GUESTVOICE_SERVICE_FEEDBACK_RECORDS_H_

// Reading and writing feedback items, their author records and the index
// entries that go with them (keyspace: storage/key_codec.h). Every writer adds
// to a WriteBatch, so an item and its indexes change together.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "guestvoice/v1/feedback.pb.h"
#include "service/core/handle_spelling.h"
#include "storage/store.h"

namespace guestvoice::service {

// The feedback id at the end of an item's resource name.
std::string_view FeedbackIdOf(const v1::Feedback& feedback);
// The hotel id at the end of an item's hotel name.
std::string_view HotelIdOf(const v1::Feedback& feedback);
absl::Time PostTimeOf(const v1::Feedback& feedback);

// The stored item, or nullopt.
absl::StatusOr<std::optional<internal::v1::StoredFeedback>> ReadStoredFeedback(
    const storage::Store& store, std::string_view organization,
    std::string_view feedback_id);

// The spelling of a feedback author's handle that NormalizeIdentity gives the
// matching identity (HandleSpelling: NFKC case folded, white space trimmed
// and single, leading @ dropped except for email), so that ingest stores
// authors under the key LinkIdentity attributes. Does not validate.
std::string NormalizeAuthorHandle(v1::Source source, std::string_view handle);
// Whether a handle of `source` keeps a leading "@" (an email address's).
LeadingAt LeadingAtOf(v1::Source source);

// The key of author (source, handle): the handle as LinkIdentity normalises
// it (NormalizeAuthorHandle), so "@AnaTravels" posted and "anatravels" linked
// are one author. Every author key is made here.
std::string AuthorKey(std::string_view organization, uint32_t source,
                      std::string_view handle);

// The author record of (source, handle), or nullopt.
absl::StatusOr<std::optional<internal::v1::FeedbackAuthor>> ReadFeedbackAuthor(
    const storage::Store& store, std::string_view organization, uint32_t source,
    std::string_view handle);

// The ids of the author's items (by their author voice), in the order of
// the author index.
absl::StatusOr<std::vector<std::string>> ReadAuthorItemIds(
    const storage::Store& store, std::string_view organization,
    std::string_view author_voice);

// The author's items, in the order of the author index; DATA_LOSS when the
// index names an item that is not stored.
absl::StatusOr<std::vector<internal::v1::StoredFeedback>> ReadAuthorItems(
    const storage::Store& store, std::string_view organization,
    std::string_view author_voice);

// The voice an item counts for: its guest's when attributed to one, its
// author's own otherwise.
std::string VoiceOf(const internal::v1::StoredFeedback& item);

// Puts the item itself (a new one or a change to it).
void PutStoredFeedback(storage::WriteBatch& batch,
                       std::string_view organization,
                       const internal::v1::StoredFeedback& item);

// Whether an item whose case is in `state` has an entry in the case-state
// index. Every item is ingested OPEN and most stay so, so an OPEN entry
// would be one more key written per ingest that only repeats the time index
// (same order, same ids): open items are read from the time index instead,
// filtered by their state (ListFeedback, the attention queue). Only the
// states a caller moved a case to have entries (schema 4; schema 3 stores
// drop their OPEN entries on upgrade, schema_upgrade.h).
bool HasCaseIndexEntry(v1::CaseState state);

// Puts a new item with every index entry it has: dedupe, time, hotel time,
// case state (HasCaseIndexEntry), author, and (for an item that is not a
// repeat) the repeat detection entry (for a text_digest: a rating without
// words has none), its negative quotes and its attention entry
// (attention_index.h).
void PutNewFeedback(storage::WriteBatch& batch, std::string_view organization,
                    const internal::v1::StoredFeedback& item,
                    std::string_view text_digest);

// Moves the item's case-state index entry from `old_state` to its current
// state: deletes the old entry and puts the new one, where the state has one
// (HasCaseIndexEntry).
void MoveCaseIndexEntry(storage::WriteBatch& batch,
                        std::string_view organization,
                        const internal::v1::StoredFeedback& item,
                        v1::CaseState old_state);

// Puts the negative-quote entries of the item (none for a repeat).
void PutNegativeQuotes(storage::WriteBatch& batch,
                       std::string_view organization,
                       const internal::v1::StoredFeedback& item);

// Deletes the negative-quote entries of the item (erasure scrubs quotes).
void DeleteNegativeQuotes(storage::WriteBatch& batch,
                          std::string_view organization,
                          const internal::v1::StoredFeedback& item);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_RECORDS_H_
