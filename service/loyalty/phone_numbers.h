#ifndef GUESTVOICE_SERVICE_LOYALTY_PHONE_NUMBERS_H_
#define GUESTVOICE_SERVICE_LOYALTY_PHONE_NUMBERS_H_

// Phone numbers as people write them, read with libphonenumber: its metadata
// knows each country's numbering plan, so "(212) 555-1234" in the US and
// "0612 345 678" in the Netherlands both become one E.164 spelling, and a
// number no plan allows is refused instead of stored.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace guestvoice::service {

// The longest phone number, as written, that is read at all: the bound
// libphonenumber's Java edition sets itself (MAX_INPUT_STRING_LENGTH), which
// its C++ edition lacks. Parsing costs time quadratic in the length (10,000
// digits took 1.8 s, 40,000 took 15 s), and a lookup by phone runs on gRPC's
// callback threads, so one long number must not be parsed.
inline constexpr std::size_t kMaxWrittenPhoneBytes = 250;

// `written` in E.164 ("+12125551234"), or nullopt when it is not a valid
// number. A number without "+" and country code is read as a national number
// of `region` (a CLDR region code such as "PT"); with an empty or unknown
// region only international numbers are accepted. A number written with more
// than kMaxWrittenPhoneBytes is refused unread.
std::optional<std::string> PhoneNumberToE164(std::string_view written,
                                             std::string_view region);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_LOYALTY_PHONE_NUMBERS_H_
