#include "tests/testing/stable_port.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <random>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace guestvoice::testing {
namespace {

// Below this, ports are the well-known and registered ones that local
// services (and other test fixtures with fixed ports) like to use.
constexpr int kLowestPort = 10000;

bool CanBind(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // No SO_REUSEADDR: a port still held by a socket in TIME_WAIT is not free.
  const bool bound = ::bind(fd, reinterpret_cast<const sockaddr*>(&address),
                            sizeof(address)) == 0;
  ::close(fd);
  return bound;
}

}  // namespace

absl::StatusOr<int> StableLoopbackPort() {
  int ephemeral_low = 0;
  int ephemeral_high = 0;
  std::ifstream range("/proc/sys/net/ipv4/ip_local_port_range");
  if (!(range >> ephemeral_low >> ephemeral_high)) {
    return absl::FailedPreconditionError(
        "cannot read /proc/sys/net/ipv4/ip_local_port_range");
  }
  if (ephemeral_low <= kLowestPort) {
    return absl::FailedPreconditionError(
        absl::StrCat("the ephemeral port range starts at ", ephemeral_low,
                     ", leaving no stable ports above ", kLowestPort));
  }
  std::mt19937 random{std::random_device{}()};
  std::uniform_int_distribution<int> ports(kLowestPort, ephemeral_low - 1);
  constexpr int kTries = 100;
  for (int i = 0; i < kTries; ++i) {
    const int port = ports(random);
    if (CanBind(port)) return port;
  }
  return absl::UnavailableError(
      absl::StrCat("no free loopback port in ", kLowestPort, "-",
                   ephemeral_low - 1, " after ", kTries, " tries"));
}

}  // namespace guestvoice::testing
