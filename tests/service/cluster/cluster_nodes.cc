#include "tests/service/cluster/cluster_nodes.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/security/credentials.h>
#include <httplib.h>
#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.pb.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "service/cluster/command_partition.h"
#include "service/cluster/kafka_config.h"
#include "tests/service/cluster/kafka_test_support.h"
#include "tests/testing/client_calls.h"
#include "tests/testing/stable_port.h"

namespace guestvoice::testing {
namespace {

using service::cluster::ReadBootstrapFile;

constexpr char kConsistencyHeader[] = "x-guestvoice-consistency";
// A node replays the whole log at its start; slow under ASan on a busy
// machine, so generous.
constexpr absl::Duration kStartDeadline = absl::Seconds(120);
constexpr absl::Duration kPollInterval = absl::Milliseconds(50);

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ClusterNodes>> ClusterNodes::ForFixture() {
  const std::string dir = Env("GUESTVOICE_KAFKA_NODES_DIR");
  if (dir.empty()) {
    return absl::FailedPreconditionError("GUESTVOICE_KAFKA_NODES_DIR is unset");
  }
  const std::string bootstrap_file = absl::StrCat(dir, "/bootstrap");
  if (absl::StatusOr<std::string> servers = ReadBootstrapFile(bootstrap_file);
      !servers.ok()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "no Kafka cluster in ", dir, " (", servers.status().message(),
        "): tools/cluster needs Java 17 and the jars tools/setup copies into "
        "build/kafka/libs"));
  }
  return std::unique_ptr<ClusterNodes>(
      new ClusterNodes(dir, Env("GUESTVOICE_TOOLS_CLUSTER"), bootstrap_file));
}

ClusterNodes::ClusterNodes(std::string cluster_dir, std::string tools_cluster,
                           std::string bootstrap_file)
    : cluster_dir_(std::move(cluster_dir)),
      tools_cluster_(std::move(tools_cluster)),
      bootstrap_file_(std::move(bootstrap_file)) {}

absl::Status ClusterNodes::StartNodes(int count) {
  const int first = size();
  for (int i = 0; i < count; ++i) {
    if (absl::Status started = Start(first + i); !started.ok()) return started;
  }
  std::string written;
  for (int i = first; i < size(); ++i) {
    absl::StatusOr<std::string> key = ReadAdminKey(data_dir(i));
    if (!key.ok()) continue;
    if (!written.empty()) {
      return absl::InternalError("two nodes wrote an admin key");
    }
    written = *key;
  }
  absl::StatusOr<std::string> kept = ReadKeptKey();
  if (!written.empty() && kept.ok()) {
    return absl::InternalError(
        "a node wrote an admin key although the log had its bootstrap");
  }
  if (!written.empty()) return KeepKey(written);
  if (!kept.ok()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "no node wrote the admin key, and none is kept in ", cluster_dir_,
        ": the log held a bootstrap of another run (run the kafka_nodes_up "
        "fixture again)"));
  }
  key_ = *kept;
  return absl::OkStatus();
}

absl::StatusOr<std::string> ClusterNodes::ReadKeptKey() const {
  return ReadAdminKey(cluster_dir_);
}

absl::Status ClusterNodes::KeepKey(const std::string& key) {
  std::ofstream file(absl::StrCat(cluster_dir_, "/admin-api-key"));
  file << key << "\n";
  file.close();
  if (!file) {
    return absl::InternalError(
        absl::StrCat("cannot keep the admin key in ", cluster_dir_));
  }
  key_ = key;
  return absl::OkStatus();
}

void ClusterNodes::AddNode() {
  const int node = size();
  Node& added = nodes_.emplace_back();
  added.data_dir = dir_.Child(absl::StrCat("node-", node));
  added.backup_dir = dir_.Child(absl::StrCat("node-", node, "-backups"));
}

absl::Status ClusterNodes::Start(int node) {
  if (node == size()) AddNode();
  Node& started = nodes_[node];
  if (started.port == 0) {
    // The port stays the node's through its restarts, as a deployed node's
    // does: the other nodes' map and the tests' writers keep its address.
    absl::StatusOr<int> port = StableLoopbackPort();
    if (!port.ok()) return port.status();
    started.port = *port;
  }
  std::vector<std::string> flags = {
      absl::StrCat("--cluster_bootstrap_file=", bootstrap_file_),
      absl::StrCat("--cluster_node_id=node-", node), "--advertise=127.0.0.1:0",
      "--sync_writes=false",
      // The tests' writers call as fast as they can, with one key.
      "--rate_limit_calls_per_second=0",
      absl::StrCat("--cluster_heartbeat_interval=",
                   absl::FormatDuration(kHeartbeat)),
      absl::StrCat("--cluster_liveness_timeout=",
                   absl::FormatDuration(kLiveness)),
      absl::StrCat("--backup_dir=", started.backup_dir),
      // After GuestvoicedProcess's own --listen=127.0.0.1:0 and
      // --metrics_listen=: the last wins.
      absl::StrCat("--listen=127.0.0.1:", started.port),
      "--metrics_listen=127.0.0.1:0"};
  absl::StatusOr<std::unique_ptr<GuestvoicedProcess>> process =
      GuestvoicedProcess::Start({.binary = GUESTVOICED,
                                 .data_dir = started.data_dir,
                                 .log_path = dir_.Child(absl::StrCat(
                                     "node-", node, "-", starts_++, ".log")),
                                 .flags = std::move(flags),
                                 .start_deadline = kStartDeadline});
  if (!process.ok()) return process.status();
  started.process = *std::move(process);
  started.channel = grpc::CreateChannel(started.process->address(),
                                        grpc::InsecureChannelCredentials());
  return AwaitServing(node, kStartDeadline);
}

absl::Status ClusterNodes::StartFromBackup(int from, int backup) {
  const int node = size();
  AddNode();
  absl::StatusOr<ProgramRun> restore =
      RunProgram({GUESTVOICED, absl::StrCat("--restore_from=", backup),
                  absl::StrCat("--backup_dir=", backup_dir(from)),
                  absl::StrCat("--data_dir=", data_dir(node))});
  if (!restore.ok()) return restore.status();
  if (restore->exit_code != 0) {
    return absl::InternalError(
        absl::StrCat("guestvoiced --restore_from exited with ",
                     restore->exit_code, ":\n", restore->printed));
  }
  return Start(node);
}

absl::StatusOr<std::string> ClusterNodes::Metrics(int node) const {
  absl::StatusOr<int> port = nodes_[node].process->MetricsPort();
  if (!port.ok()) return port.status();
  httplib::Client client("127.0.0.1", *port);
  const httplib::Result result = client.Get("/metrics");
  if (!result || result->status != 200) {
    return absl::UnavailableError(
        absl::StrCat("node ", node, ": no answer from GET /metrics"));
  }
  return result->body;
}

absl::Status ClusterNodes::AwaitServing(int node,
                                        absl::Duration deadline) const {
  const absl::Time give_up = absl::Now() + deadline;
  while (true) {
    absl::StatusOr<bool> serving = Serving(node);
    if (serving.ok() && *serving) return absl::OkStatus();
    if (absl::Now() > give_up) {
      return absl::DeadlineExceededError(
          absl::StrCat("node ", node, " did not turn SERVING within ",
                       absl::FormatDuration(deadline), ":\n", LogTail(node)));
    }
    absl::SleepFor(kPollInterval);  // polling interval, not synchronisation
  }
}

absl::StatusOr<bool> ClusterNodes::Serving(int node) const {
  grpc::TemplatedGenericStub<grpc::health::v1::HealthCheckRequest,
                             grpc::health::v1::HealthCheckResponse>
      stub(channel(node));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  grpc::Status status;
  absl::Notification done;
  stub.UnaryCall(&context, "/grpc.health.v1.Health/Check", grpc::StubOptions(),
                 &request, &response, [&](grpc::Status result) {
                   status = std::move(result);
                   done.Notify();
                 });
  done.WaitForNotification();
  if (!status.ok()) return FromGrpc(status);
  return response.status() == grpc::health::v1::HealthCheckResponse::SERVING;
}

void ClusterNodes::Kill(int node) { nodes_[node].process->Kill(); }

void ClusterNodes::Freeze(int node) {
  ::kill(nodes_[node].process->pid(), SIGSTOP);
}

absl::Status ClusterNodes::Stop(int node) {
  return nodes_[node].process->Stop(absl::Seconds(60));
}

std::vector<std::string> ClusterNodes::addresses() const {
  std::vector<std::string> all;
  for (int node = 0; node < size(); ++node) {
    if (running(node)) all.push_back(address(node));
  }
  return all;
}

std::string ClusterNodes::LogTail(int node) const {
  return FileTail(nodes_[node].process->log_path());
}

absl::Status ClusterNodes::Broker(const std::string& action, int broker) const {
  const std::string command = absl::StrCat(
      tools_cluster_, " --dir '", cluster_dir_, "' ", action, " ", broker);
  if (std::system(command.c_str()) != 0) {
    return absl::InternalError(absl::StrCat(command, " failed"));
  }
  return absl::OkStatus();
}

absl::Status ClusterNodes::CatchUp(const std::string& organization_id,
                                   absl::Duration deadline) const {
  absl::StatusOr<std::string> servers = ReadBootstrapFile(bootstrap_file_);
  if (!servers.ok()) return servers.status();
  const int32_t partition = service::cluster::CommandPartition(
      organization_id, ClusterNodes::kPartitions);
  absl::StatusOr<int64_t> end = LogEndOffset(
      *servers, std::string(service::cluster::kCommandTopic), partition);
  if (!end.ok()) return end.status();
  if (*end == 0) return absl::OkStatus();
  const std::string token = absl::StrCat(partition, ":", *end - 1);
  for (int node = 0; node < size(); ++node) {
    if (!running(node)) continue;
    v1::ListFeedbackRequest request;
    request.set_parent(absl::StrCat("organizations/", organization_id));
    request.set_page_size(1);
    v1::ListFeedbackResponse response;
    const grpc::Status status =
        v1::FeedbackService::NewStub(channel(node))
            ->ListFeedback(Context(token, deadline).get(), request, &response);
    if (!status.ok()) {
      return absl::Status(FromGrpc(status).code(),
                          absl::StrCat("node ", node, " did not apply up to ",
                                       token, ": ", status.error_message()));
    }
  }
  return absl::OkStatus();
}

std::unique_ptr<grpc::ClientContext> ClusterNodes::Context(
    const std::string& token, absl::Duration deadline) const {
  std::unique_ptr<grpc::ClientContext> context = CallContext(key(), deadline);
  if (!token.empty()) context->AddMetadata(kConsistencyHeader, token);
  return context;
}

std::string RunTag() {
  constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device device;
  std::string tag;
  for (int i = 0; i < 6; ++i) tag += kAlphabet[device() % 36];
  return tag;
}

}  // namespace guestvoice::testing
