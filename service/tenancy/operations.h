#ifndef GUESTVOICE_SERVICE_TENANCY_OPERATIONS_H_
#define GUESTVOICE_SERVICE_TENANCY_OPERATIONS_H_

// Long-running operations (AIP-151, proto/guestvoice/v1/operation.proto): the
// stored records, and GetOperation and ListOperations. What an operation does
// lives with its capability (feedback re-analysis: feedback/reanalysis.h); a
// runner advances it (feedback/reanalysis_runner.h).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "guestvoice/v1/admin_service.pb.h"
#include "guestvoice/v1/operation.pb.h"
#include "service/core/domain_context.h"
#include "service/core/principal.h"
#include "service/core/resource_names.h"
#include "storage/store.h"

namespace guestvoice::service {

// A new operation id, valid (IsValidResourceId) and sorting after the ids of
// every operation created earlier, so that key order is creation order.
std::string NewOperationId(absl::Time now, IdSource& ids);

// The stored operation `name`, or nullopt.
absl::StatusOr<std::optional<::guestvoice::internal::v1::StoredOperation>>
ReadStoredOperation(const storage::Store& store, const OperationName& name);

// Puts `stored`, the operation `name` (a new one, or its progress).
void PutStoredOperation(
    storage::WriteBatch& batch, const OperationName& name,
    const ::guestvoice::internal::v1::StoredOperation& stored);

// Ends the operation `name` as done with `error` (code and message).
absl::Status FailOperation(storage::Store& store, const OperationName& name,
                           const absl::Status& error, absl::Time now);

// The operations of `organization` not yet done, oldest first.
absl::StatusOr<std::vector<::guestvoice::internal::v1::StoredOperation>>
UnfinishedOperationsOf(const storage::Store& store,
                       std::string_view organization);

// Every operation not yet done, of every organization, oldest first within
// each: what a restarted server resumes.
absl::StatusOr<std::vector<OperationName>> ListUnfinishedOperations(
    const storage::Store& store);

// AdminService.GetOperation and ListOperations: open to the organization's
// SCOPE_ADMIN keys and to SCOPE_PLATFORM_ADMIN keys.
class Operations {
 public:
  explicit Operations(DomainContext domain) : domain_(domain) {}

  absl::Status Get(const Principal& caller,
                   const v1::GetOperationRequest& request,
                   v1::Operation& response) const;
  // Oldest first.
  absl::Status List(const Principal& caller,
                    const v1::ListOperationsRequest& request,
                    v1::ListOperationsResponse& response) const;

 private:
  DomainContext domain_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_TENANCY_OPERATIONS_H_
