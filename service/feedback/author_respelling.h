#ifndef GUESTVOICE_SERVICE_FEEDBACK_AUTHOR_RESPELLING_H_
#define GUESTVOICE_SERVICE_FEEDBACK_AUTHOR_RESPELLING_H_

// Schema 8 spells handles by Unicode (service/core/handle_spelling.h), where
// schema 7 lower-cased ASCII only: an author record is keyed by its handle's
// spelling, so a store of schema 7 has authors under keys schema 8 spells
// otherwise, and some of them are one author now ("José" composed and
// decomposed, "JOSÉ", "josé"). What they spelled, spelled now, is the
// handle spelled now, so the keys alone tell where each author belongs.

#include <cstdint>
#include <string_view>

#include "absl/status/statusor.h"
#include "storage/store.h"

namespace guestvoice::service {

struct AuthorRespelling {
  // Authors moved to their new key, no other author being there.
  int64_t moved = 0;
  // Authors merged into the author their key is spelled as now: one voice.
  int64_t merged = 0;
  // Of those, the authors linked to another guest than the author they were
  // merged into: their items count for that guest now, as its identity is
  // the handle's (IdentityRespelling::to_another_guest).
  int64_t to_another_guest = 0;
};

// Brings the organization's author keys to this build's spelling. An author
// merged into another gives it its items (their contributions move to its
// voice, and to its guest; where it had none, to the guest the merged one
// was linked to, as a link was a decision) and its index entries; its
// repeat-index entries are deleted, so the caller recounts the
// organization's repeats (repeat_recount.h). The author at a key first, or
// moved there first (in key order), is the one the others merge into, as
// the identity there is the one its guest keeps (identity_respelling.h).
// Authors whose handle is spelled as nothing now are left as they were.
// One WriteBatch per author, so a crash leaves each author moved, merged or
// not, and running it again finishes the rest. The caller must be the
// store's only user meanwhile.
absl::StatusOr<AuthorRespelling> RespellAuthors(storage::Store& store,
                                                std::string_view organization);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_AUTHOR_RESPELLING_H_
