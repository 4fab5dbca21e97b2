#ifndef GUESTVOICE_SERVICE_TENANCY_ORGANIZATION_IDS_H_
#define GUESTVOICE_SERVICE_TENANCY_ORGANIZATION_IDS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "storage/store.h"

namespace guestvoice::service {

// The id of every organization, in ascending order (from the organization
// index): for work that visits every tenant, such as rebuilding the
// aggregates or resuming operations on start.
absl::StatusOr<std::vector<std::string>> ListOrganizationIds(
    const storage::Store& store);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_TENANCY_ORGANIZATION_IDS_H_
