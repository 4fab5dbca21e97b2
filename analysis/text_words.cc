#include "analysis/text_words.h"

#include "analysis/utf8.h"

namespace guestvoice::analysis {
namespace {

constexpr char32_t kRightSingleQuotationMark = 0x2019;  // ’ as in "didn’t"

bool IsApostrophe(char32_t c) {
  return c == '\'' || c == kRightSingleQuotationMark;
}

bool IsAsciiWordCharacter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '$';
}

// Currency signs stay with their amount ("£28", "$300") so that taxonomy
// terms such as "£*" can match prices.
bool IsCurrencySign(char32_t c) {
  return (c >= 0xA2 && c <= 0xA5) || (c >= 0x20A0 && c <= 0x20CF);
}

// Non-ASCII letters (accented Latin, Cyrillic, Greek, CJK...) and combining
// marks belong to words; whitespace, punctuation and symbols such as emoji,
// currency signs and typographic quotes do not.
bool IsWordCharacter(char32_t c, const PythonUnicode& unicode) {
  if (c < 0x80) return IsAsciiWordCharacter(c);
  if (IsCurrencySign(c)) return true;
  if (unicode.IsSpace(c)) return false;
  if (unicode.CaseOf(c) != PythonUnicode::Case::kUncased) return true;
  if (c < 0xC0 || c == 0xD7 || c == 0xF7) return false;  // Latin-1 symbols
  return c < 0x2000 ||                   // other scripts' letters and marks
         (c >= 0x3040 && c < 0xD800) ||  // kana, CJK, Hangul
         (c >= 0xF900 && c < 0xFB00) ||  // CJK compatibility
         (c >= 0x20000 && c < 0x40000);  // CJK extensions
}

}  // namespace

void SplitTextWords(std::string_view text, const PythonUnicode& unicode,
                    TextWords* out) {
  out->words.clear();
  out->lowered.clear();
  out->lowered.reserve(text.size());
  // Offsets while `lowered` may still reallocate; views are made at the end.
  struct Span {
    std::size_t lowered_begin, begin, end;
  };
  std::vector<Span> spans;
  std::vector<std::size_t> lowered_ends;
  bool in_word = false;
  auto finish_word = [&] {
    lowered_ends.push_back(out->lowered.size());
    in_word = false;
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    const utf8::Step step = utf8::Decode(text, pos);
    const std::size_t next = pos + step.length;
    if (IsWordCharacter(step.code_point, unicode)) {
      if (!in_word) {
        spans.push_back({out->lowered.size(), pos, next});
        in_word = true;
      }
      unicode.AppendLowercase(step.code_point, &out->lowered);
      spans.back().end = next;
    } else if (in_word && IsApostrophe(step.code_point) && next < text.size() &&
               IsWordCharacter(utf8::Decode(text, next).code_point, unicode)) {
      out->lowered.push_back('\'');  // "didn’t" and "didn't" alike
    } else if (in_word) {
      finish_word();
    }
    pos = next;
  }
  if (in_word) finish_word();

  const std::string_view lowered = out->lowered;
  out->words.reserve(spans.size());
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const Span& span = spans[i];
    out->words.push_back({lowered.substr(span.lowered_begin,
                                         lowered_ends[i] - span.lowered_begin),
                          span.begin, span.end});
  }
}

}  // namespace guestvoice::analysis
