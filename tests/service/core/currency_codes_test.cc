// Which codes count as money a guest can pay in.

#include "service/core/currency_codes.h"

#include <string>

#include "gtest/gtest.h"

namespace guestvoice::service {
namespace {

TEST(CurrencyCodesTest, AcceptsCurrenciesFromAcrossTheWholeList) {
  // The first and last entries, entries on either side of the middle, and the
  // currencies introduced most recently (a table out of order loses some of
  // these to the binary search).
  for (const char* code :
       {"AED", "AFN", "ZMW", "ZWG", "EUR", "USD", "GBP", "JPY", "CHF",
        "BRL", "INR", "MXN", "NOK", "PAB", "SEK", "XAF", "XCD", "XOF",
        "XPF", "YER", "SLE", "VED", "VES", "XCG", "MRU", "STN"}) {
    EXPECT_TRUE(IsIso4217Currency(code)) << code;
  }
}

TEST(CurrencyCodesTest, RefusesFundsMetalsAndTestingCodes) {
  for (const char* code :
       {"BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW",  // funds
        "XAU", "XAG", "XPD", "XPT",                       // metals
        "XDR", "XSU", "XUA", "XBA", "XBB", "XBC", "XBD",  // units of account
        "XTS", "XXX"}) {
    EXPECT_FALSE(IsIso4217Currency(code)) << code;
  }
}

TEST(CurrencyCodesTest, RefusesWithdrawnCurrencies) {
  for (const char* code : {"HRK", "SLL", "ZWL", "VEF", "MRO", "STD", "BYR",
                           "LTL", "CUC", "ANG", "DEM", "FRF"}) {
    EXPECT_FALSE(IsIso4217Currency(code)) << code;
  }
}

TEST(CurrencyCodesTest, MatchesTheExactUpperCaseCodeOnly) {
  for (const std::string& code :
       {std::string(""), std::string("usd"), std::string("Usd"),
        std::string("US"), std::string("USDX"), std::string(" USD"),
        std::string("USD "), std::string("USD\0", 4), std::string("ZZZ"),
        std::string("AAA")}) {
    EXPECT_FALSE(IsIso4217Currency(code)) << '"' << code << '"';
  }
}

}  // namespace
}  // namespace guestvoice::service
