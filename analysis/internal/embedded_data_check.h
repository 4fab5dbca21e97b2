#ifndef GUESTVOICE_ANALYSIS_INTERNAL_EMBEDDED_DATA_CHECK_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_EMBEDDED_DATA_CHECK_H_

#include "absl/status/status.h"

namespace guestvoice::analysis {

// Ends the process with `status`'s message on stderr ("line 388: duplicate
// word: eau chaude") when a file built into the binary (embedded_data.h)
// does not parse. Those files are tested, so this is a broken build, never
// bad input; the message says which entry to fix.
[[noreturn]] void AbortOnBrokenEmbeddedData(const absl::Status& status);

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_EMBEDDED_DATA_CHECK_H_
