#include "service/core/field_checks.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/absl_view.h"
#include "common/utf8.h"
#include "service/core/one_line.h"
#include "service/core/region_codes.h"
#include "service/core/resource_names.h"

namespace guestvoice::service {
namespace {

// The areas of the tz database's Area/Location names: the continents and
// oceans, "Etc" (UTC and the fixed offsets), and the country areas of its
// older links ("US/Eastern"). The database's files are more than its zones:
// "Factory" (a zone of no place, abbreviated "-00"), "posixrules",
// "localtime", and the "posix/" and "right/" copies of the whole tree (the
// latter counts leap seconds, so its local times are off by half a minute)
// all load, and none is where a hotel is.
constexpr std::string_view kZoneAreas[] = {
    "Africa",    "America", "Antarctica", "Arctic", "Asia", "Atlantic",
    "Australia", "Brazil",  "Canada",     "Chile",  "Etc",  "Europe",
    "Indian",    "Mexico",  "Pacific",    "US",
};

// "UTC", or an Area/Location name of one of kZoneAreas in the shape of IANA
// names ("America/Argentina/Buenos_Aires", "Etc/GMT+5"). Checked before
// loading because the tz loader opens files by name: a name such as
// "../../etc/passwd" or "localtime" must never reach it.
bool LooksLikeHotelZoneName(std::string_view name) {
  if (name == "UTC") return true;
  const size_t slash = name.find('/');
  if (name.size() > 64 || slash == std::string_view::npos ||
      std::find(std::begin(kZoneAreas), std::end(kZoneAreas),
                name.substr(0, slash)) == std::end(kZoneAreas)) {
    return false;
  }
  bool segment_start = true;
  for (char c : name) {
    if (c == '/') {
      if (segment_start) return false;
      segment_start = true;
      continue;
    }
    if (segment_start && !absl::ascii_isalpha(c)) return false;
    segment_start = false;
    if (!absl::ascii_isalnum(c) && c != '_' && c != '-' && c != '+') {
      return false;
    }
  }
  return !segment_start;
}

// Whether `text` (valid UTF-8) shows nothing: only Unicode White_Space and
// the invisible characters people type to fake a blank name (zero-width
// spaces and joiners, word joiner, byte order mark, Hangul fillers).
bool IsBlank(std::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    const utf8::Step step = utf8::Decode(text, pos);
    pos += step.length;
    const char32_t c = step.code_point;
    const bool white_space =
        (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 ||
        c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
        c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
    const bool invisible = c == 0x115F || c == 0x1160 || c == 0x180E ||
                           (c >= 0x200B && c <= 0x200D) || c == 0x2060 ||
                           c == 0x3164 || c == 0xFEFF || c == 0xFFA0;
    if (!white_space && !invisible) return false;
  }
  return true;
}

}  // namespace

void CheckDisplayText(FieldViolations& violations, std::string_view field,
                      std::string_view value, size_t max_chars, bool required,
                      BlankText blank) {
  if (value.empty()) {
    if (required) violations.Add(std::string(field), "required");
    return;
  }
  const std::optional<size_t> chars = utf8::CodePointCount(value);
  if (!chars.has_value()) {
    violations.Add(std::string(field), "not valid UTF-8");
  } else if (*chars > max_chars) {
    violations.Add(std::string(field),
                   absl::StrCat("longer than ", max_chars, " characters"));
  } else if (utf8::HasAsciiControlCharacter(value)) {
    violations.Add(std::string(field), "contains control characters");
  } else if (blank == BlankText::kRefused && IsBlank(value)) {
    violations.Add(std::string(field),
                   "only white space: must show at least one character");
  }
}

bool CheckTextBytes(FieldViolations& violations, std::string_view field,
                    std::string_view value, size_t max_bytes) {
  if (value.size() > max_bytes) {
    violations.Add(std::string(field),
                   absl::StrCat("longer than ", max_bytes, " bytes"));
    return false;
  }
  if (!utf8::IsValid(value)) {
    violations.Add(std::string(field), "not valid UTF-8");
    return false;
  }
  return true;
}

void CheckFreeText(FieldViolations& violations, std::string_view field,
                   std::string_view value, size_t max_bytes) {
  if (CheckTextBytes(violations, field, value, max_bytes)) {
    CheckNoControlCharacters(violations, field, value);
  }
}

void CheckNoControlCharacters(FieldViolations& violations,
                              std::string_view field, std::string_view value) {
  // A NUL cuts the text short for C strings and PostgreSQL text columns,
  // and an ESC (or its C1 form, CSI U+009B) rewrites the terminal of
  // whoever reads the text in a shell.
  if (utf8::HasAsciiControlCharacter(value) ||
      utf8::HasC1ControlCharacter(value)) {
    violations.Add(std::string(field),
                   "contains control characters (only tab, line feed and "
                   "carriage return are allowed)");
  }
}

void CheckOneLine(FieldViolations& violations, std::string_view field,
                  std::string_view value) {
  for (size_t pos = 0; pos < value.size();) {
    const utf8::Step step = utf8::Decode(value, pos);
    pos += step.length;
    const char32_t c = step.code_point;
    if (BreaksLine(c) || HidesOrReorders(c)) {
      violations.Add(
          std::string(field),
          absl::StrCat("must be one line: U+",
                       absl::AsciiStrToUpper(absl::StrCat(absl::Hex(
                           static_cast<uint32_t>(c), absl::kZeroPad4))),
                       " is a tab, line break, C1 control or bidirectional "
                       "embedding, override or isolate"));
      return;
    }
  }
}

void CheckTimeZone(FieldViolations& violations, std::string_view field,
                   std::string_view value) {
  if (value.empty()) {
    violations.Add(std::string(field),
                   "required: an IANA time zone such as \"Europe/Lisbon\"");
    return;
  }
  absl::TimeZone zone;
  if (!LooksLikeHotelZoneName(value) ||
      !absl::LoadTimeZone(std::string(value), &zone)) {
    violations.Add(
        std::string(field),
        absl::StrCat("\"", absl::CHexEscape(AbslView(value.substr(0, 64))),
                     "\" is not an IANA time zone of a place: an "
                     "Area/Location name such as \"Europe/Lisbon\", an "
                     "\"Etc/\" zone or \"UTC\""));
  }
}

void CheckRegionCode(FieldViolations& violations, std::string_view field,
                     std::string_view value) {
  if (value.empty()) return;
  if (value.size() != 2 || !absl::ascii_isupper(value[0]) ||
      !absl::ascii_isupper(value[1])) {
    violations.Add(std::string(field),
                   "must be two upper-case letters, such as \"PT\"");
  } else if (!IsIso3166Region(value)) {
    violations.Add(std::string(field),
                   absl::StrCat("\"", AbslView(value),
                                "\" is not an ISO 3166-1 country code (the "
                                "United Kingdom is \"GB\")"));
  }
}

void CheckRequestId(FieldViolations& violations, std::string_view field,
                    std::string_view value) {
  if (value.empty()) return;
  bool printable = value.size() <= 128;
  for (char c : value) printable = printable && absl::ascii_isgraph(c);
  if (!printable) {
    violations.Add(std::string(field),
                   "must be 1 to 128 printable ASCII characters (a UUID)");
  }
}

void CheckOptionalResourceId(FieldViolations& violations,
                             std::string_view field, std::string_view value) {
  if (!value.empty() && !IsValidResourceId(value)) {
    violations.Add(std::string(field),
                   "must be 1-63 lower-case letters, digits or hyphens, "
                   "starting with a letter and not ending with a hyphen");
  }
}

}  // namespace guestvoice::service
