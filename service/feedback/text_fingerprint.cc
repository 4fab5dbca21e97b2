#include "service/feedback/text_fingerprint.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "service/core/crypto.h"

namespace guestvoice::service {

std::string NormalizeForRepeats(std::string_view text) {
  std::string normalized;
  normalized.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (absl::ascii_isspace(c)) {
      pending_space = !normalized.empty();
      continue;
    }
    if (pending_space) normalized.push_back(' ');
    pending_space = false;
    normalized.push_back(absl::ascii_tolower(c));
  }
  return normalized;
}

bool HasNoWords(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return absl::ascii_isspace(c); });
}

std::string RepeatFingerprint(std::string_view text) {
  if (HasNoWords(text)) return "";
  return Sha256(NormalizeForRepeats(text));
}

}  // namespace guestvoice::service
