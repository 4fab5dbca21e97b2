#include "analysis/clause_splitter.h"

#include <array>
#include <cstddef>

#include "analysis/utf8.h"

namespace guestvoice::analysis {
namespace {

constexpr char32_t kEllipsis = 0x2026;

constexpr std::array<std::string_view, 5> kContrastiveConjunctions = {
    "but", "however", "although", "though", "whereas"};

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Sentence punctuation that always ends a clause (with the rest of its run).
bool IsClauseEnd(char32_t c) {
  return c == '!' || c == '?' || c == ';' || c == '\n' || c == '\r' ||
         c == kEllipsis;
}

// True if a contrastive conjunction starts at text[pos] as a whole word.
bool ConjunctionAt(std::string_view text, std::size_t pos) {
  if (pos > 0 && IsAsciiAlnum(text[pos - 1])) return false;
  for (std::string_view conjunction : kContrastiveConjunctions) {
    if (pos + conjunction.size() > text.size()) continue;
    bool equal = true;
    for (std::size_t i = 0; i < conjunction.size() && equal; ++i) {
      equal = AsciiLower(text[pos + i]) == conjunction[i];
    }
    const std::size_t end = pos + conjunction.size();
    if (equal && (end == text.size() ||
                  (!IsAsciiAlnum(text[end]) && text[end] != '\'' &&
                   static_cast<unsigned char>(text[end]) < 0x80))) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string_view> SplitClauses(std::string_view text,
                                           const PythonUnicode& unicode) {
  std::vector<std::string_view> clauses;
  auto add_clause = [&](std::size_t begin, std::size_t end) {
    // Trim Python whitespace on both sides.
    std::size_t trimmed_begin = end;
    std::size_t trimmed_end = begin;
    for (std::size_t pos = begin; pos < end;) {
      const utf8::Step step = utf8::Decode(text, pos);
      if (!unicode.IsSpace(step.code_point)) {
        if (trimmed_begin == end) trimmed_begin = pos;
        trimmed_end = pos + step.length;
      }
      pos += step.length;
    }
    if (trimmed_begin < trimmed_end) {
      clauses.push_back(
          text.substr(trimmed_begin, trimmed_end - trimmed_begin));
    }
  };

  std::size_t clause_begin = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const utf8::Step step = utf8::Decode(text, pos);
    const char32_t c = step.code_point;
    std::size_t next = pos + step.length;
    bool ends_clause = IsClauseEnd(c);
    // A full stop ends a clause unless a letter or digit follows directly.
    if (c == '.')
      ends_clause = next == text.size() || !IsAsciiAlnum(text[next]);
    if (ends_clause) {
      // Keep the whole run of sentence punctuation ("?!", "...").
      while (next < text.size()) {
        const utf8::Step following = utf8::Decode(text, next);
        if (!IsClauseEnd(following.code_point) && following.code_point != '.') {
          break;
        }
        next += following.length;
      }
      add_clause(clause_begin, next);
      clause_begin = next;
    } else if (pos > clause_begin && ConjunctionAt(text, pos)) {
      add_clause(clause_begin, pos);
      clause_begin = pos;
    }
    pos = next;
  }
  add_clause(clause_begin, text.size());
  return clauses;
}

}  // namespace guestvoice::analysis
