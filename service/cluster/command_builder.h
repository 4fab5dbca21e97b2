#ifndef GUESTVOICE_SERVICE_CLUSTER_COMMAND_BUILDER_H_
#define GUESTVOICE_SERVICE_CLUSTER_COMMAND_BUILDER_H_

// The receiving node's half of a mutation in the cluster mode: the command
// record every node will apply, with what needs no state decided here
// (docs/cluster.md, "What comes next", 1).

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/message.h"
#include "guestvoice/internal/v1/commands.pb.h"
#include "service/cluster/mutation_table.h"
#include "service/core/domain_context.h"
#include "service/core/principal.h"

namespace guestvoice::service::cluster {

// The command of `mutation` for `request` (of its request type) from
// `caller`, received at `receive_time`, whose ids every node draws from
// `id_seed`: runs the mutation's prepare step in `node` (this node's store,
// locks and ids) with the clock pinned at `receive_time`. The step's error
// (bad input) means there is no command: nothing is produced. What the step
// keeps on this node only (a new key's secret) goes to `received`, for
// MutationTable::Finish; null drops it.
absl::StatusOr<internal::v1::Command> BuildCommand(
    const MutationTable& table, const Mutation& mutation,
    const DomainContext& node, const Principal& caller,
    const google::protobuf::Message& request, absl::Time receive_time,
    std::string id_seed, ReceivingNodeOnly* received = nullptr);

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_COMMAND_BUILDER_H_
