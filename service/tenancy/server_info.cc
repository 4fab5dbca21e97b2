#include "service/tenancy/server_info.h"

#include "common/status_macros.h"
#include "service/core/proto_time.h"

namespace guestvoice::service {

absl::Status ServerInfoReader::Get(const Principal& /*caller*/,
                                   const v1::GetServerInfoRequest& /*request*/,
                                   v1::ServerInfo& response) const {
  ASSIGN_OR_RETURN(const uint64_t store_bytes,
                   context_.store.SizeOnDiskBytes());
  *response.mutable_versions() = versions_;
  *response.mutable_start_time() = ToProtoTimestamp(start_time_);
  *response.mutable_uptime() =
      ToProtoDuration(context_.clock.Now() - start_time_);
  response.set_store_size_bytes(static_cast<int64_t>(store_bytes));
  response.set_store_id(context_.store.schema_stamp().store_id);
  return absl::OkStatus();
}

}  // namespace guestvoice::service
