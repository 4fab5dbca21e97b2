#ifndef GUESTVOICE_SERVICE_LOYALTY_EXTERNAL_REFERENCES_H_
#define GUESTVOICE_SERVICE_LOYALTY_EXTERNAL_REFERENCES_H_

// Stays and check-ins come from other systems, each under that system's
// reference (a booking reference, a check-in source's external id), and are
// recorded once per reference: a repeat returns the first record, and a
// reference belongs to one guest only.

#include <cstddef>
#include <string_view>

#include "absl/status/status.h"
#include "service/core/errors.h"

namespace guestvoice::service {

// Adds a violation under `field` unless `value` is 1 to `max_bytes` printable
// ASCII characters (spaces allowed inside, not at either end).
void CheckExternalReference(FieldViolations& violations, std::string_view field,
                            std::string_view value, size_t max_bytes);

// ALREADY_EXISTS: the reference in `field` is recorded for another guest.
absl::Status RecordedForAnotherGuest(std::string_view field);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_LOYALTY_EXTERNAL_REFERENCES_H_
