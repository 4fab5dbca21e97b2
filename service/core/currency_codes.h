#ifndef GUESTVOICE_SERVICE_CORE_CURRENCY_CODES_H_
#define GUESTVOICE_SERVICE_CORE_CURRENCY_CODES_H_

#include <string_view>

namespace guestvoice::service {

// Whether `code` is an ISO 4217 currency in circulation: the three-letter
// codes of the ISO 4217 list (amendment of 2025), without fund codes (BOV,
// CHE, ...), precious metals, SDRs, testing and "no currency" codes, and
// without withdrawn currencies (HRK, SLL...). Spend is money a guest paid.
bool IsIso4217Currency(std::string_view code);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_CURRENCY_CODES_H_
