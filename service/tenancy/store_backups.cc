#include "service/tenancy/store_backups.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "service/core/errors.h"
#include "service/core/proto_time.h"
#include "service/core/resource_names.h"

namespace guestvoice::service {
namespace {

v1::Backup ToProto(const storage::BackupInfo& backup) {
  v1::Backup proto;
  proto.set_name(FormatBackupName(backup.id));
  *proto.mutable_create_time() = ToProtoTimestamp(backup.create_time);
  proto.set_size_bytes(static_cast<int64_t>(backup.size_bytes));
  proto.set_schema_version(backup.schema_version);
  proto.set_store_id(backup.store_id);
  return proto;
}

}  // namespace

absl::Status StoreBackups::RequireConfigured() const {
  if (backups_ != nullptr) return absl::OkStatus();
  return WithErrorInfo(
      absl::FailedPreconditionError(
          "this server makes no backups: start it with --backup_dir"),
      v1::ERROR_REASON_BACKUPS_NOT_CONFIGURED);
}

absl::Status StoreBackups::Create(const Principal& /*caller*/,
                                  const v1::CreateBackupRequest& /*request*/,
                                  v1::Backup& response) const {
  RETURN_IF_ERROR(RequireConfigured());
  absl::StatusOr<storage::BackupInfo> made = backups_->Create(retention_);
  if (!made.ok()) {
    return WithErrorInfo(made.status(), v1::ERROR_REASON_BACKUP_FAILED);
  }
  response = ToProto(*made);
  return absl::OkStatus();
}

absl::Status StoreBackups::List(const Principal& /*caller*/,
                                const v1::ListBackupsRequest& /*request*/,
                                v1::ListBackupsResponse& response) const {
  RETURN_IF_ERROR(RequireConfigured());
  ASSIGN_OR_RETURN(const std::vector<storage::BackupInfo> backups,
                   backups_->List());
  for (const storage::BackupInfo& backup : backups) {
    *response.add_backups() = ToProto(backup);
  }
  return absl::OkStatus();
}

absl::Status StoreBackups::Delete(
    const Principal& /*caller*/, const v1::DeleteBackupRequest& request) const {
  ASSIGN_OR_RETURN(const uint32_t id, ParseBackupName("name", request.name()));
  RETURN_IF_ERROR(RequireConfigured());
  const absl::Status deleted = backups_->Delete(id);
  if (absl::IsNotFound(deleted)) return ResourceNotFound(request.name());
  return deleted;
}

}  // namespace guestvoice::service
