#include "service/api/listen_address.h"

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

}  // namespace guestvoice::service
