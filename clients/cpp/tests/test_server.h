// A real guestvoiced for tests: port 0, a fresh data dir, the port read from
// its log and the first admin key from <data_dir>/admin-api-key. The binary
// is $GUESTVOICED, by default build/release/service/guestvoiced of the repo.
#ifndef GUESTVOICE_CLIENT_TESTS_TEST_SERVER_H_
#define GUESTVOICE_CLIENT_TESTS_TEST_SERVER_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <thread>

namespace guestvoice::testing {

class TestServer {
 public:
  // Starts the server; fails the current test (and returns null) when it
  // does not listen within 30 s.
  static std::unique_ptr<TestServer> Start();
  ~TestServer();  // SIGTERM, then waits for the process

  const std::string& address() const { return address_; }
  const std::string& admin_key() const { return admin_key_; }

 private:
  TestServer() = default;
  pid_t pid_ = -1;
  std::string dir_;
  std::string address_;
  std::string admin_key_;
  std::thread reader_;
};

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_CLIENT_TESTS_TEST_SERVER_H_
