#ifndef GUESTVOICE_SERVICE_FEEDBACK_TEXT_FINGERPRINT_H_
#define GUESTVOICE_SERVICE_FEEDBACK_TEXT_FINGERPRINT_H_

#include <string>
#include <string_view>

#include "guestvoice/v1/feedback.pb.h"

namespace guestvoice::service {

// The text as repeat detection compares it: ASCII letters lower-cased, runs
// of whitespace as one space, no leading or trailing whitespace. So "Dirty
// room!" and "  dirty   ROOM! " are the same post, while anything that
// changes the words is not.
std::string NormalizeForRepeats(std::string_view text);

// Whether the text holds no words: empty or only whitespace (Unicode's, and
// the invisible zero-width characters), as a rating left without words
// arrives from some exports and forms. A lone dot is something written.
bool HasNoWords(std::string_view text);

// What makes a post its author's repeat: the same hotel, the same rating
// (or none) and the same words after NormalizeForRepeats. The hotel and the
// rating are part of it because the same words about another hotel, or with
// another rating, are another opinion: "Excellent!" posted for a second
// hotel is that hotel's voice, and "Ok" rated 1 of 5 months after "Ok"
// rated 5 of 5 is a complaint. SHA-256 of the three, what the repeat index
// is keyed by (storage/keys.h); empty for a text with no words, which
// repeats nothing.
std::string RepeatFingerprint(const v1::Feedback& feedback);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_TEXT_FINGERPRINT_H_
