#ifndef GUESTVOICE_ANALYSIS_INTERNAL_TEXT_WORDS_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_TEXT_WORDS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/internal/python_unicode.h"

namespace guestvoice::analysis {

// The words of a text for aspect matching: runs of letters, digits, currency
// signs and inner apostrophes, lowercased. Every other character separates
// words, so "check-in", "check in" and "Check In!" all give {"check", "in"},
// and "kids' club" gives {"kids", "club"}. Used alike for texts and for
// taxonomy terms, so both sides split the same way.
struct TextWord {
  std::string_view lower;  // into the text, or into TextWords::lowered
  std::size_t begin;       // byte offsets in the text
  std::size_t end;
};

struct TextWords {
  std::vector<TextWord> words;
  std::string lowered;
  // Scratch reused between calls.
  struct Span {
    std::size_t begin, end;  // in the text
    std::size_t lowered_begin, lowered_end;
    bool in_text;  // already lowercase: `lower` views the text
  };
  std::vector<Span> spans;
};

// `text` must be valid UTF-8. Linear in the size of the text.
void SplitTextWords(std::string_view text, const PythonUnicode& unicode,
                    TextWords* out);

// SplitTextWords(part, unicode, out) for `part`, a view into the `text` that
// `text_words` holds the words of, without splitting it again: its words are
// copied from `text_words` with offsets made relative to `part`, so their
// views point into `text` and `text_words`, which must outlive `out`. The
// words are the same unless one runs across an end of `part` ("did|n't"),
// and then `part` is split afresh. So a text is split once however many
// clauses and sentences of it are looked at.
void SplitPartWords(std::string_view text, const TextWords& text_words,
                    std::string_view part, const PythonUnicode& unicode,
                    TextWords* out);

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_TEXT_WORDS_H_
