#include "service/core/resource_names.h"

#include <initializer_list>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "common/absl_view.h"
#include "service/core/errors.h"

namespace guestvoice::service {
namespace {

constexpr size_t kMaxNameBytes = 512;

// Splits `name` along `collections` ("organizations", "hotels", ...) and
// returns the ids in between, or a field violation describing the pattern.
absl::StatusOr<std::vector<std::string>> ParseName(
    std::string_view field, std::string_view name,
    std::initializer_list<std::string_view> collections) {
  std::vector<std::string> pattern_parts;
  for (std::string_view collection : collections) {
    pattern_parts.push_back(absl::StrCat(AbslView(collection), "/{id}"));
  }
  const std::string pattern = absl::StrJoin(pattern_parts, "/");
  if (name.empty()) {
    return InvalidField(std::string(field),
                        absl::StrCat("required; expected ", pattern));
  }
  if (name.size() > kMaxNameBytes) {
    return InvalidField(std::string(field),
                        absl::StrCat("longer than ", kMaxNameBytes, " bytes"));
  }
  std::vector<absl::string_view> segments = absl::StrSplit(AbslView(name), '/');
  if (segments.size() != 2 * collections.size()) {
    return InvalidField(std::string(field), absl::StrCat("expected ", pattern));
  }
  std::vector<std::string> ids;
  size_t i = 0;
  for (std::string_view collection : collections) {
    if (segments[i] != AbslView(collection)) {
      return InvalidField(std::string(field),
                          absl::StrCat("expected ", pattern));
    }
    if (!IsValidResourceId(
            std::string_view(segments[i + 1].data(), segments[i + 1].size()))) {
      return InvalidField(
          std::string(field),
          absl::StrCat("\"", absl::CHexEscape(segments[i + 1]),
                       "\" is not a valid id (1-63 lower-case letters, digits "
                       "or hyphens, starting with a letter, not ending with a "
                       "hyphen)"));
    }
    ids.emplace_back(segments[i + 1]);
    i += 2;
  }
  return ids;
}

}  // namespace

bool IsValidResourceId(std::string_view id) {
  if (id.empty() || id.size() > 63) return false;
  if (!absl::ascii_islower(id.front()) || id.back() == '-') return false;
  for (char c : id) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '-') {
      return false;
    }
  }
  return true;
}

std::string FormatOrganizationName(std::string_view organization) {
  return absl::StrCat("organizations/", AbslView(organization));
}

std::string FormatHotelName(std::string_view organization,
                            std::string_view hotel) {
  return absl::StrCat("organizations/", AbslView(organization), "/hotels/",
                      AbslView(hotel));
}

std::string FormatApiKeyName(std::string_view organization,
                             std::string_view api_key) {
  return absl::StrCat("organizations/", AbslView(organization), "/apiKeys/",
                      AbslView(api_key));
}

std::string FormatOperationName(std::string_view organization,
                                std::string_view operation) {
  return absl::StrCat("organizations/", AbslView(organization), "/operations/",
                      AbslView(operation));
}

std::string FormatGuestName(std::string_view organization,
                            std::string_view guest) {
  return absl::StrCat("organizations/", AbslView(organization), "/guests/",
                      AbslView(guest));
}

std::string FormatStayName(std::string_view organization,
                           std::string_view guest, std::string_view stay) {
  return absl::StrCat(FormatGuestName(organization, guest), "/stays/",
                      AbslView(stay));
}

std::string FormatCheckInName(std::string_view organization,
                              std::string_view guest,
                              std::string_view check_in) {
  return absl::StrCat(FormatGuestName(organization, guest), "/checkIns/",
                      AbslView(check_in));
}

std::string FormatLoyaltyProgramName(std::string_view organization) {
  return absl::StrCat("organizations/", AbslView(organization),
                      "/loyaltyProgram");
}

absl::StatusOr<std::string> ParseOrganizationName(std::string_view field,
                                                  std::string_view name) {
  auto ids = ParseName(field, name, {"organizations"});
  if (!ids.ok()) return ids.status();
  return std::move((*ids)[0]);
}

absl::StatusOr<HotelName> ParseHotelName(std::string_view field,
                                         std::string_view name) {
  auto ids = ParseName(field, name, {"organizations", "hotels"});
  if (!ids.ok()) return ids.status();
  return HotelName{std::move((*ids)[0]), std::move((*ids)[1])};
}

absl::StatusOr<ApiKeyName> ParseApiKeyName(std::string_view field,
                                           std::string_view name) {
  auto ids = ParseName(field, name, {"organizations", "apiKeys"});
  if (!ids.ok()) return ids.status();
  return ApiKeyName{std::move((*ids)[0]), std::move((*ids)[1])};
}

absl::StatusOr<OperationName> ParseOperationName(std::string_view field,
                                                 std::string_view name) {
  auto ids = ParseName(field, name, {"organizations", "operations"});
  if (!ids.ok()) return ids.status();
  return OperationName{std::move((*ids)[0]), std::move((*ids)[1])};
}

absl::StatusOr<GuestName> ParseGuestName(std::string_view field,
                                         std::string_view name) {
  auto ids = ParseName(field, name, {"organizations", "guests"});
  if (!ids.ok()) return ids.status();
  return GuestName{std::move((*ids)[0]), std::move((*ids)[1])};
}

absl::StatusOr<StayName> ParseStayName(std::string_view field,
                                       std::string_view name) {
  auto ids = ParseName(field, name, {"organizations", "guests", "stays"});
  if (!ids.ok()) return ids.status();
  return StayName{std::move((*ids)[0]), std::move((*ids)[1]),
                  std::move((*ids)[2])};
}

absl::StatusOr<std::string> ParseLoyaltyProgramName(std::string_view field,
                                                    std::string_view name) {
  constexpr std::string_view kSuffix = "/loyaltyProgram";
  if (name.size() <= kSuffix.size() ||
      name.substr(name.size() - kSuffix.size()) != kSuffix) {
    return InvalidField(std::string(field),
                        "expected organizations/{id}/loyaltyProgram");
  }
  return ParseOrganizationName(field,
                               name.substr(0, name.size() - kSuffix.size()));
}

std::string FormatBackupName(uint32_t backup) {
  return absl::StrCat("backups/", backup);
}

absl::StatusOr<uint32_t> ParseBackupName(std::string_view field,
                                         std::string_view name) {
  constexpr absl::string_view kPattern = "backups/{backup}";
  if (name.empty()) {
    return InvalidField(std::string(field),
                        absl::StrCat("required; expected ", kPattern));
  }
  absl::string_view id = AbslView(name);
  uint32_t backup = 0;
  if (!absl::ConsumePrefix(&id, "backups/") || id.empty() ||
      !absl::ascii_isdigit(static_cast<unsigned char>(id.front())) ||
      !absl::SimpleAtoi(id, &backup) || backup == 0) {
    return InvalidField(std::string(field),
                        absl::StrCat("expected ", kPattern,
                                     " with a positive decimal backup id"));
  }
  return backup;
}

std::optional<std::string> OrganizationOfName(std::string_view name) {
  constexpr std::string_view kPrefix = "organizations/";
  if (name.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  std::string_view id = name.substr(kPrefix.size());
  id = id.substr(0, id.find('/'));
  if (!IsValidResourceId(id)) return std::nullopt;
  return std::string(id);
}

}  // namespace guestvoice::service
