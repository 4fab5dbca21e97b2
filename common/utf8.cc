#include "common/utf8.h"

#include <cstdint>
#include <cstring>

namespace guestvoice::utf8 {
namespace {

// Table 3-7 of the Unicode standard: the byte ranges allowed after each lead
// byte. Checking the second byte against a lead-specific range rejects
// overlong forms, surrogates and code points above U+10FFFF.
struct SecondByteRange {
  std::uint8_t low;
  std::uint8_t high;
};

SecondByteRange SecondByteRangeFor(std::uint8_t lead) {
  switch (lead) {
    case 0xE0:
      return {0xA0, 0xBF};
    case 0xED:
      return {0x80, 0x9F};
    case 0xF0:
      return {0x90, 0xBF};
    case 0xF4:
      return {0x80, 0x8F};
    default:
      return {0x80, 0xBF};
  }
}

bool IsContinuation(std::uint8_t byte) { return (byte & 0xC0) == 0x80; }

}  // namespace

Step DecodeMultiByte(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<std::uint8_t>(text[pos]);
  std::size_t sequence_length;
  char32_t code_point;
  if (lead >= 0xC2 && lead <= 0xDF) {
    sequence_length = 2;
    code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    sequence_length = 3;
    code_point = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    sequence_length = 4;
    code_point = lead & 0x07;
  } else {
    return {kReplacementCharacter, 1, false};
  }
  const SecondByteRange second = SecondByteRangeFor(lead);
  for (std::size_t i = 1; i < sequence_length; ++i) {
    if (pos + i >= text.size()) return {kReplacementCharacter, i, false};
    const auto byte = static_cast<std::uint8_t>(text[pos + i]);
    const bool allowed = i == 1 ? (byte >= second.low && byte <= second.high)
                                : IsContinuation(byte);
    if (!allowed) return {kReplacementCharacter, i, false};
    code_point = (code_point << 6) | (byte & 0x3F);
  }
  return {code_point, sequence_length, true};
}

bool IsAscii(std::string_view text) {
  std::size_t pos = 0;
  for (; pos + 8 <= text.size(); pos += 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, text.data() + pos, sizeof chunk);
    if ((chunk & 0x8080808080808080ULL) != 0) return false;
  }
  for (; pos < text.size(); ++pos) {
    if (static_cast<std::uint8_t>(text[pos]) >= 0x80) return false;
  }
  return true;
}

bool IsValid(std::string_view text) {
  if (IsAscii(text)) return true;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (static_cast<std::uint8_t>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const Step step = DecodeMultiByte(text, pos);
    if (!step.well_formed) return false;
    pos += step.length;
  }
  return true;
}

std::optional<std::size_t> CodePointCount(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < text.size(); ++count) {
    const Step step = Decode(text, pos);
    if (!step.well_formed) return std::nullopt;
    pos += step.length;
  }
  return count;
}

bool HasAsciiControlCharacter(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<std::uint8_t>(c);
    if ((byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7F) {
      return true;
    }
  }
  return false;
}

bool HasC1ControlCharacter(std::string_view text) {
  // U+0080-U+009F are encoded C2 80 to C2 9F.
  for (std::size_t pos = text.find('\xC2'); pos != std::string_view::npos;
       pos = text.find('\xC2', pos + 1)) {
    if (pos + 1 < text.size()) {
      const auto next = static_cast<std::uint8_t>(text[pos + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

std::string ReplaceInvalid(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const Step step = Decode(text, pos);
    if (step.well_formed) {
      out.append(text.substr(pos, step.length));
    } else {
      AppendCodePoint(kReplacementCharacter, &out);
    }
    pos += step.length;
  }
  return out;
}

std::string_view TruncateAtBoundary(std::string_view text,
                                    std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  // A well-formed sequence is at most 4 bytes, so at most 3 continuation
  // bytes need to be given back.
  for (int i = 0; i < 3 && end > 0; ++i) {
    if (!IsContinuation(static_cast<std::uint8_t>(text[end]))) break;
    --end;
  }
  if (IsContinuation(static_cast<std::uint8_t>(text[end]))) end = max_bytes;
  return text.substr(0, end);
}

void AppendCodePoint(char32_t code_point, std::string* out) {
  if (code_point < 0x80) {
    out->push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

}  // namespace guestvoice::utf8
