#include "tests/service/cluster/mock_kafka_cluster.h"

#include <cstdlib>
#include <iostream>

namespace guestvoice::testing {
namespace {

// The Kafka protocol's ApiKey of Produce requests (librdkafka's name for it
// is in a private header).
constexpr int16_t kProduceApiKey = 0;

}  // namespace

MockKafkaCluster::MockKafkaCluster(int brokers) : brokers_(brokers) {
  char error[256];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  // This handle only hosts the cluster and never connects anywhere; its
  // notice about having no bootstrap servers is noise.
  rd_kafka_conf_set(conf, "log_level", "4", error, sizeof(error));
  owner_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof(error));
  if (owner_ == nullptr) {
    std::cerr << "mock Kafka cluster: " << error << "\n";
    std::abort();
  }
  cluster_ = rd_kafka_mock_cluster_new(owner_, brokers);
  bootstrap_ = rd_kafka_mock_cluster_bootstraps(cluster_);
}

MockKafkaCluster::~MockKafkaCluster() {
  rd_kafka_mock_cluster_destroy(cluster_);
  rd_kafka_destroy(owner_);
}

void MockKafkaCluster::CreateTopic(const std::string& topic, int partitions,
                                   int replication_factor) {
  rd_kafka_mock_topic_create(cluster_, topic.c_str(), partitions,
                             replication_factor);
}

void MockKafkaCluster::FailProduceRequests(
    const std::vector<rd_kafka_resp_err_t>& errors) {
  rd_kafka_mock_push_request_errors_array(cluster_, kProduceApiKey,
                                          errors.size(), errors.data());
}

void MockKafkaCluster::SetTopicError(const std::string& topic,
                                     rd_kafka_resp_err_t error) {
  rd_kafka_mock_topic_set_error(cluster_, topic.c_str(), error);
}

void MockKafkaCluster::SetLeader(const std::string& topic, int32_t partition,
                                 int32_t broker) {
  rd_kafka_mock_partition_set_leader(cluster_, topic.c_str(), partition,
                                     broker);
}

void MockKafkaCluster::SetBrokerDown(int32_t broker) {
  rd_kafka_mock_broker_set_down(cluster_, broker);
}

void MockKafkaCluster::SetBrokerUp(int32_t broker) {
  rd_kafka_mock_broker_set_up(cluster_, broker);
}

}  // namespace guestvoice::testing
