#include "tests/testing/guestvoiced_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <optional>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace guestvoice::testing {
namespace {

// The line guestvoiced logs once it accepts calls.
constexpr absl::string_view kListening = "guestvoiced listening on port ";
// The line it logs right after, with a metrics endpoint.
constexpr absl::string_view kMetrics = "metrics on port ";
// How often a wait re-checks its condition (the log, the child's exit).
constexpr absl::Duration kPollInterval = absl::Milliseconds(10);

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

// argv for execv; `args` must outlive the returned pointers.
std::vector<char*> Argv(std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  return argv;
}

// Exit code of a reaped child, or -signal when a signal ended it.
int ExitCode(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  return -WTERMSIG(wait_status);
}

}  // namespace

absl::StatusOr<std::unique_ptr<GuestvoicedProcess>> GuestvoicedProcess::Start(
    const Options& options) {
  std::vector<std::string> args = {
      options.binary, absl::StrCat("--data_dir=", options.data_dir),
      // No metrics endpoint unless a test's flags ask for one: the default
      // port would collide with servers running side by side.
      "--listen=127.0.0.1:0", "--metrics_listen="};
  args.insert(args.end(), options.flags.begin(), options.flags.end());
  const int log = open(options.log_path.c_str(),
                       O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log < 0) {
    return absl::InternalError(absl::StrCat("cannot open ", options.log_path));
  }
  std::vector<char*> argv = Argv(args);
  const pid_t pid = fork();
  if (pid == 0) {
    // The child: only async-signal-safe calls until exec.
    dup2(log, STDOUT_FILENO);
    dup2(log, STDERR_FILENO);
    const int null = open("/dev/null", O_RDONLY);
    dup2(null, STDIN_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(log);
  if (pid < 0) return absl::InternalError("fork failed");
  std::unique_ptr<GuestvoicedProcess> process(
      new GuestvoicedProcess(pid, options.log_path));
  if (absl::Status listening =
          process->WaitUntilListening(options.start_deadline);
      !listening.ok()) {
    return listening;  // The destructor kills the child.
  }
  return process;
}

GuestvoicedProcess::~GuestvoicedProcess() {
  if (pid_ > 0) Kill();
}

std::string GuestvoicedProcess::address() const {
  return absl::StrCat("127.0.0.1:", port_);
}

// The port a log line starting with `prefix` names, if the log has one.
std::optional<int> PortLogged(absl::string_view log, absl::string_view prefix) {
  const size_t at = log.find(prefix);
  if (at == log.npos) return std::nullopt;
  absl::string_view rest = log.substr(at + prefix.size());
  int port = 0;
  if (!absl::SimpleAtoi(rest.substr(0, rest.find(' ')), &port)) {
    return std::nullopt;
  }
  return port;
}

absl::Status GuestvoicedProcess::WaitUntilListening(absl::Duration deadline) {
  const absl::Time give_up = absl::Now() + deadline;
  while (absl::Now() < give_up) {
    if (std::optional<int> port = PortLogged(ReadFile(log_path_), kListening)) {
      port_ = *port;
      return absl::OkStatus();
    }
    int wait_status = 0;
    if (waitpid(pid_, &wait_status, WNOHANG) == pid_) {
      pid_ = 0;
      return absl::InternalError(
          absl::StrCat("guestvoiced exited with ", ExitCode(wait_status),
                       " before listening:\n", FileTail(log_path_)));
    }
    absl::SleepFor(kPollInterval);
  }
  return absl::DeadlineExceededError(
      absl::StrCat("guestvoiced did not log its port within ",
                   absl::FormatDuration(deadline), ":\n", FileTail(log_path_)));
}

absl::StatusOr<int> GuestvoicedProcess::MetricsPort() const {
  // Logged before the server turns SERVING, so once a caller has seen it
  // serve, the line is there or there is no endpoint.
  if (std::optional<int> port = PortLogged(ReadFile(log_path_), kMetrics)) {
    return *port;
  }
  return absl::NotFoundError(
      absl::StrCat("no metrics endpoint in ", log_path_));
}

std::optional<int> GuestvoicedProcess::EndedByItself() {
  if (pid_ <= 0) return std::nullopt;
  int wait_status = 0;
  if (waitpid(pid_, &wait_status, WNOHANG) != pid_) return std::nullopt;
  pid_ = 0;
  return ExitCode(wait_status);
}

void GuestvoicedProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int wait_status = 0;
  waitpid(pid_, &wait_status, 0);
  pid_ = 0;
}

absl::Status GuestvoicedProcess::Stop(absl::Duration deadline) {
  if (pid_ <= 0)
    return absl::FailedPreconditionError("guestvoiced is not running");
  kill(pid_, SIGTERM);
  const absl::Time give_up = absl::Now() + deadline;
  int wait_status = 0;
  while (waitpid(pid_, &wait_status, WNOHANG) != pid_) {
    if (absl::Now() >= give_up) {
      Kill();
      return absl::DeadlineExceededError(absl::StrCat(
          "guestvoiced did not stop within ", absl::FormatDuration(deadline)));
    }
    absl::SleepFor(kPollInterval);
  }
  pid_ = 0;
  if (ExitCode(wait_status) != 0) {
    return absl::InternalError(absl::StrCat("guestvoiced exited with ",
                                            ExitCode(wait_status), ":\n",
                                            FileTail(log_path_)));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadAdminKey(const std::string& data_dir) {
  std::string key(absl::StripAsciiWhitespace(
      ReadFile(absl::StrCat(data_dir, "/admin-api-key"))));
  if (key.empty()) {
    return absl::NotFoundError(absl::StrCat("no admin-api-key in ", data_dir));
  }
  return key;
}

absl::StatusOr<ProgramRun> RunProgram(std::vector<std::string> args) {
  std::vector<char*> argv = Argv(args);
  int output[2];
  if (pipe2(output, O_CLOEXEC) != 0) return absl::InternalError("pipe failed");
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(output[1], STDOUT_FILENO);
    dup2(output[1], STDERR_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(output[1]);
  std::string printed;
  char buffer[4096];
  for (ssize_t n; (n = read(output[0], buffer, sizeof buffer)) > 0;) {
    printed.append(buffer, n);
  }
  close(output[0]);
  if (pid < 0) return absl::InternalError("fork failed");
  int wait_status = 0;
  waitpid(pid, &wait_status, 0);
  return ProgramRun{.exit_code = ExitCode(wait_status),
                    .printed = std::move(printed)};
}

absl::StatusOr<std::string> RunVerify(const std::string& verify_binary,
                                      const std::string& data_dir) {
  absl::StatusOr<ProgramRun> run =
      RunProgram({verify_binary, absl::StrCat("--data_dir=", data_dir)});
  if (!run.ok()) return run.status();
  const absl::string_view trimmed =
      absl::StripTrailingAsciiWhitespace(run->printed);
  const std::string last_line(trimmed.substr(trimmed.rfind('\n') + 1));
  if (run->exit_code != 0 || !absl::EndsWith(last_line, " 0 differences")) {
    return absl::InternalError(absl::StrCat(
        "guestvoice-verify exited with ", run->exit_code, ":\n", run->printed));
  }
  return last_line;
}

std::string FileTail(const std::string& path, size_t max_bytes) {
  const std::string contents = ReadFile(path);
  if (contents.size() <= max_bytes) return contents;
  return absl::StrCat("...", contents.substr(contents.size() - max_bytes));
}

}  // namespace guestvoice::testing
