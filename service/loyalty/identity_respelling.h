#ifndef GUESTVOICE_SERVICE_LOYALTY_IDENTITY_RESPELLING_H_
#define GUESTVOICE_SERVICE_LOYALTY_IDENTITY_RESPELLING_H_

// Schema 8 spells handles by Unicode (service/core/handle_spelling.h): a
// handle identity is indexed, and listed on its guest, under its spelling,
// so a store of schema 7 holds handle identities schema 8 spells otherwise.
// As with their authors (service/feedback/author_respelling.h), the spelling
// kept is enough to spell them anew.

#include <cstdint>

#include "absl/status/statusor.h"
#include "storage/store.h"

namespace guestvoice::service {

struct IdentityRespelling {
  // Identities now indexed and listed under their new spelling.
  int64_t respelled = 0;
  // Identities whose guest held the new spelling already: dropped.
  int64_t merged = 0;
  // Identities whose new spelling another guest holds: that guest keeps
  // the handle, and this one loses it, as its author was merged into the
  // other guest's (AuthorRespelling::to_another_guest).
  int64_t to_another_guest = 0;
};

// Brings every organization's handle identities to this build's spelling.
// Identities spelled as nothing now are left as they were. One WriteBatch per
// identity, so a crash leaves each one done or not, and running it again
// finishes the rest. The caller must be the store's only user meanwhile.
absl::StatusOr<IdentityRespelling> RespellHandleIdentities(
    storage::Store& store);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_LOYALTY_IDENTITY_RESPELLING_H_
