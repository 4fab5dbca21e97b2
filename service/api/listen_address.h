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

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_LISTEN_ADDRESS_H_
