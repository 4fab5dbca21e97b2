#include "service/cluster/kafka_status.h"

#include <librdkafka/rdkafka.h>

#include <string>

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"

namespace guestvoice::service::cluster {
namespace {

absl::StatusCode CodeOf(RdKafka::ErrorCode code) {
  switch (code) {
    case RdKafka::ERR_NO_ERROR:
      return absl::StatusCode::kOk;
    // The cluster cannot take the write now; the same call later can.
    case RdKafka::ERR__MSG_TIMED_OUT:
    case RdKafka::ERR__TIMED_OUT:
    case RdKafka::ERR__TIMED_OUT_QUEUE:
    case RdKafka::ERR_REQUEST_TIMED_OUT:
    case RdKafka::ERR_NOT_ENOUGH_REPLICAS:
    case RdKafka::ERR_NOT_ENOUGH_REPLICAS_AFTER_APPEND:
    case RdKafka::ERR_LEADER_NOT_AVAILABLE:
    case RdKafka::ERR_NOT_LEADER_FOR_PARTITION:
    case RdKafka::ERR_BROKER_NOT_AVAILABLE:
    case RdKafka::ERR_REPLICA_NOT_AVAILABLE:
    case RdKafka::ERR_NETWORK_EXCEPTION:
    case RdKafka::ERR_COORDINATOR_NOT_AVAILABLE:
    case RdKafka::ERR_NOT_COORDINATOR:
    case RdKafka::ERR_COORDINATOR_LOAD_IN_PROGRESS:
    case RdKafka::ERR_KAFKA_STORAGE_ERROR:
    case RdKafka::ERR__TRANSPORT:
    case RdKafka::ERR__ALL_BROKERS_DOWN:
    case RdKafka::ERR__PURGE_QUEUE:
    case RdKafka::ERR__PURGE_INFLIGHT:
    case RdKafka::ERR__WAIT_COORD:
      return absl::StatusCode::kUnavailable;
    case RdKafka::ERR__QUEUE_FULL:
      return absl::StatusCode::kResourceExhausted;
    // The record itself is wrong: retrying it cannot help.
    case RdKafka::ERR_MSG_SIZE_TOO_LARGE:
    case RdKafka::ERR_RECORD_LIST_TOO_LARGE:
    case RdKafka::ERR_INVALID_RECORD:
    case RdKafka::ERR_INVALID_MSG:
    case RdKafka::ERR__INVALID_ARG:
    case RdKafka::ERR__BAD_MSG:
      return absl::StatusCode::kInvalidArgument;
    case RdKafka::ERR_TOPIC_AUTHORIZATION_FAILED:
    case RdKafka::ERR_GROUP_AUTHORIZATION_FAILED:
    case RdKafka::ERR_CLUSTER_AUTHORIZATION_FAILED:
    case RdKafka::ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED:
    case RdKafka::ERR_SASL_AUTHENTICATION_FAILED:
    case RdKafka::ERR__AUTHENTICATION:
      return absl::StatusCode::kPermissionDenied;
    // The cluster must be fixed first: a topic missing, the log no longer
    // holding the offset a state resumes from.
    case RdKafka::ERR_UNKNOWN_TOPIC_OR_PART:
    case RdKafka::ERR__UNKNOWN_TOPIC:
    case RdKafka::ERR__UNKNOWN_PARTITION:
    case RdKafka::ERR_TOPIC_EXCEPTION:
    case RdKafka::ERR_OFFSET_OUT_OF_RANGE:
    case RdKafka::ERR__AUTO_OFFSET_RESET:
    case RdKafka::ERR_POLICY_VIOLATION:
    case RdKafka::ERR__STATE:
      return absl::StatusCode::kFailedPrecondition;
    // The idempotent producer lost its guarantees (fenced, sequence gap):
    // this producer instance can write nothing more.
    case RdKafka::ERR__FATAL:
    case RdKafka::ERR_OUT_OF_ORDER_SEQUENCE_NUMBER:
    case RdKafka::ERR_DUPLICATE_SEQUENCE_NUMBER:
    case RdKafka::ERR_INVALID_PRODUCER_EPOCH:
    case RdKafka::ERR_UNKNOWN_PRODUCER_ID:
    case RdKafka::ERR__INCONSISTENT:
    case RdKafka::ERR__GAPLESS_GUARANTEE:
      return absl::StatusCode::kInternal;
    case RdKafka::ERR__DESTROY:
      return absl::StatusCode::kCancelled;
    default:
      return absl::StatusCode::kUnknown;
  }
}

}  // namespace

absl::Status KafkaStatus(RdKafka::ErrorCode code, std::string_view context,
                         std::string_view detail) {
  const absl::StatusCode status_code = CodeOf(code);
  if (status_code == absl::StatusCode::kOk) return absl::OkStatus();
  // rd_kafka_err2name gives the protocol's name (NOT_ENOUGH_REPLICAS), the
  // one Kafka's documentation and broker logs use.
  const char* name = rd_kafka_err2name(static_cast<rd_kafka_resp_err_t>(code));
  const std::string description =
      detail.empty() ? RdKafka::err2str(code) : std::string(detail);
  return absl::Status(status_code, absl::StrCat(AbslView(context), ": Kafka ",
                                                name, " (", description, ")"));
}

bool IsTransientKafkaError(RdKafka::ErrorCode code) {
  switch (code) {
    case RdKafka::ERR__TRANSPORT:
    case RdKafka::ERR__ALL_BROKERS_DOWN:
    case RdKafka::ERR__TIMED_OUT:
    case RdKafka::ERR__PARTITION_EOF:
    case RdKafka::ERR_LEADER_NOT_AVAILABLE:
    case RdKafka::ERR_NOT_LEADER_FOR_PARTITION:
    case RdKafka::ERR_NOT_COORDINATOR:
    case RdKafka::ERR_COORDINATOR_NOT_AVAILABLE:
    case RdKafka::ERR_REQUEST_TIMED_OUT:
    case RdKafka::ERR_NETWORK_EXCEPTION:
    // A group member polled too rarely: the group moved its partitions
    // (revoked as lost through its listener) and the next poll rejoins.
    case RdKafka::ERR__MAX_POLL_EXCEEDED:
      return true;
    default:
      return false;
  }
}

}  // namespace guestvoice::service::cluster
