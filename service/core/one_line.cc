#include "service/core/one_line.h"

#include "common/utf8.h"

namespace guestvoice::service {

bool BreaksLine(char32_t c) {
  return (c >= '\t' && c <= '\r') || c == 0x85 || c == 0x2028 || c == 0x2029;
}

bool HidesOrReorders(char32_t c) {
  return (c >= 0x80 && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

std::string JoinOnOneLine(std::string_view name) {
  std::string joined;
  joined.reserve(name.size());
  bool after_break = false;
  for (size_t pos = 0; pos < name.size();) {
    const utf8::Step step = utf8::Decode(name, pos);
    const std::string_view character = name.substr(pos, step.length);
    pos += step.length;
    if (BreaksLine(step.code_point)) {
      while (!joined.empty() && joined.back() == ' ') joined.pop_back();
      after_break = true;
    } else if (HidesOrReorders(step.code_point)) {
      // Removed.
    } else if (after_break && step.code_point == ' ') {
      // A space next to a break is part of the run it becomes.
    } else {
      if (after_break && !joined.empty()) joined.push_back(' ');
      after_break = false;
      joined.append(character);
    }
  }
  return joined;
}

}  // namespace guestvoice::service
