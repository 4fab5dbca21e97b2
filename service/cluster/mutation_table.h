#ifndef GUESTVOICE_SERVICE_CLUSTER_MUTATION_TABLE_H_
#define GUESTVOICE_SERVICE_CLUSTER_MUTATION_TABLE_H_

// Every mutating RPC of the API and the domain call that performs it, in one
// table, so that the embedded mode (the gRPC layer runs a mutation at once)
// and the cluster mode (the receiving node prepares a command, every node
// applies it) run the same code, and no second copy of the mapping exists.
//
// A mutation has two steps (docs/cluster.md, "A node's state is a function
// of its inputs"):
//  - prepare runs on the receiving node and reads no state: it checks what
//    it can and computes what the command carries besides the request
//    (IngestFeedback: the analysed item, PreparedFeedback);
//  - apply runs the domain call on the state. In the cluster mode it runs on
//    every node, with the clock pinned at the command's receive time and ids
//    drawn from the command's seed;
//  - finish runs on the receiving node once its state applied the command,
//    and adds to the answer what only that node holds (ReceivingNodeOnly).
// The embedded mode runs all three, one after the other, in the server's
// context.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "analysis/feedback_analyzer.h"
#include "common/duration_histogram.h"
#include "google/protobuf/message.h"
#include "guestvoice/internal/v1/commands.pb.h"
#include "service/core/domain_context.h"
#include "service/core/principal.h"
#include "service/feedback/publisher.h"
#include "service/feedback/reanalysis_runner.h"
#include "service/tenancy/api_key_verifier.h"
#include "service/tenancy/organizations.h"
#include "service/tenancy/store_backups.h"

namespace guestvoice::service::cluster {

// The one mutation that is no RPC: the cluster's first-start bootstrap
// (internal::v1::BootstrapRequest, service/tenancy/bootstrap.h).
inline constexpr std::string_view kBootstrapMethod =
    "guestvoice.internal.v1.Bootstrap";
// A batch of a re-analysis operation, which its runner produces
// (internal::v1::ReanalysisBatchRequest, cluster_reanalysis.h).
inline constexpr std::string_view kReanalysisBatchMethod =
    "guestvoice.internal.v1.ReanalysisBatch";

// What the mutations work with besides a DomainContext. Owned by the Server.
struct MutationDeps {
  // Told of revoked keys, so this node stops accepting them at once.
  ApiKeyVerifier& api_key_verifier;
  // Told of each stored feedback item (WatchFeedback), on every node.
  FeedbackPublisher& publisher;
  const analysis::FeedbackAnalyzer& analyzer;
  // The analysis time of each item prepared here; may be null.
  DurationHistogram* analysis_times = nullptr;
  // Where a new re-analysis operation is queued, on every node (only the
  // owner of its partition runs it: cluster_reanalysis.h); null where none
  // runs.
  ReanalysisRunner* reanalysis = nullptr;
  // This node's backups (CreateBackup, DeleteBackup).
  const StoreBackups* backups = nullptr;
};

// Where a mutation runs in the cluster mode.
enum class MutationReach {
  // Through the command log: applied by every node.
  kReplicated,
  // On the receiving node only, changing nothing of the replicated state
  // (backups of this node's store).
  kNodeLocal,
};

// What prepare keeps on the receiving node and never puts into the command,
// for finish: a new API key's secret, which only the caller may see (the
// command carries its SHA-256).
struct ReceivingNodeOnly {
  std::optional<ApiKeySecret> api_key_secret;
};

// One call of a mutation, in prepare or apply.
struct MutationCall {
  // The context the domain runs in: the server's (embedded), or pinned at
  // the command's receive time with its seeded ids (cluster).
  const DomainContext& domain;
  const Principal& caller;
  // Of the mutation's request type.
  const google::protobuf::Message& request;
  // What prepare adds to the command and apply reads from it.
  internal::v1::Command& command;
  // Of the mutation's response type; filled by apply.
  google::protobuf::Message& response;
  // Prepare's node-local results; null where apply runs on a command (every
  // node of a cluster), and where the caller keeps none.
  ReceivingNodeOnly* received = nullptr;
};

struct Mutation {
  // As the descriptor spells it: "guestvoice.v1.HotelService.CreateHotel".
  std::string method;
  const google::protobuf::Descriptor* request_type = nullptr;
  const google::protobuf::Descriptor* response_type = nullptr;
  MutationReach reach = MutationReach::kReplicated;
  // Null when there is nothing to prepare.
  std::function<absl::Status(const MutationDeps&, MutationCall&)> prepare;
  std::function<absl::Status(const MutationDeps&, MutationCall&)> apply;
  // Null when there is nothing to add. Runs on the receiving node, in its
  // context, with the response apply filled (an OK outcome only).
  std::function<absl::Status(const MutationDeps&, const DomainContext& node,
                             const ReceivingNodeOnly& received,
                             google::protobuf::Message& response)>
      finish;
  // The organization whose data the mutation changes, which keys its
  // command (and so its partition); null for the caller's own.
  std::function<std::string(const Principal&, const google::protobuf::Message&)>
      organization;
};

class MutationTable {
 public:
  explicit MutationTable(MutationDeps deps);

  // The mutation whose request is of `request_type`, or null (each request
  // message belongs to one RPC).
  const Mutation* FindByRequest(
      const google::protobuf::Descriptor& request_type) const;
  // The mutation of the RPC named `method`, or null.
  const Mutation* FindByMethod(std::string_view method) const;
  const std::vector<Mutation>& mutations() const { return mutations_; }

  // The organization `call`'s command is keyed by.
  std::string OrganizationOf(const Mutation& mutation, const Principal& caller,
                             const google::protobuf::Message& request) const;
  absl::Status Prepare(const Mutation& mutation, MutationCall& call) const;
  absl::Status Apply(const Mutation& mutation, MutationCall& call) const;
  absl::Status Finish(const Mutation& mutation, const DomainContext& node,
                      const ReceivingNodeOnly& received,
                      google::protobuf::Message& response) const;
  // The embedded mode: Prepare, Apply and Finish, in `domain`.
  absl::Status Run(const Mutation& mutation, const DomainContext& domain,
                   const Principal& caller,
                   const google::protobuf::Message& request,
                   google::protobuf::Message& response) const;

 private:
  void Add(Mutation mutation);

  MutationDeps deps_;
  std::vector<Mutation> mutations_;
  absl::flat_hash_map<const google::protobuf::Descriptor*, size_t> by_request_;
  absl::flat_hash_map<std::string, size_t> by_method_;
};

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_MUTATION_TABLE_H_
