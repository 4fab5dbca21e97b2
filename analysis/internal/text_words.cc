#include "analysis/internal/text_words.h"

#include <algorithm>
#include <cstdint>

#include "common/utf8.h"

namespace guestvoice::analysis {
namespace {

constexpr char32_t kRightSingleQuotationMark = 0x2019;  // ’ as in "didn’t"

bool IsApostrophe(char32_t c) {
  return c == '\'' || c == kRightSingleQuotationMark;
}

// What each byte is to a word: ASCII letters, digits and '$' make words;
// uppercase letters also need lowercasing. Non-ASCII bytes are kOther here
// (decoded and judged by IsWordCharacter).
enum class AsciiClass : std::uint8_t { kOther, kWord, kUpperWord };
struct AsciiClasses {
  AsciiClass of[256];
  constexpr AsciiClasses() : of() {
    for (int c = 0; c < 256; ++c) {
      const bool upper = c >= 'A' && c <= 'Z';
      const bool word =
          (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '$';
      of[c] = upper  ? AsciiClass::kUpperWord
              : word ? AsciiClass::kWord
                     : AsciiClass::kOther;
    }
  }
};
constexpr AsciiClasses kAsciiClasses;

AsciiClass ClassOf(char c) {
  return kAsciiClasses.of[static_cast<std::uint8_t>(c)];
}

bool IsAsciiWordCharacter(char c) { return ClassOf(c) != AsciiClass::kOther; }

// Currency signs stay with their amount ("£28", "$300") so that taxonomy
// terms such as "£*" can match prices.
bool IsCurrencySign(char32_t c) {
  return (c >= 0xA2 && c <= 0xA5) || (c >= 0x20A0 && c <= 0x20CF);
}

// Non-ASCII letters (accented Latin, Cyrillic, Greek, CJK...) and combining
// marks belong to words; whitespace, punctuation and symbols such as emoji,
// currency signs and typographic quotes do not.
bool IsWordCharacter(char32_t c, const PythonUnicode& unicode) {
  if (c < 0x80) return IsAsciiWordCharacter(static_cast<char>(c));
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
  std::vector<TextWords::Span>& spans = out->spans;
  spans.clear();
  // A word that is already lowercase ASCII is viewed in `text` itself; the
  // others are lowercased into `lowered`. Spans hold offsets while `lowered`
  // may still reallocate; views are made at the end.
  bool in_word = false;
  auto copy_to_lowered = [&](TextWords::Span& span) {
    if (!span.in_text) return;
    span.in_text = false;
    span.lowered_begin = out->lowered.size();
    out->lowered.append(text.data() + span.begin, span.end - span.begin);
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (IsAsciiWordCharacter(text[pos])) {
      // The common case: a run of ASCII letters and digits, at once.
      std::size_t run_end = pos + 1;
      bool has_upper = ClassOf(text[pos]) == AsciiClass::kUpperWord;
      for (; run_end < text.size(); ++run_end) {
        const AsciiClass c = ClassOf(text[run_end]);
        if (c == AsciiClass::kOther) break;
        has_upper |= c == AsciiClass::kUpperWord;
      }
      if (!in_word) {
        spans.push_back({pos, pos, 0, 0, true});
        in_word = true;
      }
      TextWords::Span& span = spans.back();
      if (has_upper || !span.in_text) {
        copy_to_lowered(span);
        for (std::size_t i = pos; i < run_end; ++i) {
          const char c = text[i];
          out->lowered.push_back(
              c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c);
        }
      }
      span.end = run_end;
      pos = run_end;
      continue;
    }
    const utf8::Step step = utf8::Decode(text, pos);
    const std::size_t next = pos + step.length;
    if (IsWordCharacter(step.code_point, unicode)) {
      if (!in_word) {
        spans.push_back({pos, pos, 0, 0, true});
        in_word = true;
      }
      TextWords::Span& span = spans.back();
      copy_to_lowered(span);
      unicode.AppendLowercase(step.code_point, &out->lowered);
      span.end = next;
    } else if (in_word && IsApostrophe(step.code_point) && next < text.size() &&
               IsWordCharacter(utf8::Decode(text, next).code_point, unicode)) {
      TextWords::Span& span = spans.back();
      copy_to_lowered(span);
      out->lowered.push_back('\'');  // "didn’t" and "didn't" alike
    } else if (in_word) {
      TextWords::Span& span = spans.back();
      if (!span.in_text) span.lowered_end = out->lowered.size();
      in_word = false;
    }
    pos = next;
  }
  if (in_word && !spans.back().in_text) {
    spans.back().lowered_end = out->lowered.size();
  }

  const std::string_view lowered = out->lowered;
  out->words.reserve(spans.size());
  for (const TextWords::Span& span : spans) {
    const std::string_view lower =
        span.in_text ? text.substr(span.begin, span.end - span.begin)
                     : lowered.substr(span.lowered_begin,
                                      span.lowered_end - span.lowered_begin);
    out->words.push_back({lower, span.begin, span.end});
  }
}

void SplitPartWords(std::string_view text, const TextWords& text_words,
                    std::string_view part, const PythonUnicode& unicode,
                    TextWords* out) {
  const std::size_t begin = static_cast<std::size_t>(part.data() - text.data());
  const std::size_t end = begin + part.size();
  const std::vector<TextWord>& words = text_words.words;
  // The first word that ends after `part` begins.
  auto word = std::partition_point(
      words.begin(), words.end(),
      [begin](const TextWord& w) { return w.end <= begin; });
  out->words.clear();
  for (; word != words.end() && word->begin < end; ++word) {
    if (word->begin < begin || word->end > end) {
      // A word across an end: alone, `part` splits it differently.
      SplitTextWords(part, unicode, out);
      return;
    }
    out->words.push_back({word->lower, word->begin - begin, word->end - begin});
  }
}

}  // namespace guestvoice::analysis
