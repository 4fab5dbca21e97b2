#ifndef GUESTVOICE_ANALYSIS_VADER_TOKENIZER_H_
#define GUESTVOICE_ANALYSIS_VADER_TOKENIZER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/lexicons.h"
#include "analysis/python_unicode.h"

namespace guestvoice::analysis {

// A token as the reference's SentiText.words_and_emoticons holds it.
struct VaderToken {
  std::string_view lower;  // str.lower() of the token
  bool is_upper;           // str.isupper() of the token
};

// The reference's view of a text: emoji replaced by their descriptions, split
// on Python whitespace, punctuation stripped by _strip_punc_if_word.
struct VaderText {
  std::vector<VaderToken> tokens;
  int exclamation_marks = 0;  // text.count("!") after emoji replacement
  int question_marks = 0;     // text.count("?") after emoji replacement
  // Storage the views point into.
  std::string emoji_replaced;
  std::string lowered;
};

// `text` must be valid UTF-8. Linear in the size of the text.
void TokenizeForVader(std::string_view text, const EmojiLexicon& emojis,
                      const PythonUnicode& unicode, VaderText* out);

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_VADER_TOKENIZER_H_
