#ifndef GUESTVOICE_SERVICE_API_LISTEN_ADDRESS_H_
#define GUESTVOICE_SERVICE_API_LISTEN_ADDRESS_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace guestvoice::service {

// An address a server listens on, as given by a --*listen flag.
struct ListenAddress {
  std::string host;  // without the brackets of "[v6]"
  int port = 0;      // 0: any free port
};

// Splits "host:port" or "[v6]:port". INVALID_ARGUMENT naming --`flag` and
// showing `example` when it is not that.
absl::StatusOr<ListenAddress> ParseListenAddress(std::string_view flag,
                                                 std::string_view listen,
                                                 std::string_view example);

// Whether a server could bind `address` now: binds a socket of its own to
// each of the host's addresses (without SO_REUSEPORT, so a port another
// process holds, even with SO_REUSEPORT, is refused) and closes it. For a
// server to refuse a port in use before it creates anything; port 0 always
// passes. INVALID_ARGUMENT naming --`flag`=`listen` when the host does not
// resolve, or one of its addresses is in use or needs a privilege.
absl::Status CheckCanBind(std::string_view flag, std::string_view listen,
                          const ListenAddress& address);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_LISTEN_ADDRESS_H_
