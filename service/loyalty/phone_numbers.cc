#include "service/loyalty/phone_numbers.h"

#include "phonenumbers/phonenumber.pb.h"
#include "phonenumbers/phonenumberutil.h"

namespace guestvoice::service {

std::optional<std::string> PhoneNumberToE164(std::string_view written,
                                             std::string_view region) {
  if (written.size() > kMaxWrittenPhoneBytes) return std::nullopt;
  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  // "ZZ" is libphonenumber's unknown region: only "+" numbers parse.
  const std::string default_region =
      region.empty() ? std::string("ZZ") : std::string(region);
  PhoneNumber number;
  if (util.Parse(std::string(written), default_region, &number) !=
          PhoneNumberUtil::NO_PARSING_ERROR ||
      !util.IsValidNumber(number)) {
    return std::nullopt;
  }
  std::string e164;
  util.Format(number, PhoneNumberUtil::E164, &e164);
  return e164;
}

}  // namespace guestvoice::service
