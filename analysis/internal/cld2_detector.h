#ifndef GUESTVOICE_ANALYSIS_INTERNAL_CLD2_DETECTOR_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_CLD2_DETECTOR_H_

#include <optional>
#include <string_view>

namespace guestvoice::analysis {

// The language of `valid_text` (valid UTF-8) as Google's Compact Language
// Detector 2 (Debian libcld2) tells it, as a BCP-47 tag ("es", "zh",
// "zh-Hant"), or nullopt when CLD2 does not call its answer reliable: too
// little text (typically under ~30 letters), languages too close to call,
// or a script it has no model for (Arabic in Debian's build) or no letters
// at all. Thread-safe; linear in the text.
std::optional<std::string_view> DetectLanguageReliably(
    std::string_view valid_text);

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_CLD2_DETECTOR_H_
