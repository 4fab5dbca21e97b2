#ifndef GUESTVOICE_COMMON_UTF8_H_
#define GUESTVOICE_COMMON_UTF8_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

// The one UTF-8 decoder of guestvoice and everything built on it. "Valid
// UTF-8" means what Decode accepts: Table 3-7 of the Unicode standard, so
// overlong forms, surrogates and code points past U+10FFFF are ill-formed.
namespace guestvoice::utf8 {

// One step of decoding. For ill-formed input, `length` covers the "maximal
// subpart" (Unicode 14, section 3.9), the unit that Python's
// bytes.decode("utf-8", "replace") turns into one U+FFFD.
struct Step {
  char32_t code_point;  // U+FFFD when !well_formed
  std::size_t length;   // >= 1
  bool well_formed;
};

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// Decode for a lead byte >= 0x80 (Decode handles ASCII inline).
Step DecodeMultiByte(std::string_view text, std::size_t pos);

// Decodes the sequence starting at text[pos]; pos must be < text.size().
inline Step Decode(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) return {lead, 1, true};
  return DecodeMultiByte(text, pos);
}

// True if every byte is ASCII (checked eight bytes at a time).
bool IsAscii(std::string_view text);

bool IsValid(std::string_view text);

// The number of code points in `text`, or nullopt when it is not valid UTF-8.
std::optional<std::size_t> CodePointCount(std::string_view text);

// Whether `text` holds an ASCII control character other than tab, line feed
// and carriage return.
bool HasAsciiControlCharacter(std::string_view text);

// Whether valid UTF-8 `text` holds a C1 control character (U+0080-U+009F).
bool HasC1ControlCharacter(std::string_view text);

// text with every maximal ill-formed subpart replaced by U+FFFD, exactly as
// Python decodes bytes with errors="replace".
std::string ReplaceInvalid(std::string_view text);

// The longest prefix of at most max_bytes that does not end inside a
// well-formed multi-byte sequence.
std::string_view TruncateAtBoundary(std::string_view text,
                                    std::size_t max_bytes);

void AppendCodePoint(char32_t code_point, std::string* out);

}  // namespace guestvoice::utf8

#endif  // GUESTVOICE_COMMON_UTF8_H_
