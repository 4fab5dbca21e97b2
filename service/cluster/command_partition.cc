#include "service/cluster/command_partition.h"

#include <librdkafka/rdkafka.h>

namespace guestvoice::service::cluster {

int32_t CommandPartition(std::string_view organization_id,
                         int32_t partition_count) {
  // librdkafka's plain murmur2 partitioner (not murmur2_random) hashes every
  // key, the empty one included, and needs no topic handle.
  return rd_kafka_msg_partitioner_murmur2(nullptr, organization_id.data(),
                                          organization_id.size(),
                                          partition_count, nullptr, nullptr);
}

}  // namespace guestvoice::service::cluster
