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

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_TEXT_WORDS_H_
