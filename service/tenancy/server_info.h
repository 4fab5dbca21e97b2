#ifndef GUESTVOICE_SERVICE_TENANCY_SERVER_INFO_H_
#define GUESTVOICE_SERVICE_TENANCY_SERVER_INFO_H_

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "guestvoice/v1/admin.pb.h"
#include "guestvoice/v1/admin_service.pb.h"
#include "service/core/domain_context.h"
#include "service/core/principal.h"

namespace guestvoice::service {

// AdminService.GetServerInfo: what the server runs on, how long it has run
// and how big its store is. The installation's operators ask, so the gRPC
// layer requires SCOPE_PLATFORM_ADMIN.
class ServerInfoReader {
 public:
  // `versions` comes from the gRPC layer, which alone knows the gRPC release.
  ServerInfoReader(DomainContext context, v1::SoftwareVersions versions,
                   absl::Time start_time)
      : context_(context),
        versions_(std::move(versions)),
        start_time_(start_time) {}

  absl::Status Get(const Principal& caller,
                   const v1::GetServerInfoRequest& request,
                   v1::ServerInfo& response) const;

 private:
  DomainContext context_;
  v1::SoftwareVersions versions_;
  absl::Time start_time_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_TENANCY_SERVER_INFO_H_
