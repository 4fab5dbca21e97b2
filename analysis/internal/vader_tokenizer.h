#ifndef GUESTVOICE_ANALYSIS_INTERNAL_VADER_TOKENIZER_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_VADER_TOKENIZER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/internal/lexicons.h"
#include "analysis/internal/python_unicode.h"

namespace guestvoice::analysis {

// The typographic apostrophe (U+2019, which phones type) in UTF-8.
inline constexpr std::string_view kTypographicApostrophe = "\xE2\x80\x99";

// A token as the reference's SentiText.words_and_emoticons holds it.
struct VaderToken {
  // str.lower() of the token: a view of the tokenized text when the token is
  // lowercase already, else of VaderText::lowered.
  std::string_view lower;
  bool is_upper;  // str.isupper() of the token
};

// A run of non-whitespace in the original text and what it becomes. The
// reference replaces emoji in the whole text, then splits on whitespace;
// since a description is inserted after a space (or whitespace) and never
// joins the previous run, doing both per run gives the same tokens, and lets
// any run of whole words be scored on its own exactly as the reference
// would score that substring.
struct VaderWord {
  std::size_t begin;  // bytes of the run in the text
  std::size_t end;
  std::size_t first_token;  // its tokens: [first_token, end_token)
  std::size_t end_token;
  int exclamation_marks;  // '!' after emoji replacement ("ON! arrow")
  int question_marks;
};

// The reference's view of a text: emoji replaced by their descriptions, split
// on Python whitespace, punctuation stripped by _strip_punc_if_word.
struct VaderText {
  // The text tokenized, which the tokens view.
  std::string_view text;
  std::vector<VaderToken> tokens;
  std::vector<VaderWord> words;
  // Storage for the lowercase forms that differ from the text, and scratch
  // reused between calls.
  std::string lowered;
  struct LowerSpan {
    std::size_t begin;  // in the text or in `lowered`
    std::size_t size;
    bool in_text;
  };
  std::vector<LowerSpan> lower_spans;
  std::string emoji_replaced;
  std::vector<std::size_t> exclamation_positions;
  std::vector<std::size_t> question_positions;
  // Whether the text has a typographic apostrophe (U+2019), so that scoring
  // that reads it as ASCII's (VaderWordTable::reads_typographic_apostrophes)
  // looks at the tokens only then.
  bool has_typographic_apostrophe = false;
};

// `text` must be valid UTF-8, and stay alive while `out` is used: tokens
// may view it. Linear in the size of the text.
void TokenizeForVader(std::string_view text, const EmojiLexicon& emojis,
                      const PythonUnicode& unicode, VaderText* out);

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_VADER_TOKENIZER_H_
