#ifndef GUESTVOICE_ANALYSIS_STRING_VIEW_BRIDGE_H_
#define GUESTVOICE_ANALYSIS_STRING_VIEW_BRIDGE_H_

#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

// Debian 12's Abseil is built with its own absl::string_view rather than an
// alias of std::string_view; the library's API uses std::string_view, so
// calls into Abseil convert at the boundary with these.
namespace guestvoice::analysis {

inline absl::string_view ToAbsl(std::string_view text) {
  return absl::string_view(text.data(), text.size());
}

inline std::string_view FromAbsl(absl::string_view text) {
  return std::string_view(text.data(), text.size());
}

inline std::vector<std::string_view> SplitOn(std::string_view text,
                                             char separator) {
  std::vector<std::string_view> parts;
  for (absl::string_view part : absl::StrSplit(ToAbsl(text), separator)) {
    parts.push_back(FromAbsl(part));
  }
  return parts;
}

inline std::string_view StripAsciiWhitespace(std::string_view text) {
  return FromAbsl(absl::StripAsciiWhitespace(ToAbsl(text)));
}

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_STRING_VIEW_BRIDGE_H_
