#include "analysis/vader_tokenizer.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "analysis/utf8.h"

namespace guestvoice::analysis {
namespace {

bool IsAscii(char c) { return static_cast<std::uint8_t>(c) < 0x80; }

// Python's string.punctuation: ASCII only, so bytewise stripping is exact.
bool IsAsciiPunctuation(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
         (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

// polarity_scores' emoji loop: each code point found in the emoji lexicon is
// replaced by its description, preceded by a space unless the previous
// character was a space (' ' only). Returns `text` itself when nothing
// changes, which is the common case.
std::string_view ReplaceEmoji(std::string_view text, const EmojiLexicon& emojis,
                              std::string* storage) {
  storage->clear();
  bool replaced_any = false;
  bool previous_was_space = true;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (IsAscii(text[pos])) {
      if (replaced_any) storage->push_back(text[pos]);
      previous_was_space = text[pos] == ' ';
      ++pos;
      continue;
    }
    const utf8::Step step = utf8::Decode(text, pos);
    const std::string* description = emojis.Find(step.code_point);
    if (description == nullptr) {
      if (replaced_any) storage->append(text.substr(pos, step.length));
      previous_was_space = false;
    } else {
      if (!replaced_any) {
        storage->reserve(text.size() + 64);
        storage->assign(text.substr(0, pos));
        replaced_any = true;
      }
      if (!previous_was_space) storage->push_back(' ');
      storage->append(*description);
      previous_was_space = false;
    }
    pos += step.length;
  }
  return replaced_any ? std::string_view(*storage) : text;
}

std::size_t CountCodePointsUpTo(std::string_view text, std::size_t limit) {
  std::size_t count = 0;
  for (char c : text) {
    if ((static_cast<std::uint8_t>(c) & 0xC0) != 0x80 && ++count > limit) break;
  }
  return count;
}

// _strip_punc_if_word: strip leading and trailing punctuation unless that
// leaves two characters or fewer (then the token is probably an emoticon and
// is kept whole, punctuation included: "ok!" stays "ok!").
std::string_view StripPunctuationIfWord(std::string_view token) {
  std::size_t begin = 0;
  std::size_t end = token.size();
  while (begin < end && IsAsciiPunctuation(token[begin])) ++begin;
  while (end > begin && IsAsciiPunctuation(token[end - 1])) --end;
  std::string_view stripped = token.substr(begin, end - begin);
  return CountCodePointsUpTo(stripped, 2) <= 2 ? token : stripped;
}

}  // namespace

void TokenizeForVader(std::string_view text, const EmojiLexicon& emojis,
                      const PythonUnicode& unicode, VaderText* out) {
  text = ReplaceEmoji(text, emojis, &out->emoji_replaced);
  out->tokens.clear();
  out->lowered.clear();
  out->lowered.reserve(text.size());
  out->exclamation_marks =
      static_cast<int>(std::count(text.begin(), text.end(), '!'));
  out->question_marks =
      static_cast<int>(std::count(text.begin(), text.end(), '?'));

  // Offsets into `lowered` while it may still reallocate; views at the end.
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::vector<bool> upper_flags;
  auto emit = [&](std::string_view raw) {
    const std::string_view token = StripPunctuationIfWord(raw);
    const std::size_t start = out->lowered.size();
    bool has_upper = false;
    bool has_lower = false;
    std::size_t pos = 0;
    while (pos < token.size()) {
      const utf8::Step step = utf8::Decode(token, pos);
      switch (unicode.CaseOf(step.code_point)) {
        case PythonUnicode::Case::kUpper:
          has_upper = true;
          break;
        case PythonUnicode::Case::kLowerOrTitle:
          has_lower = true;
          break;
        case PythonUnicode::Case::kUncased:
          break;
      }
      unicode.AppendLowercase(step.code_point, &out->lowered);
      pos += step.length;
    }
    spans.emplace_back(start, out->lowered.size() - start);
    upper_flags.push_back(has_upper && !has_lower);
  };

  std::size_t token_start = 0;
  bool in_token = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const utf8::Step step = utf8::Decode(text, pos);
    const bool space = unicode.IsSpace(step.code_point);
    if (space && in_token) {
      emit(text.substr(token_start, pos - token_start));
      in_token = false;
    } else if (!space && !in_token) {
      token_start = pos;
      in_token = true;
    }
    pos += step.length;
  }
  if (in_token) emit(text.substr(token_start));

  out->tokens.reserve(spans.size());
  const std::string_view lowered = out->lowered;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    out->tokens.push_back(
        {lowered.substr(spans[i].first, spans[i].second), upper_flags[i]});
  }
}

}  // namespace guestvoice::analysis
