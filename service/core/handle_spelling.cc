#include "service/core/handle_spelling.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/absl_view.h"
#include "common/utf8.h"

namespace guestvoice::service {
namespace {

const icu::Normalizer2* Folding(UErrorCode& status) {
  return icu::Normalizer2::getNFKCCasefoldInstance(status);
}

// NFKC_Casefold. The server checks at start that ICU has the data
// (CheckHandleSpelling); were it gone, ASCII letters are still lower-cased.
std::string NfkcCasefold(std::string_view text) {
  // ASCII is its own NFKC form, and case folds to lower case.
  if (utf8::IsAscii(text)) return absl::AsciiStrToLower(AbslView(text));
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* const folding = Folding(status);
  if (U_FAILURE(status)) return absl::AsciiStrToLower(AbslView(text));
  const icu::UnicodeString folded =
      folding->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(
                             text.data(), static_cast<int32_t>(text.size()))),
                         status);
  if (U_FAILURE(status)) return absl::AsciiStrToLower(AbslView(text));
  std::string spelled;
  folded.toUTF8String(spelled);
  return spelled;
}

}  // namespace

absl::Status CheckHandleSpelling() {
  UErrorCode status = U_ZERO_ERROR;
  Folding(status);
  if (U_FAILURE(status)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "ICU cannot fold case (NFKC_Casefold): ", u_errorName(status),
        "; handles cannot be spelled"));
  }
  return absl::OkStatus();
}

std::string HandleSpelling(std::string_view handle, LeadingAt leading_at) {
  const std::string folded = NfkcCasefold(handle);
  std::string spelled;
  spelled.reserve(folded.size());
  // Leading white space and "@" are dropped; a run of white space after
  // anything else is held back as one space until more follows.
  bool leading = true;
  bool space_pending = false;
  for (size_t pos = 0; pos < folded.size();) {
    const utf8::Step step = utf8::Decode(folded, pos);
    const std::string_view unit(folded.data() + pos, step.length);
    pos += step.length;
    if (u_isUWhiteSpace(static_cast<UChar32>(step.code_point))) {
      space_pending = !leading;
      continue;
    }
    if (leading && step.code_point == '@' &&
        leading_at == LeadingAt::kDropped) {
      continue;
    }
    if (space_pending) spelled.push_back(' ');
    space_pending = false;
    leading = false;
    spelled.append(unit);
  }
  return spelled;
}

std::string EarlierHandleSpelling(std::string_view handle,
                                  LeadingAt leading_at) {
  absl::string_view trimmed = absl::StripAsciiWhitespace(AbslView(handle));
  if (leading_at == LeadingAt::kDropped) absl::ConsumePrefix(&trimmed, "@");
  return absl::AsciiStrToLower(trimmed);
}

}  // namespace guestvoice::service
