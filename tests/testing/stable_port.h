#ifndef GUESTVOICE_TESTS_TESTING_STABLE_PORT_H_
#define GUESTVOICE_TESTS_TESTING_STABLE_PORT_H_

#include "absl/status/statusor.h"

namespace guestvoice::testing {

// A free loopback TCP port that a process can give up and bind again later:
// one outside the kernel's ephemeral range (net.ipv4.ip_local_port_range),
// which nobody's port-0 bind or outgoing connection is ever handed. A port
// from port 0 is in that range, so another process can take it while a
// killed server is down, and the restart on "its" address then fails (about
// once in a thousand restarts on a busy test machine). Chosen at random below
// the range and checked free by binding it; an error when no such port is
// free.
absl::StatusOr<int> StableLoopbackPort();

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_TESTING_STABLE_PORT_H_
