#include "analysis/internal/clause_splitter.h"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "common/utf8.h"

namespace guestvoice::analysis {
namespace {

constexpr char32_t kEllipsis = 0x2026;

// The contrastive conjunctions (but, however, although, though, whereas)
// start with different letters, so a word's first letter names the only
// one it may be.
std::string_view ConjunctionStartingWith(char lower_first) {
  switch (lower_first) {
    case 'b':
      return "but";
    case 'h':
      return "however";
    case 'a':
      return "although";
    case 't':
      return "though";
    case 'w':
      return "whereas";
    default:
      return {};
  }
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool IsAsciiWhitespace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// Sentence punctuation that always ends a clause (with the rest of its run).
bool IsClauseEnd(char32_t c) {
  return c == '!' || c == '?' || c == ';' || c == '\n' || c == '\r' ||
         c == kEllipsis;
}

// True if `conjunction` (lowercase) starts at text[pos] and ends at a word
// boundary. Callers check that a word boundary precedes pos.
bool WordAt(std::string_view text, std::size_t pos,
            std::string_view conjunction) {
  if (conjunction.empty() || pos + conjunction.size() > text.size()) {
    return false;
  }
  for (std::size_t i = 0; i < conjunction.size(); ++i) {
    if (AsciiLower(text[pos + i]) != conjunction[i]) return false;
  }
  const std::size_t end = pos + conjunction.size();
  if (end == text.size()) return true;
  const char after = text[end];
  return !IsAsciiAlnum(after) && after != '\'' &&
         static_cast<std::uint8_t>(after) < 0x80;
}

// True if the word before text[end] (within [begin, end)) is `lower_word`,
// in any case.
bool WordEndsAt(std::string_view text, std::size_t begin, std::size_t end,
                std::string_view lower_word) {
  if (end < begin + lower_word.size()) return false;
  const std::size_t start = end - lower_word.size();
  for (std::size_t i = 0; i < lower_word.size(); ++i) {
    if (AsciiLower(text[start + i]) != lower_word[i]) return false;
  }
  return start == begin || !IsAsciiAlnum(text[start - 1]);
}

// True if a contrastive conjunction starts at text[pos]: English's when
// `conjunctions` is null, else one of those.
bool ConjunctionAt(std::string_view text, std::size_t pos,
                   const std::vector<std::string_view>* conjunctions) {
  if (conjunctions == nullptr) {
    return WordAt(text, pos, ConjunctionStartingWith(AsciiLower(text[pos])));
  }
  for (std::string_view conjunction : *conjunctions) {
    if (WordAt(text, pos, conjunction)) return true;
  }
  return false;
}

// Bytes that may end a clause: sentence punctuation, line breaks and every
// non-ASCII byte; with `before_conjunctions`, also the ASCII whitespace a
// conjunction may follow.
struct InterestingBytes {
  bool is[256];
  constexpr explicit InterestingBytes(bool before_conjunctions) : is() {
    for (char c : {'.', '!', '?', ';', '\n', '\r'}) {
      is[static_cast<std::uint8_t>(c)] = true;
    }
    if (before_conjunctions) {
      for (char c : {' ', '\t', '\f', '\v'}) {
        is[static_cast<std::uint8_t>(c)] = true;
      }
    }
    for (int b = 0x80; b < 256; ++b) is[b] = true;
  }
};
constexpr InterestingBytes kClauseBytes(/*before_conjunctions=*/true);
// Splitting into sentences (no conjunctions), most of a text's whitespace
// needs no look either.
constexpr InterestingBytes kSentenceBytes(/*before_conjunctions=*/false);

// [begin, end) without leading and trailing Python whitespace.
std::string_view Trim(std::string_view text, std::size_t begin, std::size_t end,
                      const PythonUnicode& unicode) {
  while (begin < end) {
    const utf8::Step step = utf8::Decode(text, begin);
    if (!unicode.IsSpace(step.code_point)) break;
    begin += step.length;
  }
  while (end > begin) {
    // Back up to the first byte of the last code point.
    std::size_t last = end - 1;
    while (last > begin &&
           (static_cast<std::uint8_t>(text[last]) & 0xC0) == 0x80) {
      --last;
    }
    if (!unicode.IsSpace(utf8::Decode(text, last).code_point)) break;
    end = last;
  }
  return text.substr(begin, end - begin);
}

// SplitClauses with English's conjunctions when `conjunctions` is null.
void SplitClausesAt(std::string_view text, const PythonUnicode& unicode,
                    const std::vector<std::string_view>* conjunctions,
                    std::vector<std::string_view>* clauses) {
  clauses->clear();
  auto add_clause = [&](std::size_t begin, std::size_t end) {
    const std::string_view clause = Trim(text, begin, end, unicode);
    if (!clause.empty()) clauses->push_back(clause);
  };

  const InterestingBytes& interesting =
      conjunctions != nullptr && conjunctions->empty() ? kSentenceBytes
                                                       : kClauseBytes;
  std::size_t clause_begin = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char byte = text[pos];
    // Only sentence punctuation, whitespace and non-ASCII need a look; the
    // rest (letters, digits, commas...) is the bulk of any text.
    if (!interesting.is[static_cast<std::uint8_t>(byte)]) {
      ++pos;
      continue;
    }
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
    } else if (IsAsciiWhitespace(byte) && next < text.size() &&
               next > clause_begin + 1 &&
               ConjunctionAt(text, next, conjunctions) &&
               // "anything but helpful" says "not helpful", no contrast.
               !(conjunctions == nullptr &&
                 WordEndsAt(text, clause_begin, pos, "anything"))) {
      // A conjunction after whitespace starts the next clause.
      add_clause(clause_begin, next);
      clause_begin = next;
    }
    pos = next;
  }
  add_clause(clause_begin, text.size());
}

}  // namespace

void SplitClauses(std::string_view text, const PythonUnicode& unicode,
                  std::vector<std::string_view>* clauses) {
  SplitClausesAt(text, unicode, nullptr, clauses);
}

void SplitClauses(std::string_view text, const PythonUnicode& unicode,
                  const std::vector<std::string_view>& conjunctions,
                  std::vector<std::string_view>* clauses) {
  SplitClausesAt(text, unicode, &conjunctions, clauses);
}

}  // namespace guestvoice::analysis
