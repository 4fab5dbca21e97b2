#include "service/cluster/command_builder.h"

#include <memory>
#include <utility>

#include "common/clock.h"
#include "common/status_macros.h"
#include "service/cluster/command_codec.h"
#include "service/core/proto_time.h"

namespace guestvoice::service::cluster {

absl::StatusOr<internal::v1::Command> BuildCommand(
    const MutationTable& table, const Mutation& mutation,
    const DomainContext& node, const Principal& caller,
    const google::protobuf::Message& request, absl::Time receive_time,
    std::string id_seed, ReceivingNodeOnly* received) {
  internal::v1::Command command;
  command.set_organization(table.OrganizationOf(mutation, caller, request));
  command.set_method(mutation.method);
  *command.mutable_caller() = CallerRecord(caller);
  *command.mutable_receive_time() = ToProtoTimestamp(receive_time);
  command.set_id_seed(std::move(id_seed));
  command.set_request(request.SerializeAsString());
  const PinnedClock clock(receive_time);
  const DomainContext domain{node.store, node.locks, clock, node.ids,
                             node.organization_locks};
  // Prepare fills no response; it needs one of the right type all the same.
  std::unique_ptr<google::protobuf::Message> scratch(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(mutation.response_type)
          ->New());
  MutationCall call{.domain = domain,
                    .caller = caller,
                    .request = request,
                    .command = command,
                    .response = *scratch,
                    .received = received};
  RETURN_IF_ERROR(table.Prepare(mutation, call));
  return command;
}

}  // namespace guestvoice::service::cluster
