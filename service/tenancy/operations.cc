#include "service/tenancy/operations.h"

#include <cstdint>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "service/core/errors.h"
#include "service/core/pagination.h"
#include "service/core/proto_records.h"
#include "service/core/proto_time.h"
#include "service/tenancy/organization_ids.h"
#include "service/tenancy/organizations.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

// An id is "op", the creation time in microseconds since 1970 as 15 hex
// digits (enough until the year 3000, so fixed-width ids sort by time), "-"
// and random characters, for operations created in the same microsecond.
constexpr size_t kRandomChars = 8;

absl::StatusOr<internal::v1::StoredOperation> ParseStoredOperation(
    std::string_view value) {
  internal::v1::StoredOperation stored;
  if (!stored.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
    return absl::DataLossError("a stored operation record is unreadable");
  }
  return stored;
}

}  // namespace

std::string NewOperationId(absl::Time now, IdSource& ids) {
  return absl::StrCat("op",
                      absl::Hex(absl::ToUnixMicros(now), absl::kZeroPad15), "-",
                      ids.NewResourceId().substr(0, kRandomChars));
}

absl::StatusOr<std::optional<internal::v1::StoredOperation>>
ReadStoredOperation(const storage::Store& store, const OperationName& name) {
  return ReadProto<internal::v1::StoredOperation>(
      store, storage::ColumnFamily::kEntities,
      storage::OperationKey(name.organization, name.operation),
      FormatOperationName(name.organization, name.operation));
}

void PutStoredOperation(storage::WriteBatch& batch, const OperationName& name,
                        const internal::v1::StoredOperation& stored) {
  batch.Put(storage::ColumnFamily::kEntities,
            storage::OperationKey(name.organization, name.operation),
            stored.SerializeAsString());
}

absl::Status FailOperation(storage::Store& store, const OperationName& name,
                           const absl::Status& error, absl::Time now) {
  ASSIGN_OR_RETURN(std::optional<internal::v1::StoredOperation> stored,
                   ReadStoredOperation(store, name));
  if (!stored.has_value()) return absl::OkStatus();
  v1::Operation& operation = *stored->mutable_operation();
  operation.set_done(true);
  // absl status codes are google.rpc.Code's numbers.
  operation.mutable_error()->set_code(static_cast<int32_t>(error.code()));
  operation.mutable_error()->set_message(std::string(error.message()));
  *operation.mutable_update_time() = ToProtoTimestamp(now);
  storage::WriteBatch batch;
  PutStoredOperation(batch, name, *stored);
  return store.Write(std::move(batch));
}

absl::StatusOr<std::vector<internal::v1::StoredOperation>>
UnfinishedOperationsOf(const storage::Store& store,
                       std::string_view organization) {
  std::vector<internal::v1::StoredOperation> unfinished;
  RETURN_IF_ERROR(store.Scan(
      storage::ColumnFamily::kEntities, storage::OperationPrefix(organization),
      "", 0,
      [&](std::string_view,
          std::string_view value) -> absl::StatusOr<storage::ScanStep> {
        ASSIGN_OR_RETURN(internal::v1::StoredOperation stored,
                         ParseStoredOperation(value));
        if (!stored.operation().done()) unfinished.push_back(std::move(stored));
        return storage::ScanStep::kContinue;
      }));
  return unfinished;
}

absl::StatusOr<std::vector<OperationName>> ListUnfinishedOperations(
    const storage::Store& store) {
  ASSIGN_OR_RETURN(std::vector<std::string> organizations,
                   ListOrganizationIds(store));
  std::vector<OperationName> unfinished;
  for (const std::string& organization : organizations) {
    ASSIGN_OR_RETURN(std::vector<internal::v1::StoredOperation> operations,
                     UnfinishedOperationsOf(store, organization));
    for (const internal::v1::StoredOperation& stored : operations) {
      ASSIGN_OR_RETURN(OperationName name,
                       ParseOperationName("name", stored.operation().name()));
      unfinished.push_back(std::move(name));
    }
  }
  return unfinished;
}

absl::Status Operations::Get(const Principal& caller,
                             const v1::GetOperationRequest& request,
                             v1::Operation& response) const {
  ASSIGN_OR_RETURN(OperationName name,
                   ParseOperationName("name", request.name()));
  RETURN_IF_ERROR(AuthorizeOrganizationAdmin(
      domain_.store, caller, name.organization, request.name()));
  ASSIGN_OR_RETURN(std::optional<internal::v1::StoredOperation> stored,
                   ReadStoredOperation(domain_.store, name));
  if (!stored.has_value()) return ResourceNotFound(request.name());
  response = std::move(*stored->mutable_operation());
  return absl::OkStatus();
}

absl::Status Operations::List(const Principal& caller,
                              const v1::ListOperationsRequest& request,
                              v1::ListOperationsResponse& response) const {
  ASSIGN_OR_RETURN(std::string organization,
                   ParseOrganizationName("parent", request.parent()));
  RETURN_IF_ERROR(AuthorizeOrganizationAdmin(domain_.store, caller,
                                             organization, request.parent()));
  const PageQuery query{
      .family = storage::ColumnFamily::kEntities,
      .prefix = storage::OperationPrefix(organization),
      .request_identity = absl::StrCat("ListOperations|", request.parent()),
      .page_size = request.page_size(),
      .page_token = request.page_token(),
  };
  ASSIGN_OR_RETURN(
      *response.mutable_next_page_token(),
      VisitPage(domain_.store, query,
                [&](std::string_view, std::string_view value) -> absl::Status {
                  ASSIGN_OR_RETURN(internal::v1::StoredOperation stored,
                                   ParseStoredOperation(value));
                  *response.add_operations() =
                      std::move(*stored.mutable_operation());
                  return absl::OkStatus();
                }));
  return absl::OkStatus();
}

}  // namespace guestvoice::service
