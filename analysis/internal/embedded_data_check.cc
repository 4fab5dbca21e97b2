#include "analysis/internal/embedded_data_check.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace guestvoice::analysis {

void AbortOnBrokenEmbeddedData(const absl::Status& status) {
  const std::string message = status.ToString();
  std::fprintf(stderr,
               "guestvoice: analysis data built into this binary does not "
               "parse (a broken build): %s\n",
               message.c_str());
  std::abort();
}

}  // namespace guestvoice::analysis
