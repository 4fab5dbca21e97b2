#include "analysis/internal/diacritics.h"

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

// The base letter of the two-byte UTF-8 sequence `lead` `trail`, or 0.
char BaseLetter(unsigned char lead, unsigned char trail) {
  // U+00E0..U+00FF is C3 A0..C3 BF.
  if (lead != 0xC3 || trail < 0xA0 || trail > 0xBF) return 0;
  return kLatin1LowerBase[trail - 0xA0];
}

}  // namespace

std::string_view FoldDiacritics(std::string_view lower_word,
                                std::string* buffer) {
  std::size_t first = lower_word.size();
  for (std::size_t i = 0; i + 1 < lower_word.size(); ++i) {
    if (BaseLetter(lower_word[i], lower_word[i + 1]) != 0) {
      first = i;
      break;
    }
  }
  if (first == lower_word.size()) return lower_word;
  buffer->assign(lower_word.substr(0, first));
  for (std::size_t i = first; i < lower_word.size(); ++i) {
    const char base = i + 1 < lower_word.size()
                          ? BaseLetter(lower_word[i], lower_word[i + 1])
                          : 0;
    if (base != 0) {
      buffer->push_back(base);
      ++i;  // the trail byte
    } else {
      buffer->push_back(lower_word[i]);
    }
  }
  return *buffer;
}

}  // namespace guestvoice::analysis
