#ifndef GUESTVOICE_SERVICE_FEEDBACK_REPEAT_RECOUNT_H_
#define GUESTVOICE_SERVICE_FEEDBACK_REPEAT_RECOUNT_H_

// Deciding again which of each author's items are repeats, after what makes
// a repeat changed (schema 7: the hotel and the rating joined the words in
// RepeatFingerprint, text_fingerprint.h), and moving the contributions of
// the items whose mark changes, as an edit at the source moves them
// (source_edit.h).

#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"
#include "storage/store.h"

namespace guestvoice::service {

// For every author of `organization`: of each group of its items with the
// same RepeatFingerprint, one counts and the others are repeats. The one
// that counts is the group's first received among those that counted
// already (so no figure moves where the old rule still holds), else its
// first received. An item whose mark changes gains (or loses) its
// pre-aggregate contributions, negative quotes and attention entry; the
// author's repeat-index entries are written again from the groups. Items
// without words count (a text of only Unicode white space was words before
// schema 7); erased authors' items, which no author index lists, keep
// their mark.
// One WriteBatch per author, so a crash leaves each author done or not, and
// running it again changes nothing that is done. The caller must be the
// store's only user meanwhile. Returns the items whose mark changed.
absl::StatusOr<int64_t> RecountRepeats(storage::Store& store,
                                       std::string_view organization);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_REPEAT_RECOUNT_H_
