#ifndef GUESTVOICE_SERVICE_API_VERSIONS_H_
#define GUESTVOICE_SERVICE_API_VERSIONS_H_

#include <string>

#include "guestvoice/v1/admin.pb.h"

namespace guestvoice::service {

// What this process runs on: the guestvoice release and commit, the schema
// version and the gRPC, protobuf and RocksDB libraries. Gathered here, in the
// gRPC layer, because only it may ask gRPC for its release.
v1::SoftwareVersions RunningVersions();

// `guestvoiced --version`: the first line names the release, then one
// "name: value" line per component, for people and scripts alike.
std::string VersionText(const v1::SoftwareVersions& versions);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_VERSIONS_H_
