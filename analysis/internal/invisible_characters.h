#ifndef GUESTVOICE_ANALYSIS_INTERNAL_INVISIBLE_CHARACTERS_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_INVISIBLE_CHARACTERS_H_

// Characters a reader does not see, which would split or hide the words
// around them from every lexicon: a byte order mark that a Windows export
// puts before the first word ("\uFEFFDirty room"), a soft hyphen or a
// zero-width space inside a word, a word joiner, direction marks, and C1
// control characters, which text decoded with the wrong code page holds in
// place of quotes and dashes. The zero-width joiner and variation selectors
// are kept: they shape emoji, which are scored.

#include <string>
#include <string_view>

namespace guestvoice::analysis {

// Whether `text` (valid UTF-8) holds any.
bool HasInvisibleCharacters(std::string_view text);

// `text` without its invisible format characters, and with each C1 control
// character a space (one stands between words as often as inside one).
std::string WithoutInvisibleCharacters(std::string_view text);

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_INVISIBLE_CHARACTERS_H_
