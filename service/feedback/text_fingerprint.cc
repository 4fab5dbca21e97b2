#include "service/feedback/text_fingerprint.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/utf8.h"
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

namespace {

// Unicode's White_Space characters beyond ASCII, and the invisible format
// characters that export tools and web forms leave in an empty field (zero
// width space, joiners, word joiner, byte order mark).
bool IsBlank(char32_t c) {
  switch (c) {
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

}  // namespace

bool HasNoWords(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    const utf8::Step step = utf8::Decode(text, pos);
    const bool blank = step.code_point < 0x80
                           ? absl::ascii_isspace(static_cast<char>(text[pos]))
                           : step.well_formed && IsBlank(step.code_point);
    if (!blank) return false;
    pos += step.length;
  }
  return true;
}

std::string RepeatFingerprint(const v1::Feedback& feedback) {
  if (HasNoWords(feedback.text())) return "";
  // Fields joined by a byte no hotel name or formatted number holds, so no
  // two different triples hash the same input. Adding 0.0 makes -0 the 0
  // it equals.
  const std::string rating =
      feedback.has_rating()
          ? absl::StrFormat("%.17g/%.17g/%.17g",
                            feedback.rating().value() + 0.0,
                            feedback.rating().scale_min() + 0.0,
                            feedback.rating().scale_max() + 0.0)
          : "";
  return Sha256(absl::StrCat(feedback.hotel(), "\n", rating, "\n",
                             NormalizeForRepeats(feedback.text())));
}

}  // namespace guestvoice::service
