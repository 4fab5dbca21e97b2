#ifndef GUESTVOICE_SERVICE_CLUSTER_COMMAND_PARTITION_H_
#define GUESTVOICE_SERVICE_CLUSTER_COMMAND_PARTITION_H_

#include <cstdint>
#include <string_view>

namespace guestvoice::service::cluster {

// The command-topic partition of an organization: murmur2 of its id modulo
// the partition count, the function Kafka's Java clients use for keyed
// records, so every node (and any Java tool) agrees, and every command of
// one organization lands in one partition, applied in one order.
// `partition_count` must be positive.
int32_t CommandPartition(std::string_view organization_id,
                         int32_t partition_count);

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_COMMAND_PARTITION_H_
