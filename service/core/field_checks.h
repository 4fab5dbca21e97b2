#ifndef GUESTVOICE_SERVICE_CORE_FIELD_CHECKS_H_
#define GUESTVOICE_SERVICE_CORE_FIELD_CHECKS_H_

// Checks of request fields shared by every service. Each adds a violation
// (field path + what is wrong) instead of failing at the first problem.

#include <string_view>

#include "service/core/errors.h"

namespace guestvoice::service {

// Whether a display text of only white space (or zero-width characters) is
// refused.
enum class BlankText { kRefused, kAllowed };

// Text a person reads: valid UTF-8 without control characters, at most
// `max_chars` code points, and not empty when `required`. Set, it must show
// something unless `blank` allows it: text of only white space (or
// zero-width characters) is refused whether required or not. Text is kept as
// sent, not trimmed: a name is the caller's to spell, and refusing is enough
// to keep blanks out of what the callers name themselves.
void CheckDisplayText(FieldViolations& violations, std::string_view field,
                      std::string_view value, size_t max_chars, bool required,
                      BlankText blank = BlankText::kRefused);

// At most `max_bytes` of valid UTF-8. May be empty. False when a violation
// was added.
bool CheckTextBytes(FieldViolations& violations, std::string_view field,
                    std::string_view value, size_t max_bytes);

// Text a guest or staff member wrote, kept as sent: CheckTextBytes, and no
// control character other than tab, line feed and carriage return.
void CheckFreeText(FieldViolations& violations, std::string_view field,
                   std::string_view value, size_t max_bytes);

// The last of CheckFreeText's checks on its own: no control character
// other than tab, line feed and carriage return in `value`.
void CheckNoControlCharacters(FieldViolations& violations,
                              std::string_view field, std::string_view value);

// A name shown on one line (one_line.h): no BreaksLine or HidesOrReorders
// character. The names the domain checks with CheckDisplayText, but for
// feedback authors' (an item is never refused for its author's name: it is
// stored JoinOnOneLine), check this as well where the call is received
// (docs/cluster.md, "Record formats").
void CheckOneLine(FieldViolations& violations, std::string_view field,
                  std::string_view value);

// An IANA time zone of a place, known to the system tz database: an
// Area/Location name such as "Europe/Lisbon" (older links such as
// "US/Eastern" too), an "Etc/" zone such as "Etc/GMT+5", or "UTC". Not the
// database's other files ("Factory", "posixrules", "localtime", "posix/...",
// "right/...") nor bare legacy names ("EST", "GB"). Required.
void CheckTimeZone(FieldViolations& violations, std::string_view field,
                   std::string_view value);

// Empty, or an assigned ISO 3166-1 alpha-2 code (IsIso3166Region): "GB",
// not "UK"; no "EU" or "ZZ".
void CheckRegionCode(FieldViolations& violations, std::string_view field,
                     std::string_view value);

// Empty, or 1 to 128 printable ASCII characters (a UUID is recommended).
void CheckRequestId(FieldViolations& violations, std::string_view field,
                    std::string_view value);

// Empty, or a valid resource id (IsValidResourceId).
void CheckOptionalResourceId(FieldViolations& violations,
                             std::string_view field, std::string_view value);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_FIELD_CHECKS_H_
