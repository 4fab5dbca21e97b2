#include "service/tenancy/organization_ids.h"

#include "common/status_macros.h"
#include "storage/keys.h"

namespace guestvoice::service {

absl::StatusOr<std::vector<std::string>> ListOrganizationIds(
    const storage::Store& store) {
  std::vector<std::string> organizations;
  RETURN_IF_ERROR(
      store.Scan(storage::ColumnFamily::kIndexes,
                 storage::OrganizationIndexPrefix(), "", 0,
                 [&](std::string_view key,
                     std::string_view) -> absl::StatusOr<storage::ScanStep> {
                   ASSIGN_OR_RETURN(storage::OrganizationIndexKeyParts index,
                                    storage::ParseOrganizationIndexKey(key));
                   organizations.emplace_back(index.org_id);
                   return storage::ScanStep::kContinue;
                 }));
  return organizations;
}

}  // namespace guestvoice::service
