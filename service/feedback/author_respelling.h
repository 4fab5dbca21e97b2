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
  // Authors linked to another guest than the author their key is spelled as
  // now: left under their old key, their items counting for their guest.
  int64_t kept_apart = 0;
};

// Brings the organization's author keys to this build's spelling. An author
// merged into another gives it its items (their contributions move to its
// voice, and to its guest: the guest either was linked to, as a link was a
// decision) and its index entries; its repeat-index entries are deleted,
// so the caller recounts the organization's repeats (repeat_recount.h).
// One WriteBatch per author, so a crash leaves each author moved, merged or
// not, and running it again finishes the rest. The caller must be the
// store's only user meanwhile.
absl::StatusOr<AuthorRespelling> RespellAuthors(storage::Store& store,
                                                std::string_view organization);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_AUTHOR_RESPELLING_H_
