#ifndef GUESTVOICE_COMMON_ABSL_VIEW_H_
#define GUESTVOICE_COMMON_ABSL_VIEW_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace guestvoice {

// Debian 12's Abseil is built with its own absl::string_view
// (ABSL_OPTION_USE_STD_STRING_VIEW=0), which does not convert from
// std::string_view. guestvoice uses std::string_view throughout and converts
// at calls into absl string functions with this.
inline absl::string_view AbslView(std::string_view view) {
  return absl::string_view(view.data(), view.size());
}

}  // namespace guestvoice

#endif  // GUESTVOICE_COMMON_ABSL_VIEW_H_
