#ifndef GUESTVOICE_COMMON_ABSL_VIEW_H_
#define GUESTVOICE_COMMON_ABSL_VIEW_H_

#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

// Debian 12's Abseil is built with its own absl::string_view
// (ABSL_OPTION_USE_STD_STRING_VIEW=0), which does not convert to or from
// std::string_view. guestvoice uses std::string_view throughout and converts
// at calls into Abseil with these.
namespace guestvoice {

inline absl::string_view AbslView(std::string_view view) {
  return absl::string_view(view.data(), view.size());
}

inline std::string_view FromAbsl(absl::string_view view) {
  return std::string_view(view.data(), view.size());
}

// absl::StrSplit(text, separator), empty parts included, as std views.
inline std::vector<std::string_view> SplitOn(std::string_view text,
                                             char separator) {
  std::vector<std::string_view> parts;
  for (absl::string_view part : absl::StrSplit(AbslView(text), separator)) {
    parts.push_back(FromAbsl(part));
  }
  return parts;
}

inline std::string_view StripAsciiWhitespace(std::string_view text) {
  return FromAbsl(absl::StripAsciiWhitespace(AbslView(text)));
}

}  // namespace guestvoice

#endif  // GUESTVOICE_COMMON_ABSL_VIEW_H_
