#ifndef GUESTVOICE_SERVICE_LOYALTY_EXTERNAL_REFERENCES_H_
#define GUESTVOICE_SERVICE_LOYALTY_EXTERNAL_REFERENCES_H_

// Stays and check-ins come from other systems, each under that system's
// reference (a booking reference, a check-in source's external id), and are
// recorded once per reference: a repeat returns the first record, a
// reference belongs to one guest only, and the same reference with other
// details is refused, never taken for a retry.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "service/core/errors.h"

namespace guestvoice::service {

// Adds a violation under `field` unless `value` is 1 to `max_bytes` printable
// ASCII characters (spaces allowed inside, not at either end).
void CheckExternalReference(FieldViolations& violations, std::string_view field,
                            std::string_view value, size_t max_bytes);

// ALREADY_EXISTS: the reference in `field` is recorded for another guest.
absl::Status RecordedForAnotherGuest(std::string_view field);

// One difference for RecordedWithOtherDetails: "nights: 3 recorded, 4 sent".
std::string Difference(std::string_view field, std::string_view recorded,
                       std::string_view sent);

// ALREADY_EXISTS (RESOURCE_ALREADY_EXISTS, resource `recorded_name`): the
// reference in `field` is recorded as `recorded_name` with other details,
// each of `differences` saying how ("nights: 3 recorded, 4 sent"). `remedy`
// tells the caller what to do instead.
absl::Status RecordedWithOtherDetails(
    std::string_view field, std::string_view recorded_name,
    const std::vector<std::string>& differences, std::string_view remedy);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_LOYALTY_EXTERNAL_REFERENCES_H_
