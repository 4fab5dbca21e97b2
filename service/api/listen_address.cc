#include "service/api/listen_address.h"

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/absl_view.h"

namespace guestvoice::service {

absl::StatusOr<ListenAddress> ParseListenAddress(std::string_view flag,
                                                 std::string_view listen,
                                                 std::string_view example) {
  const size_t colon = listen.rfind(':');
  int port = 0;
  if (colon == std::string_view::npos ||
      !absl::SimpleAtoi(AbslView(listen.substr(colon + 1)), &port) ||
      port < 0 || port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--", AbslView(flag), "=", AbslView(listen),
        " is not HOST:PORT (for example ", AbslView(example), ")"));
  }
  absl::string_view host = AbslView(listen.substr(0, colon));
  if (absl::ConsumePrefix(&host, "[")) absl::ConsumeSuffix(&host, "]");
  return ListenAddress{std::string(host), port};
}

absl::Status CheckCanBind(std::string_view flag, std::string_view listen,
                          const ListenAddress& address) {
  if (address.port == 0) return absl::OkStatus();
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(address.port);
  const int resolved =
      getaddrinfo(address.host.empty() ? nullptr : address.host.c_str(),
                  port.c_str(), &hints, &found);
  if (resolved != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot listen on --", AbslView(flag), "=",
                     AbslView(listen), ": ", gai_strerror(resolved)));
  }
  int bind_error = 0;
  for (const addrinfo* each = found; each != nullptr && bind_error == 0;
       each = each->ai_next) {
    const int probe = socket(each->ai_family, each->ai_socktype | SOCK_CLOEXEC,
                             each->ai_protocol);
    if (probe < 0) continue;  // A family this host does not have.
    // As gRPC and httplib do, so that connections of a server that just
    // stopped (TIME_WAIT) do not count as the port in use.
    const int yes = 1;
    setsockopt(probe, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    // Other errors (an IPv6 loopback on a host without IPv6) are left to the
    // server's own bind, which skips such addresses.
    if (bind(probe, each->ai_addr, each->ai_addrlen) != 0 &&
        (errno == EADDRINUSE || errno == EACCES)) {
      bind_error = errno;
    }
    close(probe);
  }
  freeaddrinfo(found);
  if (bind_error != 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cannot listen on --", AbslView(flag), "=", AbslView(listen), ": ",
        bind_error == EADDRINUSE ? "the address is already in use"
                                 : std::strerror(bind_error)));
  }
  return absl::OkStatus();
}

}  // namespace guestvoice::service
