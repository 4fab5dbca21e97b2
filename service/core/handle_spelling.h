#ifndef GUESTVOICE_SERVICE_CORE_HANDLE_SPELLING_H_
#define GUESTVOICE_SERVICE_CORE_HANDLE_SPELLING_H_

// The one spelling of a handle (docs/voices.md, "One author, however the
// handle is typed"): a feedback author's, and a handle identity's, so that
// the variants of a handle are one author and one voice. A handle is spelled
// by Unicode's NFKC case folding (NFKC_Casefold, the matching form of UAX
// #31): composed and decomposed "José", "JOSÉ", fullwidth "ＪＯＳＥ" and
// "jo\u200Bse" with a zero-width space are all "josé" and "jose". Then white
// space is trimmed, each run of it inside becomes one space, and leading "@"
// are dropped (kept in an email author's address, where none leads).

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace guestvoice::service {

// OK when ICU has the data HandleSpelling needs; the server checks it at
// start (FAILED_PRECONDITION otherwise), so that no handle is ever spelled
// without it. The spelling follows the Unicode version of the ICU linked
// (Debian 12: ICU 72, Unicode 15.0): the nodes of one cluster run one build
// on one distribution release, or a character a later Unicode added a case
// to would key two authors where the others key one.
absl::Status CheckHandleSpelling();

enum class LeadingAt {
  kDropped,  // a handle: "@ana" is "ana"
  kKept,     // an email address
};

std::string HandleSpelling(std::string_view handle, LeadingAt leading_at);

// The spelling builds before schema 8 gave (ASCII white space trimmed, one
// leading "@" dropped, ASCII letters lower-cased), for the cluster's command
// formats: a command carrying a handle these spell otherwise is one such a
// node would apply differently (service/cluster/command_codec.h).
std::string EarlierHandleSpelling(std::string_view handle,
                                  LeadingAt leading_at);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_HANDLE_SPELLING_H_
