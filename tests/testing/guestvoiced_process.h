#ifndef GUESTVOICE_TESTS_TESTING_GUESTVOICED_PROCESS_H_
#define GUESTVOICE_TESTS_TESTING_GUESTVOICED_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace guestvoice::testing {

// The real guestvoiced binary run as a child process on 127.0.0.1:0, for
// drivers that must crash it (SIGKILL) or measure it from outside (RSS).
// Its stdout and stderr go to a log file, so a chatty server never blocks on
// a full pipe and the log can be read while it runs.
class GuestvoicedProcess {
 public:
  struct Options {
    std::string binary;
    std::string data_dir;
    std::string log_path;
    // Appended to --data_dir, --listen and --metrics_listen= (none).
    std::vector<std::string> flags;
    // How long the server may take to log its port.
    absl::Duration start_deadline = absl::Seconds(30);
  };

  // Starts the server and waits until it logs the port it listens on.
  static absl::StatusOr<std::unique_ptr<GuestvoicedProcess>> Start(
      const Options& options);

  GuestvoicedProcess(const GuestvoicedProcess&) = delete;
  GuestvoicedProcess& operator=(const GuestvoicedProcess&) = delete;
  // Kills a server still running.
  ~GuestvoicedProcess();

  int port() const { return port_; }
  // The metrics endpoint's port, from the log, when the flags gave a
  // --metrics_listen address.
  absl::StatusOr<int> MetricsPort() const;
  pid_t pid() const { return pid_; }
  std::string address() const;
  const std::string& log_path() const { return log_path_; }

  // SIGKILL, then reaps the process: nothing of a clean shutdown runs.
  void Kill();
  // The exit code (-signal) of a server that ended without Kill or Stop,
  // reaped; nullopt while it runs (or once Kill or Stop ended it).
  std::optional<int> EndedByItself();
  // SIGTERM; fails unless the server exits with 0 within `deadline`.
  absl::Status Stop(absl::Duration deadline = absl::Seconds(30));

 private:
  GuestvoicedProcess(pid_t pid, std::string log_path)
      : pid_(pid), log_path_(std::move(log_path)) {}

  absl::Status WaitUntilListening(absl::Duration deadline);

  pid_t pid_;
  std::string log_path_;
  int port_ = 0;
};

// The bootstrap admin key guestvoiced writes to a fresh data dir.
absl::StatusOr<std::string> ReadAdminKey(const std::string& data_dir);

// What a program run to its end printed (stdout and stderr) and its exit
// code (-signal when a signal ended it).
struct ProgramRun {
  int exit_code = 0;
  std::string printed;
};

// Runs args[0] with the rest as its arguments and waits for it to end.
absl::StatusOr<ProgramRun> RunProgram(std::vector<std::string> args);

// Runs guestvoice-verify on a data dir no server has open; fails unless it
// exits with 0 and reports 0 differences. Returns its last line.
absl::StatusOr<std::string> RunVerify(const std::string& verify_binary,
                                      const std::string& data_dir);

// The last `max_bytes` of a file, for failure messages.
std::string FileTail(const std::string& path, size_t max_bytes = 4000);

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_TESTING_GUESTVOICED_PROCESS_H_
