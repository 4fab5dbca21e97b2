#include "service/core/one_line.h"

#include <string>
#include <utility>

#include "gtest/gtest.h"

namespace guestvoice::service {
namespace {

TEST(JoinOnOneLineTest, JoinsLinesAndRemovesWhatHidesOrReorders) {
  const std::pair<std::string, std::string> cases[] = {
      {"Ana Silva", "Ana Silva"},
      {"Smith,\r\n  John", "Smith, John"},
      {"Ana\tSilva", "Ana Silva"},
      {"\nAna Silva \n", "Ana Silva"},
      {"Ana\u0085Silva\u2028", "Ana Silva"},
      {"Ana \u0092Silva", "Ana Silva"},
      {"\u202Egnp.exe", "gnp.exe"},
      {"\u2066José\u2069 Gómez", "José Gómez"},
      {"Zoë  O'Brien ☕ ", "Zoë  O'Brien ☕ "},
      {"מרים \u200Fכהן", "מרים \u200Fכהן"},
      {"\n\t\u202E", ""},
  };
  for (const auto& [name, joined] : cases) {
    EXPECT_EQ(JoinOnOneLine(name), joined) << name;
  }
}

}  // namespace
}  // namespace guestvoice::service
