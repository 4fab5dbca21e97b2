#include "analysis/internal/diacritics.h"

#include <algorithm>
#include <cstddef>

namespace guestvoice::analysis {
namespace {

// U+00E0..U+00FF, indexed by code point - 0xE0: the base letter, or 0 for
// the letters without one (æ, ð, ø, þ) and for ÷.
constexpr char kLatin1LowerBase[32] = {
    'a', 'a', 'a', 'a', 'a', 'a', 0,   'c',  // à á â ã ä å æ ç
    'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',  // è é ê ë ì í î ï
    0,   'n', 'o', 'o', 'o', 'o', 'o', 0,    // ð ñ ò ó ô õ ö ÷
    0,   'u', 'u', 'u', 'u', 'y', 0,   'y',  // ø ù ú û ü ý þ ÿ
};

// The base letter of the two-byte UTF-8 sequence `lead` `trail`, as a view
// of kLatin1LowerBase, or empty.
std::string_view BaseLetter(unsigned char lead, unsigned char trail) {
  // U+00E0..U+00FF is C3 A0..C3 BF.
  if (lead != 0xC3 || trail < 0xA0 || trail > 0xBF ||
      kLatin1LowerBase[trail - 0xA0] == 0) {
    return {};
  }
  return std::string_view(&kLatin1LowerBase[trail - 0xA0], 1);
}

// What the two-byte UTF-8 sequence `lead` `trail` is typed as without
// diacritics (TypedWithoutDiacritics), or empty when it stays.
std::string_view PlainLetters(unsigned char lead, unsigned char trail,
                              bool umlauts_as_digraphs) {
  if (lead == 0xC5 && trail == 0x93) return "oe";  // œ, U+0153
  if (umlauts_as_digraphs && lead == 0xC3) {
    switch (trail) {
      case 0xA4:  // ä
        return "ae";
      case 0xB6:  // ö
        return "oe";
      case 0xBC:  // ü
        return "ue";
      case 0x9F:  // ß
        return "ss";
    }
  }
  return BaseLetter(lead, trail);
}

// Where the first two-byte sequence replacement(lead, trail) replaces
// starts in `word`, or word.size(). Every sequence replaced here starts with
// 0xC3 (U+00C0..U+00FF) or 0xC5 (œ), so other bytes are passed over cheaply:
// most words are plain ASCII.
template <typename Replacement>
std::size_t FirstReplaced(std::string_view word, Replacement replacement) {
  for (std::size_t i = 0; i + 1 < word.size(); ++i) {
    const auto lead = static_cast<unsigned char>(word[i]);
    if (lead != 0xC3 && lead != 0xC5) continue;
    if (!replacement(word[i], word[i + 1]).empty()) return i;
  }
  return word.size();
}

// `word` with each two-byte sequence for which replacement(lead, trail) is
// not empty replaced by it: `word` itself when there is none, else the copy
// in `buffer`.
template <typename Replacement>
std::string_view Rewrite(std::string_view word, std::string* buffer,
                         Replacement replacement) {
  const std::size_t first = FirstReplaced(word, replacement);
  if (first == word.size()) return word;
  buffer->assign(word.substr(0, first));
  for (std::size_t i = first; i < word.size(); ++i) {
    const std::string_view replaced = i + 1 < word.size()
                                          ? replacement(word[i], word[i + 1])
                                          : std::string_view();
    if (replaced.empty()) {
      buffer->push_back(word[i]);
    } else {
      buffer->append(replaced);
      ++i;  // the trail byte
    }
  }
  return *buffer;
}

}  // namespace

std::string_view FoldDiacritics(std::string_view lower_word,
                                std::string* buffer) {
  return Rewrite(lower_word, buffer, BaseLetter);
}

std::string_view TypedWithoutDiacritics(std::string_view lower_word,
                                        bool umlauts_as_digraphs,
                                        std::string* buffer) {
  return Rewrite(
      lower_word, buffer,
      [umlauts_as_digraphs](unsigned char lead, unsigned char trail) {
        return PlainLetters(lead, trail, umlauts_as_digraphs);
      });
}

bool HasDiacritics(std::string_view lower_text, bool umlauts_as_digraphs) {
  return FirstReplaced(lower_text, [umlauts_as_digraphs](unsigned char lead,
                                                         unsigned char trail) {
           return PlainLetters(lead, trail, umlauts_as_digraphs);
         }) != lower_text.size();
}

bool IsTypedWithoutDiacritics(const std::vector<TextWord>& words,
                              bool umlauts_as_digraphs) {
  return std::none_of(words.begin(), words.end(), [&](const TextWord& word) {
    return HasDiacritics(word.lower, umlauts_as_digraphs);
  });
}

}  // namespace guestvoice::analysis
