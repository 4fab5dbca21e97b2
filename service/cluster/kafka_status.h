#ifndef GUESTVOICE_SERVICE_CLUSTER_KAFKA_STATUS_H_
#define GUESTVOICE_SERVICE_CLUSTER_KAFKA_STATUS_H_

// The one mapping from librdkafka error codes to absl::Status, chosen by
// what the caller should do (absl/status/status.h): retry the call
// (UNAVAILABLE), fix the cluster first (FAILED_PRECONDITION), fix the input
// (INVALID_ARGUMENT). The message names the Kafka error, so operators can
// look it up.

#include <librdkafka/rdkafkacpp.h>

#include <string_view>

#include "absl/status/status.h"

namespace guestvoice::service::cluster {

// `context` says what was attempted ("producing to guestvoice.commands[3]");
// `detail` is librdkafka's own description when it has a better one than
// the code's (a Message's errstr()), else empty.
absl::Status KafkaStatus(RdKafka::ErrorCode code, std::string_view context,
                         std::string_view detail = {});

// Whether `code` is trouble librdkafka recovers from by itself (a broker
// down, a leader moving, a connection lost) or only says nothing came: a
// reader of the log keeps reading rather than stops.
bool IsTransientKafkaError(RdKafka::ErrorCode code);

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_KAFKA_STATUS_H_
