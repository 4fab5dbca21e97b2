#ifndef GUESTVOICE_SERVICE_FEEDBACK_TEXT_FINGERPRINT_H_
#define GUESTVOICE_SERVICE_FEEDBACK_TEXT_FINGERPRINT_H_

#include <string>
#include <string_view>

namespace guestvoice::service {

// The text as repeat detection compares it: ASCII letters lower-cased, runs
// of whitespace as one space, no leading or trailing whitespace. So "Dirty
// room!" and "  dirty   ROOM! " are the same post, while anything that
// changes the words is not.
std::string NormalizeForRepeats(std::string_view text);

// Whether the text holds no words: empty or only whitespace, as a rating
// left without words arrives from some exports.
bool HasNoWords(std::string_view text);

// SHA-256 of NormalizeForRepeats(text): what the repeat index is keyed by;
// empty for a text with no words, which repeats nothing.
std::string RepeatFingerprint(std::string_view text);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_TEXT_FINGERPRINT_H_
