// A real guestvoiced for tests: port 0, a fresh data dir, the port read from
// its log and the first admin key from <data_dir>/admin-api-key. The binary
// is $GUESTVOICED, by default build/release/service/guestvoiced of the repo.
// TestCertificates are those of a server over TLS.
#ifndef GUESTVOICE_CLIENT_TESTS_TEST_SERVER_H_
#define GUESTVOICE_CLIENT_TESTS_TEST_SERVER_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace guestvoice::testing {

class TestServer {
 public:
  // Starts the server with `flags` besides the test defaults; fails the
  // current test (and returns null) when it does not listen within 30 s.
  static std::unique_ptr<TestServer> Start(
      const std::vector<std::string>& flags = {});
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

// A throwaway authority and a server certificate it signed for 127.0.0.1,
// made by tools/make-test-certificates in a temporary dir removed with them.
class TestCertificates {
 public:
  // Fails the current test (and returns null) when they cannot be made.
  static std::unique_ptr<TestCertificates> Make();
  ~TestCertificates();

  // The authority's certificate (PEM), for a client to trust.
  std::string AuthorityPem() const;
  // Flags that make guestvoiced serve TLS only with the server certificate.
  std::vector<std::string> ServerFlags() const;

 private:
  TestCertificates() = default;
  std::string dir_;
};

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_CLIENT_TESTS_TEST_SERVER_H_
