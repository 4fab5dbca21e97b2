#include "service/api/metrics_endpoint.h"

#include <httplib.h>
#include <sys/socket.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "service/api/listen_address.h"

namespace guestvoice::service {
namespace {

// The version of the text format, which Prometheus reads from the type.
constexpr char kContentType[] = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace

absl::StatusOr<std::unique_ptr<MetricsEndpoint>> MetricsEndpoint::Bind(
    std::string_view listen) {
  ASSIGN_OR_RETURN(
      ListenAddress address,
      ParseListenAddress("metrics_listen", listen, "127.0.0.1:9464"));

  std::unique_ptr<MetricsEndpoint> endpoint(new MetricsEndpoint());
  endpoint->http_ = std::make_unique<httplib::Server>();
  httplib::Server& http = *endpoint->http_;
  // httplib's default sets SO_REUSEPORT, which would let a second server
  // share a port already in use instead of refusing it.
  http.set_socket_options([](socket_t socket) {
    const int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  // Scrapes come one at a time from a Prometheus or two: one worker.
  http.new_task_queue = [] { return new httplib::ThreadPool(1); };
  // collect_ is set (by Serve) before the thread that answers requests
  // starts.
  http.Get("/metrics", [raw = endpoint.get()](const httplib::Request&,
                                              httplib::Response& res) {
    res.set_content(raw->collect_(), kContentType);
  });

  endpoint->port_ =
      address.port == 0
          ? http.bind_to_any_port(address.host)
          : (http.bind_to_port(address.host, address.port) ? address.port : -1);
  if (endpoint->port_ <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "cannot serve metrics on --metrics_listen=", AbslView(listen),
        ": the address is invalid or already in use (choose another, or "
        "--metrics_listen= to serve no metrics)"));
  }
  return endpoint;
}

void MetricsEndpoint::Serve(Collect collect) {
  collect_ = std::move(collect);
  thread_ = std::thread([&http = *http_, &ended = listen_ended_] {
    http.listen_after_bind();
    ended = true;
  });
}

MetricsEndpoint::~MetricsEndpoint() {
  // httplib closes its socket only as a listening server stops: one bound
  // but never served (a later check refused the start) listens for a moment
  // so that it can be stopped.
  if (!thread_.joinable()) Serve([] { return std::string(); });
  // stop() does nothing to a server that has not begun listening yet.
  while (!http_->is_running() && !listen_ended_) std::this_thread::yield();
  http_->stop();
  thread_.join();
}

}  // namespace guestvoice::service
