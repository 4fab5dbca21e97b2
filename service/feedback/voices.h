#ifndef GUESTVOICE_SERVICE_FEEDBACK_VOICES_H_
#define GUESTVOICE_SERVICE_FEEDBACK_VOICES_H_

// Authors and voices (docs/voices.md): which voice an author's feedback counts
// for, and the changes LoyaltyService makes to that (link, unlink, merge,
// erase). Each function only adds to the caller's WriteBatch, so the identity
// change and everything it moves commit together.
//
// Callers hold the organization's lock exclusively
// (DomainContext::organization_locks.Lock(organization)) from before the first
// read until Store::Write returns: ingest holds it shared, so no feedback of
// the organization is ingested or re-attributed meanwhile. Call
// each function at most once per author per batch (each reads the store, not
// the batch).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "guestvoice/v1/feedback.pb.h"
#include "guestvoice/v1/source.pb.h"
#include "service/core/id_source.h"
#include "storage/store.h"

namespace guestvoice::service {

// Identifies a feedback author.
struct AuthorRef {
  v1::Source source;
  std::string handle;
};

// The voice id of a known guest: derived from its id, so every author linked
// to the guest counts as that one voice. Never equal to an author voice id.
std::string GuestVoiceId(std::string_view guest_id);

// The guest id of a voice made by GuestVoiceId, or nullopt for an author's
// own voice (insights group voices by the guest's loyalty tier).
std::optional<std::string_view> GuestIdOfVoice(std::string_view voice);

// A fresh author voice id from `ids` (never derived from the handle, which is
// personal data).
std::string NewAuthorVoiceId(IdSource& ids);

// Moves every feedback item of `author` to guest `guest_id` ("" = back to the
// author's own voice): updates the items' `guest` field and moves their
// pre-aggregate contributions from the old voice to the new one, all into
// `batch`. No-op if the author has never posted (but remember the link so
// later feedback by the author is attributed to the guest at ingest).
absl::Status AttributeAuthor(const storage::Store& store, IdSource& ids,
                             std::string_view organization,
                             const AuthorRef& author, std::string_view guest_id,
                             storage::WriteBatch& batch);

// Erasure: removes the author record and scrubs text, author handle/display
// name and aspect quotes from the author's feedback, leaving aggregates
// untouched.
absl::Status EraseAuthor(const storage::Store& store,
                         std::string_view organization, const AuthorRef& author,
                         storage::WriteBatch& batch);

// Where an item stands in an author's export order: newest post_time first,
// items posted at the same time by name. A total order, so an export page can
// resume after the last item it returned.
struct AuthorFeedbackPosition {
  absl::Time post_time;
  std::string_view name;
};
// Views `feedback`'s name: valid while `feedback` is.
AuthorFeedbackPosition PositionOf(const v1::Feedback& feedback);
bool ComesBefore(const AuthorFeedbackPosition& a,
                 const AuthorFeedbackPosition& b);

// Export: every feedback item of the author, in the order of ComesBefore.
absl::StatusOr<std::vector<v1::Feedback>> ListAuthorFeedback(
    const storage::Store& store, std::string_view organization,
    const AuthorRef& author);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_VOICES_H_
