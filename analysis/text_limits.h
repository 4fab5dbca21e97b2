#ifndef GUESTVOICE_ANALYSIS_TEXT_LIMITS_H_
#define GUESTVOICE_ANALYSIS_TEXT_LIMITS_H_

#include <cstddef>
#include <string_view>

#include "common/utf8.h"

namespace guestvoice::analysis {

// Every analysis looks at no more than the first 16 KiB of a text, cut at a
// UTF-8 code point boundary. The algorithms are linear anyway; the cap bounds
// the worst-case latency and memory of one call, whatever the caller passes.
// Reviews and social posts are far shorter; the service rejects oversized
// texts before they get here, so the cap only matters to direct callers.
inline constexpr std::size_t kMaxTextBytes = 16 * 1024;

inline std::string_view LimitTextSize(std::string_view text) {
  return utf8::TruncateAtBoundary(text, kMaxTextBytes);
}

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_TEXT_LIMITS_H_
