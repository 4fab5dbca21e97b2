#include "service/core/field_checks.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace guestvoice::service {
namespace {

absl::Status CheckZone(std::string_view zone) {
  FieldViolations violations;
  CheckTimeZone(violations, "time_zone", zone);
  return violations.ToStatus();
}

TEST(TimeZoneCheckTest, AcceptsIanaNames) {
  for (const char* zone :
       {"UTC", "Europe/Lisbon", "America/New_York",
        "America/Argentina/Buenos_Aires", "Etc/GMT+5", "Etc/GMT-14", "Etc/UTC",
        "Asia/Kolkata", "Antarctica/Troll", "Pacific/Chatham", "US/Eastern",
        "Asia/Calcutta", "Europe/Kiev"}) {
    EXPECT_TRUE(CheckZone(zone).ok()) << zone;
  }
}

TEST(TimeZoneCheckTest, RejectsUnknownNamesAndPaths) {
  for (const char* zone :
       {"", "Mars/Olympus_Mons", "Europe/Lisbon ", "../../etc/passwd",
        "/etc/localtime", "localtime", "Europe//Lisbon", "Europe/",
        "europe/lisbon/../../../etc/hostname", "+05:00"}) {
    EXPECT_EQ(CheckZone(zone).code(), absl::StatusCode::kInvalidArgument)
        << zone;
  }
}

TEST(TimeZoneCheckTest, RejectsTzFilesThatAreNoPlace) {
  // Each of these loads from the system tz database.
  for (const char* zone :
       {"Factory", "posixrules", "localtime", "posix/Europe/Lisbon",
        "right/Europe/Lisbon", "right/UTC", "posix/UTC", "Etc/Unknown", "UTC0",
        "GMT", "EST", "EST5EDT", "CET", "GB", "Japan", "Zulu", "leapseconds"}) {
    EXPECT_EQ(CheckZone(zone).code(), absl::StatusCode::kInvalidArgument)
        << zone;
  }
  EXPECT_EQ(CheckZone("Factory").message(),
            "invalid request: time_zone: \"Factory\" is not an IANA time zone "
            "of a place: an Area/Location name such as \"Europe/Lisbon\", an "
            "\"Etc/\" zone or \"UTC\"");
}

TEST(DisplayTextCheckTest, CountsCharactersNotBytes) {
  FieldViolations violations;
  // 200 two-byte characters are within a 200-character limit.
  std::string text;
  for (int i = 0; i < 200; ++i) text += "é";
  CheckDisplayText(violations, "display_name", text, 200, true);
  EXPECT_TRUE(violations.empty());
  CheckDisplayText(violations, "display_name", text + "é", 200, true);
  EXPECT_FALSE(violations.empty());
}

TEST(DisplayTextCheckTest, RejectsInvalidUtf8AndControlCharacters) {
  for (const std::string& text :
       {std::string("\xC3\x28"), std::string("\xED\xA0\x80"),
        std::string("\xC0\xAF"), std::string("bell\x07"),
        std::string("nul\0x", 5)}) {
    FieldViolations violations;
    CheckDisplayText(violations, "display_name", text, 200, true);
    EXPECT_FALSE(violations.empty()) << text;
  }
}

TEST(DisplayTextCheckTest, BlankTextIsRefusedRequiredOrNot) {
  for (const std::string& text :
       {std::string(" "), std::string("   "), std::string("\t \n\r"),
        std::string("\u00A0"), std::string("\u3000\u2003"),
        std::string("\u200B"), std::string(" \u200B\uFEFF "),
        std::string("\u3164")}) {
    for (bool required : {true, false}) {
      FieldViolations violations;
      CheckDisplayText(violations, "display_name", text, 200, required);
      EXPECT_FALSE(violations.empty()) << "\"" << text << "\" " << required;
    }
  }
  for (const char* text : {" Porto ", "\u00A0A", "\u200B\u4E2D", "-", "."}) {
    FieldViolations violations;
    CheckDisplayText(violations, "display_name", text, 200, true);
    EXPECT_TRUE(violations.empty()) << text;
  }
}

TEST(DisplayTextCheckTest, RequiredMeansNonEmpty) {
  FieldViolations required;
  CheckDisplayText(required, "display_name", "", 200, /*required=*/true);
  EXPECT_FALSE(required.empty());
  FieldViolations optional;
  CheckDisplayText(optional, "locality", "", 200, /*required=*/false);
  EXPECT_TRUE(optional.empty());
}

TEST(OneLineCheckTest, RefusesBreaksC1ControlsAndBidiOverrides) {
  for (const char* text :
       {"a\tb", "a\nb", "a\rb", "a\u0085b", "a\u2028b", "a\u2029b", "a\u0080b",
        "a\u009Fb", "\u202Aab", "\u202Eab", "\u2066ab", "\u2069ab"}) {
    FieldViolations violations;
    CheckOneLine(violations, "display_name", text);
    EXPECT_FALSE(violations.empty()) << text;
  }
  for (const char* text : {"", "Porto", "Hôtel ✨", "\u00A0A", "\u200Fשלום",
                           "\u200E\u200D", "\u00A1\u00BF", "\u2030"}) {
    FieldViolations violations;
    CheckOneLine(violations, "display_name", text);
    EXPECT_TRUE(violations.empty()) << text;
  }
}

TEST(RegionCodeCheckTest, AcceptsAssignedIso3166Codes) {
  FieldViolations violations;
  CheckRegionCode(violations, "region_code", "PT");
  CheckRegionCode(violations, "region_code", "");
  EXPECT_TRUE(violations.empty());
  for (const char* code : {"pt", "PRT", "P1", "P", "ZZ", "UK", "EU"}) {
    FieldViolations bad;
    CheckRegionCode(bad, "region_code", code);
    EXPECT_FALSE(bad.empty()) << code;
  }
}

TEST(RequestIdCheckTest, BoundsLengthAndCharacters) {
  FieldViolations violations;
  CheckRequestId(violations, "request_id",
                 "6f1c2b7e-8a8e-4c8e-9a51-0f7c1d1f1e11");
  EXPECT_TRUE(violations.empty());
  CheckRequestId(violations, "request_id", std::string(129, 'a'));
  CheckRequestId(violations, "request_id", "has space");
  EXPECT_FALSE(violations.empty());
}

}  // namespace
}  // namespace guestvoice::service
