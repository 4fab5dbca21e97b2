#ifndef GUESTVOICE_SERVICE_API_METRICS_ENDPOINT_H_
#define GUESTVOICE_SERVICE_API_METRICS_ENDPOINT_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "absl/status/statusor.h"

namespace httplib {
class Server;
}

namespace guestvoice::service {

// The Prometheus scrape endpoint: plain HTTP on an address of its own,
// answering GET /metrics with what `collect` writes (the text exposition
// format), on one thread of its own, so a scrape never takes a call's
// worker.
class MetricsEndpoint {
 public:
  using Collect = std::function<std::string()>;

  // Binds `listen` (HOST:PORT, port 0 picks a free one), serving nothing
  // yet: the server binds it before it opens the store, so that a port in
  // use refuses the start before anything is created. INVALID_ARGUMENT when
  // `listen` is not HOST:PORT or cannot be bound (an address in use: the
  // port is never shared with another process).
  static absl::StatusOr<std::unique_ptr<MetricsEndpoint>> Bind(
      std::string_view listen);

  // Starts answering GET /metrics with what `collect` writes. Once only.
  void Serve(Collect collect);

  // Stops serving, after the scrape in progress if there is one, and frees
  // the port.
  ~MetricsEndpoint();

  int port() const { return port_; }

 private:
  MetricsEndpoint() = default;

  std::unique_ptr<httplib::Server> http_;
  Collect collect_;
  std::thread thread_;
  // Set when the listening thread's loop has ended (stopped, or failed).
  std::atomic<bool> listen_ended_ = false;
  int port_ = 0;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_METRICS_ENDPOINT_H_
