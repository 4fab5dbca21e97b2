#include "analysis/internal/cld2_detector.h"

// compact_lang_det.h uses FILE without including <cstdio>.
#include <cstdio>
//
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

namespace guestvoice::analysis {
namespace {

// CLD2 still uses a few codes that BCP-47 deprecated in favour of newer ones.
std::string_view ToBcp47(std::string_view cld2_code) {
  if (cld2_code == "iw") return "he";
  if (cld2_code == "jw") return "jv";
  return cld2_code;
}

}  // namespace

std::optional<std::string_view> DetectLanguageReliably(
    std::string_view valid_text) {
  // No hints: the caller's declared code is weighed by the language rule
  // (language_identifier.h), in the open, rather than as a hidden bias here.
  const CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING,
                                CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language top3[3];
  int percent3[3];
  double normalized_score3[3];
  int text_bytes = 0;
  bool is_reliable = false;
  const CLD2::Language language = CLD2::ExtDetectLanguageSummary(
      valid_text.data(), static_cast<int>(valid_text.size()),
      /*is_plain_text=*/true, &hints, /*flags=*/0, top3, percent3,
      normalized_score3, /*resultchunkvector=*/nullptr, &text_bytes,
      &is_reliable);
  if (!is_reliable || language == CLD2::UNKNOWN_LANGUAGE ||
      language == CLD2::TG_UNKNOWN_LANGUAGE) {
    return std::nullopt;
  }
  const std::string_view code = CLD2::LanguageCode(language);
  // "xx-Arab" and the like: a script, not a language.
  if (code.substr(0, 3) == "xx-") return std::nullopt;
  return ToBcp47(code);
}

}  // namespace guestvoice::analysis
