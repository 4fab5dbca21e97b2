#include "service/api/versions.h"

#include <google/protobuf/stubs/common.h>
#include <grpcpp/grpcpp.h>

#include "absl/strings/str_cat.h"
#include "common/build_info.h"
#include "storage/store.h"

namespace guestvoice::service {

v1::SoftwareVersions RunningVersions() {
  v1::SoftwareVersions versions;
  versions.set_guestvoice(std::string(GuestvoiceVersion()));
  versions.set_git_revision(std::string(GitRevision()));
  versions.set_schema_version(storage::Store::kSchemaVersion);
  versions.set_grpc(grpc::Version());
  // The headers' release: the library refuses to run generated code of
  // another release (GOOGLE_PROTOBUF_VERIFY_VERSION), so they agree.
  versions.set_protobuf(
      google::protobuf::internal::VersionString(GOOGLE_PROTOBUF_VERSION));
  versions.set_rocksdb(storage::Store::RocksDbVersion());
  return versions;
}

std::string VersionText(const v1::SoftwareVersions& versions) {
  return absl::StrCat("guestvoiced ", versions.guestvoice(), "\n",
                      "git revision: ", versions.git_revision(), "\n",
                      "schema version: ", versions.schema_version(), "\n",
                      "grpc: ", versions.grpc(), "\n",
                      "protobuf: ", versions.protobuf(), "\n",
                      "rocksdb: ", versions.rocksdb(), "\n");
}

}  // namespace guestvoice::service
