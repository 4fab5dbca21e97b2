#ifndef GUESTVOICE_SERVICE_CORE_RESOURCE_NAMES_H_
#define GUESTVOICE_SERVICE_CORE_RESOURCE_NAMES_H_

// Parsing and formatting of resource names (AIP-122). Parsers name the
// request field they read, so their errors are field violations.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace guestvoice::service {

// An id as the last segment of a name: 1 to 63 characters of lower-case
// letters, digits and hyphens, starting with a letter and not ending with a
// hyphen (RFC 1034 labels, AIP-122).
bool IsValidResourceId(std::string_view id);

struct HotelName {
  std::string organization;
  std::string hotel;
};
struct ApiKeyName {
  std::string organization;
  std::string api_key;
};
struct OperationName {
  std::string organization;
  std::string operation;
};
struct GuestName {
  std::string organization;
  std::string guest;
};
struct StayName {
  std::string organization;
  std::string guest;
  std::string stay;
};

std::string FormatOrganizationName(std::string_view organization);
std::string FormatHotelName(std::string_view organization,
                            std::string_view hotel);
std::string FormatApiKeyName(std::string_view organization,
                             std::string_view api_key);

std::string FormatOperationName(std::string_view organization,
                                std::string_view operation);
std::string FormatGuestName(std::string_view organization,
                            std::string_view guest);
std::string FormatStayName(std::string_view organization,
                           std::string_view guest, std::string_view stay);
std::string FormatCheckInName(std::string_view organization,
                              std::string_view guest,
                              std::string_view check_in);
std::string FormatLoyaltyProgramName(std::string_view organization);
std::string FormatBackupName(uint32_t backup);

// `organizations/{organization}` -> the organization id.
absl::StatusOr<std::string> ParseOrganizationName(std::string_view field,
                                                  std::string_view name);
// `organizations/{organization}/hotels/{hotel}`.
absl::StatusOr<HotelName> ParseHotelName(std::string_view field,
                                         std::string_view name);
// `organizations/{organization}/apiKeys/{api_key}`.
absl::StatusOr<ApiKeyName> ParseApiKeyName(std::string_view field,
                                           std::string_view name);

// `organizations/{organization}/operations/{operation}`.
absl::StatusOr<OperationName> ParseOperationName(std::string_view field,
                                                 std::string_view name);
// `organizations/{organization}/guests/{guest}`.
absl::StatusOr<GuestName> ParseGuestName(std::string_view field,
                                         std::string_view name);
// `organizations/{organization}/guests/{guest}/stays/{stay}`.
absl::StatusOr<StayName> ParseStayName(std::string_view field,
                                       std::string_view name);
// `organizations/{organization}/loyaltyProgram` -> the organization id.
absl::StatusOr<std::string> ParseLoyaltyProgramName(std::string_view field,
                                                    std::string_view name);
// `backups/{backup}` -> the backup id, a positive decimal number (the ids
// RocksDB's BackupEngine assigns), unlike every other resource's id.
absl::StatusOr<uint32_t> ParseBackupName(std::string_view field,
                                         std::string_view name);

// The organization of any resource inside one (`organizations/{id}` and
// every name below it), or nullopt when `name` is not such a name; for
// routing a call before it is parsed in full, so it reports no error.
std::optional<std::string> OrganizationOfName(std::string_view name);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_RESOURCE_NAMES_H_
