#include "service/tenancy/bootstrap.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "service/core/proto_time.h"
#include "service/core/resource_names.h"
#include "service/tenancy/organizations.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

absl::Status FileError(std::string_view action, const std::string& path) {
  return absl::FailedPreconditionError(absl::StrCat(
      "cannot ", AbslView(action), " ", path, ": ", std::strerror(errno)));
}

// Writes `contents` to `path` readable by the owner only, durably.
absl::Status WriteOwnerOnlyFile(const std::string& path,
                                const std::string& contents) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                        S_IRUSR | S_IWUSR);
  if (fd < 0) return FileError("create", path);
  // open's mode does not apply to a file that already existed.
  bool ok = ::fchmod(fd, S_IRUSR | S_IWUSR) == 0 &&
            ::write(fd, contents.data(), contents.size()) ==
                static_cast<ssize_t>(contents.size()) &&
            ::fsync(fd) == 0;
  const absl::Status status = ok ? absl::OkStatus() : FileError("write", path);
  ::close(fd);
  return status;
}

}  // namespace

absl::StatusOr<bool> HasOrganizations(const storage::Store& store) {
  bool has_organizations = false;
  RETURN_IF_ERROR(store.Scan(storage::ColumnFamily::kIndexes,
                             storage::OrganizationIndexPrefix(), "", 1,
                             [&](std::string_view, std::string_view) {
                               has_organizations = true;
                               return storage::ScanStep::kStop;
                             }));
  return has_organizations;
}

absl::StatusOr<BootstrapResult> BootstrapIfEmpty(storage::Store& store,
                                                 const Clock& clock,
                                                 IdSource& ids) {
  ASSIGN_OR_RETURN(bool has_organizations, HasOrganizations(store));
  if (has_organizations) return BootstrapResult{};

  const ApiKeySecret admin_key = ApiKeySecret::Draw();
  BootstrapResult result;
  ASSIGN_OR_RETURN(result.admin_key_file,
                   WriteAdminKeyFile(store.data_dir(), admin_key.key_string()));
  // The server is still starting: nothing else writes to the store, which is
  // as empty as it was a moment ago.
  ASSIGN_OR_RETURN(
      result.created,
      CreateFirstOrganization(store, clock.Now(), ids, admin_key.sha256()));
  return result;
}

absl::StatusOr<bool> CreateFirstOrganization(
    storage::Store& store, absl::Time now, IdSource& ids,
    std::string_view admin_key_sha256) {
  ASSIGN_OR_RETURN(bool has_organizations, HasOrganizations(store));
  if (has_organizations) return false;
  return StoreBootstrapIfAbsent(store, now,
                                MintBootstrapKey(now, ids, admin_key_sha256));
}

internal::v1::StoredApiKey MintBootstrapKey(absl::Time now, IdSource& ids,
                                            std::string_view admin_key_sha256) {
  v1::ApiKey request;
  request.set_display_name("first admin key (created at first start)");
  for (int scope = v1::Scope_MIN; scope <= v1::Scope_MAX; ++scope) {
    if (scope != v1::SCOPE_UNSPECIFIED) request.add_scopes(v1::Scope(scope));
  }
  return MintApiKey(kBootstrapOrganization, request, now, ids,
                    admin_key_sha256);
}

absl::StatusOr<std::string> WriteAdminKeyFile(const std::string& data_dir,
                                              const std::string& key_string) {
  std::string path = absl::StrCat(data_dir, "/", kAdminKeyFileName);
  RETURN_IF_ERROR(WriteOwnerOnlyFile(path, absl::StrCat(key_string, "\n")));
  return path;
}

absl::StatusOr<bool> StoreBootstrapIfAbsent(
    storage::Store& store, absl::Time now,
    const internal::v1::StoredApiKey& admin_key) {
  ASSIGN_OR_RETURN(std::optional<v1::Organization> existing,
                   ReadOrganization(store, kBootstrapOrganization));
  if (existing.has_value()) return false;
  ASSIGN_OR_RETURN(ApiKeyName key_name,
                   ParseApiKeyName("name", admin_key.api_key().name()));
  v1::Organization organization;
  organization.set_name(FormatOrganizationName(kBootstrapOrganization));
  organization.set_display_name("Default organization");
  *organization.mutable_create_time() = ToProtoTimestamp(now);
  storage::WriteBatch batch;
  PutOrganization(batch, kBootstrapOrganization, organization);
  PutApiKey(batch, kBootstrapOrganization, key_name.api_key, admin_key);
  RETURN_IF_ERROR(store.Write(std::move(batch)));
  return true;
}

}  // namespace guestvoice::service
