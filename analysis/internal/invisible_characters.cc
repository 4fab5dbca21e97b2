#include "analysis/internal/invisible_characters.h"

#include "common/utf8.h"

namespace guestvoice::analysis {
namespace {

enum class Kind { kVisible, kFormat, kControl };

// Unicode's default-ignorable format characters (DerivedCoreProperties,
// Default_Ignorable_Code_Point) that appear in text, but for the zero-width
// joiner, variation selectors and tags, which emoji sequences use.
Kind KindOf(char32_t c) {
  if (c < 0x80) return Kind::kVisible;
  if (c <= 0x9F) return Kind::kControl;
  switch (c) {
    case 0x00AD:  // soft hyphen
    case 0x034F:  // combining grapheme joiner
    case 0x061C:  // Arabic letter mark
    case 0x115F:  // Hangul fillers
    case 0x1160:
    case 0x17B4:  // Khmer inherent vowels
    case 0x17B5:
    case 0x200B:  // zero-width space
    case 0x200C:  // zero-width non-joiner
    case 0x200E:  // left-to-right and right-to-left marks
    case 0x200F:
    case 0x3164:  // Hangul filler
    case 0xFEFF:  // byte order mark, zero-width no-break space
    case 0xFFA0:  // halfwidth Hangul filler
      return Kind::kFormat;
    default:
      break;
  }
  if ((c >= 0x180B && c <= 0x180F) ||    // Mongolian selectors, vowel sep.
      (c >= 0x202A && c <= 0x202E) ||    // bidirectional embeddings
      (c >= 0x2060 && c <= 0x206F) ||    // word joiner, invisible operators
      (c >= 0x1BCA0 && c <= 0x1BCA3)) {  // shorthand format controls
    return Kind::kFormat;
  }
  return Kind::kVisible;
}

}  // namespace

bool HasInvisibleCharacters(std::string_view text) {
  if (utf8::IsAscii(text)) return false;
  for (size_t pos = 0; pos < text.size();) {
    const utf8::Step step = utf8::Decode(text, pos);
    if (KindOf(step.code_point) != Kind::kVisible) return true;
    pos += step.length;
  }
  return false;
}

std::string WithoutInvisibleCharacters(std::string_view text) {
  std::string visible;
  visible.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    const utf8::Step step = utf8::Decode(text, pos);
    switch (KindOf(step.code_point)) {
      case Kind::kVisible:
        visible.append(text.substr(pos, step.length));
        break;
      case Kind::kControl:
        visible.push_back(' ');
        break;
      case Kind::kFormat:
        break;
    }
    pos += step.length;
  }
  return visible;
}

}  // namespace guestvoice::analysis
