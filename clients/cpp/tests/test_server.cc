#include "test_server.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <regex>
#include <sstream>

extern char** environ;

namespace guestvoice::testing {
namespace {

std::string MakeTempDir() {
  char dir_template[] = "/tmp/guestvoice-cpp-test-XXXXXX";
  return mkdtemp(dir_template);
}

}  // namespace

std::unique_ptr<TestServer> TestServer::Start(
    const std::vector<std::string>& flags) {
  const char* binary = std::getenv("GUESTVOICED");
  std::string path = binary ? binary : GUESTVOICE_DEFAULT_SERVER;
  std::unique_ptr<TestServer> server(new TestServer());
  server->dir_ = MakeTempDir();
  const std::string data_dir = server->dir_ + "/data";

  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) {
    ADD_FAILURE() << "pipe failed";
    return nullptr;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null",
                                   O_WRONLY, 0);
  std::vector<std::string> args = {
      path, "--listen=127.0.0.1:0",
      "--metrics_listen=", "--data_dir=" + data_dir, "--sync_writes=false"};
  args.insert(args.end(), flags.begin(), flags.end());
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  int spawned = posix_spawn(&server->pid_, path.c_str(), &actions, nullptr,
                            argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (spawned != 0) {
    close(pipe_fds[0]);
    ADD_FAILURE() << "cannot start " << path << " (set GUESTVOICED)";
    return nullptr;
  }

  auto port = std::make_shared<std::promise<std::string>>();
  std::future<std::string> listening = port->get_future();
  server->reader_ = std::thread([fd = pipe_fds[0], port] {
    // Reads to the end so the server never blocks on a full pipe.
    static const std::regex kListening("guestvoiced listening on port (\\d+) ");
    FILE* log = fdopen(fd, "r");
    char line[4096];
    bool found = false;
    while (std::fgets(line, sizeof line, log) != nullptr) {
      std::cmatch match;
      if (!found && std::regex_search(line, match, kListening)) {
        port->set_value(match[1].str());
        found = true;
      }
    }
    std::fclose(log);
    if (!found) port->set_value("");
  });
  std::string listening_port;
  if (listening.wait_for(std::chrono::seconds(30)) ==
      std::future_status::ready) {
    listening_port = listening.get();
  }
  if (listening_port.empty()) {
    ADD_FAILURE() << "guestvoiced did not listen within 30 s";
    return nullptr;  // the destructor stops it
  }
  server->address_ = "127.0.0.1:" + listening_port;
  std::ifstream key_file(data_dir + "/admin-api-key");
  std::getline(key_file, server->admin_key_);
  return server;
}

TestServer::~TestServer() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  if (reader_.joinable()) reader_.join();
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::unique_ptr<TestCertificates> TestCertificates::Make() {
  std::unique_ptr<TestCertificates> certificates(new TestCertificates());
  certificates->dir_ = MakeTempDir();
  std::string tool = GUESTVOICE_CERTIFICATE_TOOL;
  char* argv[] = {tool.data(), certificates->dir_.data(), nullptr};
  pid_t pid = -1;
  int status = 0;
  if (posix_spawn(&pid, tool.c_str(), nullptr, nullptr, argv, environ) != 0 ||
      waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
      WEXITSTATUS(status) != 0) {
    ADD_FAILURE() << tool << " failed";
    return nullptr;
  }
  return certificates;
}

TestCertificates::~TestCertificates() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::string TestCertificates::AuthorityPem() const {
  std::ifstream file(dir_ + "/ca.pem");
  std::ostringstream pem;
  pem << file.rdbuf();
  return pem.str();
}

std::vector<std::string> TestCertificates::ServerFlags() const {
  return {"--tls_cert_file=" + dir_ + "/server.pem",
          "--tls_key_file=" + dir_ + "/server.key"};
}

}  // namespace guestvoice::testing
