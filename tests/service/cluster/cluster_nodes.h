#ifndef GUESTVOICE_TESTS_SERVICE_CLUSTER_CLUSTER_NODES_H_
#define GUESTVOICE_TESTS_SERVICE_CLUSTER_CLUSTER_NODES_H_

// The guestvoiced nodes of one test on the three brokers of the kafka_nodes
// CTest fixture (tools/cluster; tests/service/cluster/CMakeLists.txt), each
// the real binary as a child process on a fresh data dir of its own.
//
// The tests share the brokers, so the command log: a node started on an
// empty data dir applies the earlier tests' commands too, and each test
// writes to hotels and ids of its own. The first nodes started on the
// fixture's empty log make the cluster's bootstrap, and exactly one of them
// writes the admin key; it is kept in the cluster's directory (which the
// fixture's `up --fresh` replaces) for the later tests, whose nodes apply
// that bootstrap from the log.

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "tests/testing/guestvoiced_process.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::testing {

class ClusterNodes {
 public:
  // The nodes heartbeat often and count each other down soon, so that a
  // test sees a killed node go down quickly.
  static constexpr absl::Duration kHeartbeat = absl::Milliseconds(500);
  static constexpr absl::Duration kLiveness = absl::Seconds(3);
  // tools/cluster up --command-partitions, as the fixture runs it.
  static constexpr int kPartitions = 6;

  // The fixture's cluster, from GUESTVOICE_KAFKA_NODES_DIR (its directory)
  // and GUESTVOICE_TOOLS_CLUSTER (the script); FAILED_PRECONDITION, saying
  // why, when there is none (no Java or jars: the test skips itself).
  static absl::StatusOr<std::unique_ptr<ClusterNodes>> ForFixture();

  ClusterNodes(const ClusterNodes&) = delete;
  ClusterNodes& operator=(const ClusterNodes&) = delete;

  // Starts `count` nodes on fresh data dirs, waits until each serves, and
  // finds the admin key: written by exactly one of the first nodes on the
  // cluster, kept for later ones.
  absl::Status StartNodes(int count);
  // Starts node `node` again on its data dir and its port (its clients
  // reconnect), or with node == size() a new node on a fresh data dir and
  // port, and waits until its health check says SERVING (it has applied the
  // log as far as it reached at its start).
  absl::Status Start(int node);
  // Starts a new node (number size()) on a data dir restored from backup
  // `backup` of node `from` (`guestvoiced --restore_from`), as an operator
  // seeds a node from a snapshot, and waits until it serves.
  absl::Status StartFromBackup(int from, int backup);
  // SIGKILL: nothing of a clean shutdown runs.
  void Kill(int node);
  // SIGSTOP: the node keeps its connections but does nothing, as a hung
  // machine; the group drops it once its session times out. Kill it after.
  void Freeze(int node);
  // SIGTERM and a clean exit; the data dir is then free for
  // guestvoice-verify.
  absl::Status Stop(int node);

  int size() const { return static_cast<int>(nodes_.size()); }
  std::string address(int node) const {
    return nodes_[node].process->address();
  }
  const std::string& data_dir(int node) const { return nodes_[node].data_dir; }
  // Its --backup_dir, a directory of its own (AdminService.CreateBackup).
  const std::string& backup_dir(int node) const {
    return nodes_[node].backup_dir;
  }
  // What its metrics endpoint answers now (GET /metrics).
  absl::StatusOr<std::string> Metrics(int node) const;
  const std::shared_ptr<grpc::Channel>& channel(int node) const {
    return nodes_[node].channel;
  }
  // Whether the node runs (not killed or stopped since its last start).
  bool running(int node) const { return nodes_[node].process->pid() > 0; }
  // The running nodes' addresses.
  std::vector<std::string> addresses() const;
  const std::string& key() const { return key_; }
  // The file naming the brokers (tools/cluster's bootstrap file).
  const std::string& bootstrap_file() const { return bootstrap_file_; }
  // The end of the node's current log, for failure messages.
  std::string LogTail(int node) const;

  // Whether the node's gRPC health check (the whole server) says SERVING.
  absl::StatusOr<bool> Serving(int node) const;

  // Runs `tools/cluster ACTION BROKER` on the fixture's cluster (kill,
  // start, pause, resume).
  absl::Status Broker(const std::string& action, int broker) const;
  // The brokers of the fixture's cluster (tools/cluster numbers them 1..N).
  static constexpr int kBrokers = 3;

  // Waits until every running node has applied every command the log holds
  // for `organization_id` now: a read carrying the consistency token of the
  // partition's last record waits on each node for it.
  absl::Status CatchUp(const std::string& organization_id = "default",
                       absl::Duration deadline = absl::Seconds(120)) const;

  // A call context with the admin key, and `token` as the consistency
  // header when it is not empty.
  std::unique_ptr<grpc::ClientContext> Context(
      const std::string& token = "",
      absl::Duration deadline = absl::Seconds(60)) const;

 private:
  struct Node {
    std::string data_dir;
    std::string backup_dir;
    int port = 0;  // from StableLoopbackPort, kept through restarts
    std::unique_ptr<GuestvoicedProcess> process;
    std::shared_ptr<grpc::Channel> channel;
  };

  ClusterNodes(std::string cluster_dir, std::string tools_cluster,
               std::string bootstrap_file);

  // A node (number size()) with a fresh data dir, backup dir and port.
  void AddNode();
  absl::Status AwaitServing(int node, absl::Duration deadline) const;
  absl::StatusOr<std::string> ReadKeptKey() const;
  absl::Status KeepKey(const std::string& key);

  const std::string cluster_dir_;
  const std::string tools_cluster_;
  const std::string bootstrap_file_;
  TempDir dir_;
  std::vector<Node> nodes_;
  int starts_ = 0;
  std::string key_;
};

// Six letters and digits drawn afresh for ids of a test's own: the command
// log outlives a test and a run (a run replaying a seed included).
std::string RunTag();

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_SERVICE_CLUSTER_CLUSTER_NODES_H_
