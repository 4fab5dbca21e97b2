#ifndef GUESTVOICE_TESTS_TESTING_TEST_SERVER_H_
#define GUESTVOICE_TESTS_TESTING_TEST_SERVER_H_

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "guestvoice/v1/admin.pb.h"
#include "service/api/server.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::testing {

// A guestvoiced started in-process on 127.0.0.1:0 with a fresh data dir and
// a fake clock, called over a real TCP channel through the generated stubs.
class TestServer {
 public:
  // The few server options tests vary.
  struct Options {
    service::FeedbackWatchers::Limits watchers;
    service::ImportStreams::Limits imports;
    // Off unless a test asks for it: buckets refill only as the fake clock
    // advances, and most tests never advance it.
    service::KeyRateLimiter::Limits rate_limit{.calls_per_second = 0};
    size_t call_queue_capacity = 4096;
    size_t scan_queue_capacity = 256;
    size_t scan_threads = 2;
    // ServerOptions::page_token_secret_file.
    std::string page_token_secret_file = "";
    // ServerOptions::call_router: where calls about each organization are
    // answered (null: all here).
    const service::cluster::CallRouter* call_router = nullptr;
    // ServerOptions::metrics_listen: "127.0.0.1:0" serves the metrics
    // endpoint on a free port (Server::metrics_port); "" serves none.
    std::string metrics_listen = "";
  };

  TestServer() : TestServer(Options{}) {}
  explicit TestServer(Options options);
  ~TestServer();

  // Stops the server and starts a new one on the same data dir.
  void Restart();

  std::shared_ptr<grpc::Channel> channel() const { return channel_; }
  FakeClock& clock() { return clock_; }
  const std::string& data_dir() const { return data_dir_.path(); }
  service::Server& server() { return *server_; }

  // The bootstrap key of organization "default" (every scope).
  const std::string& admin_key() const { return admin_key_; }

  // A client context that sends `key` as the bearer token ("" sends none).
  static std::unique_ptr<grpc::ClientContext> Context(const std::string& key);

  // Creates an organization through AdminService with the bootstrap key and
  // returns an API key of it with `scopes`.
  std::string CreateOrganizationWithKey(const std::string& organization_id,
                                        std::vector<v1::Scope> scopes);
  // Creates an API key in `organization` (an id) with the bootstrap key.
  std::string CreateKey(const std::string& organization,
                        std::vector<v1::Scope> scopes);
  // The same, whole (its name revokes it), expiring at `expire_time` when
  // given (by the server's clock, clock()).
  v1::ApiKey CreateApiKey(const std::string& organization,
                          std::vector<v1::Scope> scopes,
                          std::optional<absl::Time> expire_time = {});

 private:
  void Start();

  Options options_;
  TempDir data_dir_;
  FakeClock clock_;
  std::unique_ptr<service::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::string admin_key_;
};

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_TESTING_TEST_SERVER_H_
