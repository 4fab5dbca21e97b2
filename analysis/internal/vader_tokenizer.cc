#include "analysis/internal/vader_tokenizer.h"

#include <cstdint>

#include "common/utf8.h"

namespace guestvoice::analysis {
namespace {

bool IsAsciiByte(char c) { return static_cast<std::uint8_t>(c) < 0x80; }

// Python's string.punctuation: ASCII only, so bytewise stripping is exact.
bool IsAsciiPunctuation(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
         (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

// polarity_scores' emoji loop over one run of non-whitespace: each code
// point found in the emoji lexicon is replaced by its description, preceded
// by a space unless the previous character was a space (' ' only; at the
// start of a run the previous character is whitespace, and any space added
// there would change no token). Returns `text` itself when nothing changes.
std::string_view ReplaceEmoji(std::string_view text, const EmojiLexicon& emojis,
                              std::string* storage) {
  storage->clear();
  bool replaced_any = false;
  bool previous_was_space = true;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (IsAsciiByte(text[pos])) {
      if (replaced_any) storage->push_back(text[pos]);
      previous_was_space = text[pos] == ' ';
      ++pos;
      continue;
    }
    const utf8::Step step = utf8::DecodeMultiByte(text, pos);
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

// len(text) <= 2 in code points. A code point takes 1 to 4 bytes, so only
// texts of 3 to 8 bytes need counting.
bool AtMostTwoCodePoints(std::string_view text) {
  if (text.size() <= 2) return true;
  if (text.size() > 8) return false;
  std::size_t count = 0;
  for (char c : text) {
    if ((static_cast<std::uint8_t>(c) & 0xC0) != 0x80) ++count;
  }
  return count <= 2;
}

// _strip_punc_if_word: strip leading and trailing punctuation unless that
// leaves two characters or fewer (then the token is probably an emoticon and
// is kept whole, punctuation included: "ok!" stays "ok!").
std::string_view StripPunctuationIfWord(std::string_view token, bool ascii) {
  std::size_t begin = 0;
  std::size_t end = token.size();
  while (begin < end && IsAsciiPunctuation(token[begin])) ++begin;
  while (end > begin && IsAsciiPunctuation(token[end - 1])) --end;
  std::string_view stripped = token.substr(begin, end - begin);
  const bool short_enough =
      ascii ? stripped.size() <= 2 : AtMostTwoCodePoints(stripped);
  return short_enough ? token : stripped;
}

// Per-byte facts for ASCII tokens: its lowercase and whether it is an
// uppercase or a lowercase letter (CPython's ASCII case rules are plain A-Z /
// a-z; python_unicode_test checks the generated table agrees).
struct AsciiCaseTable {
  static constexpr std::uint8_t kUpper = 1;
  static constexpr std::uint8_t kLower = 2;
  char lower[128];
  std::uint8_t flags[128];
  constexpr AsciiCaseTable() : lower(), flags() {
    for (int c = 0; c < 128; ++c) {
      const bool upper = c >= 'A' && c <= 'Z';
      lower[c] = static_cast<char>(upper ? c + ('a' - 'A') : c);
      flags[c] = upper ? kUpper : (c >= 'a' && c <= 'z') ? kLower : 0;
    }
  }
};
constexpr AsciiCaseTable kAsciiCase;

// The kUpper and kLower flags of an all-ASCII token's letters.
std::uint8_t AsciiCaseFlags(std::string_view token) {
  std::uint8_t flags = 0;
  for (char c : token) flags |= kAsciiCase.flags[static_cast<std::uint8_t>(c)];
  return flags;
}

// Appends the lowercase of an all-ASCII token.
void AppendAsciiLowercase(std::string_view token, std::string* lowered) {
  const std::size_t start = lowered->size();
  lowered->append(token.data(), token.size());
  char* out = lowered->data() + start;
  for (std::size_t i = 0; i < token.size(); ++i) {
    out[i] = kAsciiCase.lower[static_cast<std::uint8_t>(token[i])];
  }
}

// Appends str.lower() of `token` to `lowered`; returns str.isupper().
bool LowercaseToken(std::string_view token, const PythonUnicode& unicode,
                    std::string* lowered) {
  bool has_upper = false;
  bool has_lower = false;
  std::size_t pos = 0;
  while (pos < token.size()) {
    const char c = token[pos];
    if (IsAsciiByte(c)) {
      const bool upper = c >= 'A' && c <= 'Z';
      has_upper |= upper;
      has_lower |= c >= 'a' && c <= 'z';
      lowered->push_back(upper ? static_cast<char>(c + ('a' - 'A')) : c);
      ++pos;
      continue;
    }
    const utf8::Step step = utf8::DecodeMultiByte(token, pos);
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
    unicode.AppendLowercase(step.code_point, lowered);
    pos += step.length;
  }
  return has_upper && !has_lower;
}

// Calls emit(token) for each run of non-whitespace (Python's str.split()).
template <typename Emit>
void SplitOnPythonWhitespace(std::string_view text, bool ascii,
                             const PythonUnicode& unicode, Emit emit) {
  const std::size_t size = text.size();
  if (ascii) {
    std::size_t pos = 0;
    while (true) {
      while (pos < size &&
             unicode.IsSpace(static_cast<std::uint8_t>(text[pos]))) {
        ++pos;
      }
      if (pos == size) return;
      const std::size_t start = pos;
      while (pos < size &&
             !unicode.IsSpace(static_cast<std::uint8_t>(text[pos]))) {
        ++pos;
      }
      emit(text.substr(start, pos - start));
    }
  }
  std::size_t token_start = 0;
  bool in_token = false;
  std::size_t pos = 0;
  while (pos < size) {
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
}

// Sets `positions` to those of every `mark` in `text`. find (memchr) skips
// the bulk of a text quickly: marks are rare.
void FindAll(std::string_view text, char mark,
             std::vector<std::size_t>* positions) {
  positions->clear();
  for (std::size_t pos = text.find(mark); pos != std::string_view::npos;
       pos = text.find(mark, pos + 1)) {
    positions->push_back(pos);
  }
}

// Counts sorted positions run by run, the runs coming in text order.
class MarkCursor {
 public:
  explicit MarkCursor(const std::vector<std::size_t>& positions)
      : positions_(positions) {}

  // The positions before `end` not counted yet.
  int CountBefore(std::size_t end) {
    int count = 0;
    for (; next_ < positions_.size() && positions_[next_] < end; ++next_) {
      ++count;
    }
    return count;
  }

 private:
  const std::vector<std::size_t>& positions_;
  std::size_t next_ = 0;
};

}  // namespace

void TokenizeForVader(std::string_view text, const EmojiLexicon& emojis,
                      const PythonUnicode& unicode, VaderText* out) {
  out->text = text;
  const bool ascii = utf8::IsAscii(text);
  out->has_typographic_apostrophe =
      !ascii && text.find(kTypographicApostrophe) != std::string_view::npos;
  out->tokens.clear();
  out->words.clear();
  out->lowered.clear();
  out->lowered.reserve(text.size());
  out->lower_spans.clear();

  // A token's lowercase form is the text itself when the token is ASCII
  // without capitals (most are); otherwise it is written to `lowered`.
  auto add_token = [&](std::string_view raw, bool raw_is_ascii) {
    const std::string_view token = StripPunctuationIfWord(raw, raw_is_ascii);
    bool is_upper = false;
    if (raw_is_ascii) {
      const std::uint8_t flags = AsciiCaseFlags(token);
      is_upper = flags == AsciiCaseTable::kUpper;
      if ((flags & AsciiCaseTable::kUpper) == 0) {
        const auto begin = static_cast<std::size_t>(token.data() - text.data());
        out->lower_spans.push_back({begin, token.size(), true});
      } else {
        out->lower_spans.push_back({out->lowered.size(), token.size(), false});
        AppendAsciiLowercase(token, &out->lowered);
      }
    } else {
      const std::size_t begin = out->lowered.size();
      is_upper = LowercaseToken(token, unicode, &out->lowered);
      out->lower_spans.push_back({begin, out->lowered.size() - begin, false});
    }
    out->tokens.push_back({std::string_view(), is_upper});
  };
  // Where the text's '!' and '?' are, so each run's counts come from a cursor
  // rather than a scan of every run.
  FindAll(text, '!', &out->exclamation_positions);
  FindAll(text, '?', &out->question_positions);
  MarkCursor exclamations(out->exclamation_positions);
  MarkCursor questions(out->question_positions);

  SplitOnPythonWhitespace(text, ascii, unicode, [&](std::string_view run) {
    const std::size_t begin =
        static_cast<std::size_t>(run.data() - text.data());
    VaderWord word{begin, begin + run.size(), out->tokens.size(), 0, 0, 0};
    word.exclamation_marks = exclamations.CountBefore(word.end);
    word.question_marks = questions.CountBefore(word.end);
    const bool run_is_ascii = ascii || utf8::IsAscii(run);
    // The run after emoji replacement: itself, or the run with descriptions
    // (which contain spaces, so it may hold several tokens, and may add a
    // '!' as in "ON! arrow").
    const std::string_view replaced =
        run_is_ascii ? run : ReplaceEmoji(run, emojis, &out->emoji_replaced);
    if (replaced.data() != run.data()) {
      word.exclamation_marks = 0;
      word.question_marks = 0;
      for (char c : replaced) {
        word.exclamation_marks += c == '!';
        word.question_marks += c == '?';
      }
    }
    if (replaced.data() == run.data()) {
      add_token(run, run_is_ascii);
    } else {
      SplitOnPythonWhitespace(replaced, /*ascii=*/false, unicode,
                              [&](std::string_view part) {
                                add_token(part, /*raw_is_ascii=*/false);
                              });
    }
    word.end_token = out->tokens.size();
    out->words.push_back(word);
  });

  // `lowered` may have reallocated: views are made now.
  const std::string_view lowered = out->lowered;
  for (std::size_t i = 0; i < out->tokens.size(); ++i) {
    const VaderText::LowerSpan& span = out->lower_spans[i];
    out->tokens[i].lower =
        (span.in_text ? text : lowered).substr(span.begin, span.size);
  }
}

}  // namespace guestvoice::analysis
