// The client layer against real Apache Kafka brokers: three KRaft nodes
// started by tools/cluster as a CTest fixture (tests/service/cluster/
// CMakeLists.txt). The tests run in this order in one process and share the
// cluster: the later ones kill brokers.
//
// GUESTVOICE_KAFKA_CLUSTER_DIR names the fixture's cluster directory,
// GUESTVOICE_TOOLS_CLUSTER the tools/cluster script.

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafkacpp.h>

#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/cluster/command_partition.h"
#include "service/cluster/command_producer.h"
#include "service/cluster/node_map_publisher.h"
#include "service/cluster/node_map_reader.h"
#include "service/cluster/topic_verification.h"
#include "tests/service/cluster/kafka_test_support.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::testing::Completions;
using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::ReadPartition;
using ::guestvoice::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;

constexpr char kOrganization[] = "acme-hotels";
// tools/cluster up --command-partitions, as the fixture runs it.
constexpr int kPartitions = 6;

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

class BrokerClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cluster_dir_ = Env("GUESTVOICE_KAFKA_CLUSTER_DIR");
    absl::StatusOr<std::string> bootstrap =
        ReadBootstrapFile(cluster_dir_ + "/bootstrap");
    if (!bootstrap.ok()) {
      GTEST_SKIP() << "no Kafka cluster (" << bootstrap.status().message()
                   << "): tools/cluster needs Java 17 and the jars tools/setup "
                      "copies into build/kafka/libs";
    }
    options_.bootstrap_servers = *bootstrap;
    options_.node_id = "broker-test";
    // Long enough for a leader to move after a broker dies (the cluster
    // fences a silent broker after 4 s), short enough to keep the test brief.
    options_.delivery_timeout = absl::Seconds(25);
    options_.request_timeout = absl::Seconds(5);
  }

  CommandProducer::TopicCheck CommandTopicCheck() {
    CommandProducer::TopicCheck check;
    check.requirements.partitions = kPartitions;
    check.requirements.min_replication_factor = 3;
    check.requirements.min_insync_replicas = 2;
    check.requirements.cleanup_policy = "delete";
    return check;
  }

  // Produces `count` records for kOrganization and returns their results.
  std::vector<absl::StatusOr<RecordPosition>> ProduceAndWait(
      CommandProducer& producer, const std::string& prefix, int count) {
    Completions completions;
    for (int i = 0; i < count; ++i) {
      EXPECT_THAT(producer.Produce(kOrganization, absl::StrCat(prefix, i),
                                   completions.Add()),
                  IsOk());
    }
    return completions.WaitFor(count, absl::Seconds(120));
  }

  size_t RecordsInLog() {
    absl::StatusOr<std::vector<testing::StoredRecord>> records = ReadPartition(
        options_.bootstrap_servers, std::string(kCommandTopic),
        CommandPartition(kOrganization, kPartitions), absl::Seconds(60));
    EXPECT_THAT(records, IsOk());
    return records.ok() ? records->size() : 0;
  }

  // Runs `tools/cluster ACTION ID` on the fixture's cluster.
  void ClusterCommand(const std::string& action, int id) {
    const std::string command =
        absl::StrCat(Env("GUESTVOICE_TOOLS_CLUSTER"), " --dir '", cluster_dir_,
                     "' ", action, " ", id);
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  void KillBroker(int id) { ClusterCommand("kill", id); }

  // A broker holding a replica of kOrganization's partition that is not
  // its leader, or -1.
  int32_t FollowerOfOrganizationPartition() {
    std::unique_ptr<RdKafka::Conf> conf(
        RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
    std::string error;
    conf->set("bootstrap.servers", options_.bootstrap_servers, error);
    std::unique_ptr<RdKafka::Producer> client(
        RdKafka::Producer::create(conf.get(), error));
    std::unique_ptr<RdKafka::Topic> topic(RdKafka::Topic::create(
        client.get(), std::string(kCommandTopic), nullptr, error));
    RdKafka::Metadata* raw = nullptr;
    if (client->metadata(false, topic.get(), &raw, 10000) !=
        RdKafka::ERR_NO_ERROR) {
      return -1;
    }
    std::unique_ptr<RdKafka::Metadata> metadata(raw);
    const int32_t wanted = CommandPartition(kOrganization, kPartitions);
    for (const RdKafka::PartitionMetadata* partition :
         *metadata->topics()->at(0)->partitions()) {
      if (partition->id() != wanted) continue;
      for (int32_t replica : *partition->replicas()) {
        if (replica != partition->leader()) return replica;
      }
    }
    return -1;
  }

  // Creates `topic` through the admin API with the given configs.
  absl::Status CreateTopic(
      const std::string& topic, int partitions, int replication_factor,
      const std::vector<std::pair<std::string, std::string>>& configs);

  std::string cluster_dir_;
  ClusterOptions options_;
};

absl::Status BrokerClusterTest::CreateTopic(
    const std::string& topic, int partitions, int replication_factor,
    const std::vector<std::pair<std::string, std::string>>& configs) {
  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers",
                    options_.bootstrap_servers.c_str(), error, sizeof(error));
  rd_kafka_t* admin =
      rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof(error));
  if (admin == nullptr) return absl::InternalError(error);
  rd_kafka_NewTopic_t* new_topic = rd_kafka_NewTopic_new(
      topic.c_str(), partitions, replication_factor, error, sizeof(error));
  for (const auto& [name, value] : configs) {
    rd_kafka_NewTopic_set_config(new_topic, name.c_str(), value.c_str());
  }
  rd_kafka_queue_t* queue = rd_kafka_queue_new(admin);
  rd_kafka_CreateTopics(admin, &new_topic, 1, nullptr, queue);
  rd_kafka_event_t* event = rd_kafka_queue_poll(queue, 60000);
  absl::Status status = absl::DeadlineExceededError("CreateTopics: no answer");
  if (event != nullptr) {
    size_t count = 0;
    const rd_kafka_topic_result_t** results =
        rd_kafka_CreateTopics_result_topics(
            rd_kafka_event_CreateTopics_result(event), &count);
    status = rd_kafka_event_error(event) != RD_KAFKA_RESP_ERR_NO_ERROR
                 ? absl::UnavailableError(rd_kafka_event_error_string(event))
             : count == 1 && rd_kafka_topic_result_error(results[0]) !=
                                 RD_KAFKA_RESP_ERR_NO_ERROR
                 ? absl::UnavailableError(
                       rd_kafka_topic_result_error_string(results[0]))
                 : absl::OkStatus();
    rd_kafka_event_destroy(event);
  }
  rd_kafka_queue_destroy(queue);
  rd_kafka_NewTopic_destroy(new_topic);
  rd_kafka_destroy(admin);
  return status;
}

TEST_F(BrokerClusterTest, VerifiesTheCommandTopicAndProducesWithAcksAll) {
  // Create checks partitions, replicas, min.insync.replicas and
  // cleanup.policy through the brokers' DescribeConfigs.
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<CommandProducer> producer,
                       CommandProducer::Create(options_, CommandTopicCheck()));
  EXPECT_EQ(producer->partition_count(), kPartitions);
  const auto results = ProduceAndWait(*producer, "healthy-", 10);
  ASSERT_EQ(results.size(), 10u);
  for (size_t i = 0; i < results.size(); ++i) {
    ASSERT_THAT(results[i], IsOk());
    EXPECT_EQ(results[i]->partition,
              CommandPartition(kOrganization, kPartitions));
    if (i > 0) {
      EXPECT_GT(results[i]->offset, results[i - 1]->offset);
    }
  }
  EXPECT_EQ(RecordsInLog(), 10u);
}

// The node-map topic tools/cluster creates passes the full check (compacted,
// min.insync.replicas=2, through DescribeConfigs); an entry published by one
// node reaches another, and its clean stop removes it there.
TEST_F(BrokerClusterTest, CarriesTheNodeMapOnItsCompactedTopic) {
  ClusterOptions publishing = options_;
  publishing.node_id = "node-a";
  ASSERT_OK_AND_ASSIGN(
      std::unique_ptr<NodeMapPublisher> publisher,
      NodeMapPublisher::Start(publishing,
                              {.advertise_address = "node-a.internal:50051"}));
  publisher->SetOwnedPartitions({0, 3});
  ClusterOptions reading = options_;
  reading.node_id = "node-b";
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<NodeMapReader> reader,
                       NodeMapReader::Start(reading, {}));
  auto read_until = [&](const std::function<bool()>& done) {
    const absl::Time give_up = absl::Now() + absl::Seconds(60);
    while (true) {
      const uint64_t version = reader->map().version();
      if (done()) return true;
      if (!reader->map().AwaitNewerThan(version, give_up - absl::Now())) {
        return done();
      }
    }
  };
  ASSERT_TRUE(read_until([&] { return reader->map().OwnerOf(3).has_value(); }));
  EXPECT_EQ(reader->map().ForwardAddress(0).value_or(""),
            "node-a.internal:50051");
  EXPECT_OK(publisher->Stop());
  EXPECT_TRUE(
      read_until([&] { return !reader->map().Node("node-a").has_value(); }));
}

TEST_F(BrokerClusterTest, RefusesAMisconfiguredTopicNamingTheSetting) {
  ASSERT_THAT(CreateTopic("guestvoice.misconfigured", kPartitions, 3,
                          {{"min.insync.replicas", "1"},
                           {"cleanup.policy", "compact"}}),
              IsOk());
  options_.command_topic = "guestvoice.misconfigured";
  // Brokers learn of a new topic from the controller a moment after it is
  // created; until then they call it unknown. A node started right after
  // creating its topic would retry the same way.
  absl::StatusOr<std::unique_ptr<CommandProducer>> refused;
  const absl::Time give_up = absl::Now() + absl::Seconds(60);
  do {
    refused = CommandProducer::Create(options_, CommandTopicCheck());
  } while (
      !refused.ok() &&
      (absl::StrContains(refused.status().message(), "UNKNOWN_TOPIC_OR_PART") ||
       absl::StrContains(refused.status().message(), "does not exist")) &&
      absl::Now() < give_up);
  EXPECT_THAT(
      refused,
      StatusIs(absl::StatusCode::kFailedPrecondition,
               AllOf(HasSubstr("guestvoice.misconfigured is misconfigured"),
                     HasSubstr("min.insync.replicas is 1, needs at least 2"),
                     HasSubstr("cleanup.policy is compact, needs delete"))));
  options_.command_topic = "guestvoice.absent";
  EXPECT_THAT(CommandProducer::Create(options_, CommandTopicCheck()),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("guestvoice.absent does not exist")));
}

TEST_F(BrokerClusterTest, ResendsUnansweredRequestsWithoutDuplicates) {
  // With a follower silent, the leader appends each record but cannot
  // acknowledge it (acks=all) until the follower leaves the ISR, 5 s later;
  // requests time out after 1 s and librdkafka resends records the leader
  // already has. The broker's sequence check keeps them once.
  options_.request_timeout = absl::Seconds(1);
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<CommandProducer> producer,
                       CommandProducer::Create(options_, CommandTopicCheck()));
  const int32_t follower = FollowerOfOrganizationPartition();
  ASSERT_GT(follower, 0);
  const size_t before = RecordsInLog();
  ClusterCommand("pause", follower);
  const auto results = ProduceAndWait(*producer, "unanswered-", 5);
  ClusterCommand("resume", follower);
  ASSERT_EQ(results.size(), 5u);
  for (const auto& result : results) EXPECT_THAT(result, IsOk());
  EXPECT_EQ(RecordsInLog(), before + 5);
}

TEST_F(BrokerClusterTest, StillProducesWithOneBrokerKilled) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<CommandProducer> producer,
                       CommandProducer::Create(options_, CommandTopicCheck()));
  const size_t before = RecordsInLog();
  KillBroker(1);
  // Two in-sync replicas remain, as min.insync.replicas=2 asks.
  const auto results = ProduceAndWait(*producer, "one-down-", 10);
  ASSERT_EQ(results.size(), 10u);
  for (const auto& result : results) EXPECT_THAT(result, IsOk());
  // Every acknowledged record once: retries during the leader move left no
  // duplicates.
  EXPECT_EQ(RecordsInLog(), before + 10);
}

TEST_F(BrokerClusterTest, RefusesToAcknowledgeWithTwoBrokersKilled) {
  options_.delivery_timeout = absl::Seconds(10);
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<CommandProducer> producer,
                       CommandProducer::Create(options_, CommandTopicCheck()));
  KillBroker(2);
  // One replica cannot satisfy min.insync.replicas=2 (and one of three
  // controllers is no quorum either, so nothing changes until a broker
  // returns): librdkafka retries until the delivery timeout, then the write
  // fails as a status the caller may retry, saying what is wrong.
  const auto results = ProduceAndWait(*producer, "two-down-", 3);
  ASSERT_EQ(results.size(), 3u);
  for (const auto& result : results) {
    EXPECT_THAT(result, StatusIs(absl::StatusCode::kUnavailable,
                                 AllOf(HasSubstr("guestvoice.commands"),
                                       HasSubstr("not acknowledged within 10s"),
                                       HasSubstr("min.insync.replicas"))));
  }
}

}  // namespace
}  // namespace guestvoice::service::cluster
