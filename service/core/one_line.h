#ifndef GUESTVOICE_SERVICE_CORE_ONE_LINE_H_
#define GUESTVOICE_SERVICE_CORE_ONE_LINE_H_

// What keeps a name on one line, as lists, tables and exports show names:
// the characters that break it, and those that change how it reads without
// showing. CheckOneLine (field_checks.h) refuses them in the names callers
// give; JoinOnOneLine removes them from the names platforms give, which are
// never a reason to refuse a guest's feedback.

#include <string>
#include <string_view>

namespace guestvoice::service {

// A tab or a line break: line feed, vertical tab, form feed, carriage
// return, NEL (U+0085), line and paragraph separators (U+2028, U+2029).
bool BreaksLine(char32_t c);

// A C1 control character (U+0080-U+009F: an 8-bit terminal's CSI among
// them, and what text decoded as Latin-1 that was Windows-1252 carries), or
// a bidirectional embedding, override or isolate (U+202A-U+202E,
// U+2066-U+2069), which make a name read as another: U+202E before
// "txt.exe" shows "exe.txt". Marks (U+200E, U+200F) are not among them:
// right-to-left names need them.
bool HidesOrReorders(char32_t c);

// `name` (valid UTF-8) on one line: each run of BreaksLine characters, with
// the spaces around it, becomes one space (none at either end), and
// HidesOrReorders characters are removed. A name without them is returned
// as it is.
std::string JoinOnOneLine(std::string_view name);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_ONE_LINE_H_
