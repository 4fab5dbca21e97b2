// Which codes count as a hotel's country.

#include "service/core/region_codes.h"

#include "gtest/gtest.h"

namespace guestvoice::service {
namespace {

TEST(RegionCodesTest, AcceptsCodesFromAcrossTheWholeList) {
  // The first and last entries and entries on either side of the middle (a
  // table out of order loses some of these to the binary search).
  for (const char* code : {"AD", "AE", "ZM", "ZW", "GB", "PT", "US", "LY", "MA",
                           "MC", "NL", "SS", "AQ", "BQ", "CW", "SX"}) {
    EXPECT_TRUE(IsIso3166Region(code)) << code;
  }
}

TEST(RegionCodesTest, RefusesCodesThatAreNoCountry) {
  for (const char* code :
       {"ZZ", "AA", "QM",  "XA", "XK",              // user-assigned
        "UK", "EU", "EZ",  "UN", "AC", "IC", "TA",  // exceptionally reserved
        "AN", "CS", "YU",  "SU", "ZR",              // withdrawn
        "",   "G",  "GBR", "gb", "Gb"}) {
    EXPECT_FALSE(IsIso3166Region(code)) << code;
  }
}

}  // namespace
}  // namespace guestvoice::service
