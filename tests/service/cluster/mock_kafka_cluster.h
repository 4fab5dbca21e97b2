#ifndef GUESTVOICE_TESTS_SERVICE_CLUSTER_MOCK_KAFKA_CLUSTER_H_
#define GUESTVOICE_TESTS_SERVICE_CLUSTER_MOCK_KAFKA_CLUSTER_H_

// librdkafka's mock cluster (rdkafka_mock.h): in-process brokers on
// loopback ports that speak the Kafka protocol, with injectable errors,
// delays, leader changes and broker outages. Clients reach it through its
// bootstrap servers like any cluster.

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <cstdint>
#include <string>
#include <vector>

namespace guestvoice::testing {

class MockKafkaCluster {
 public:
  explicit MockKafkaCluster(int brokers = 3);
  MockKafkaCluster(const MockKafkaCluster&) = delete;
  MockKafkaCluster& operator=(const MockKafkaCluster&) = delete;
  ~MockKafkaCluster();

  const std::string& bootstrap_servers() const { return bootstrap_; }
  rd_kafka_mock_cluster_t* get() { return cluster_; }

  void CreateTopic(const std::string& topic, int partitions,
                   int replication_factor);
  // The next `errors.size()` Produce requests (to any broker) fail with
  // these errors, in order, without being appended.
  void FailProduceRequests(const std::vector<rd_kafka_resp_err_t>& errors);
  // Metadata requests for `topic` answer `error` (UNKNOWN_TOPIC_OR_PART: the
  // topic is absent; the mock would otherwise create it on first use).
  void SetTopicError(const std::string& topic, rd_kafka_resp_err_t error);
  void SetLeader(const std::string& topic, int32_t partition, int32_t broker);
  void SetBrokerDown(int32_t broker);
  void SetBrokerUp(int32_t broker);

 private:
  rd_kafka_t* owner_ = nullptr;  // the handle the mock cluster runs in
  rd_kafka_mock_cluster_t* cluster_ = nullptr;
  std::string bootstrap_;
  int brokers_ = 0;
};

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_SERVICE_CLUSTER_MOCK_KAFKA_CLUSTER_H_
