#ifndef GUESTVOICE_COMMON_UTF8_H_
#define GUESTVOICE_COMMON_UTF8_H_

#include <cstddef>
#include <optional>
#include <string_view>

namespace guestvoice {

// The number of code points in `text`, or nullopt when it is not valid UTF-8
// (overlong forms, surrogates and code points past U+10FFFF are invalid).
std::optional<size_t> Utf8CodePointCount(std::string_view text);

// Whether `text` holds an ASCII control character other than tab, line feed
// and carriage return.
bool HasAsciiControlCharacter(std::string_view text);

}  // namespace guestvoice

#endif  // GUESTVOICE_COMMON_UTF8_H_
