#include "service/cluster/kafka_config.h"

#include <librdkafka/rdkafkacpp.h>

#include <fstream>
#include <map>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::service::cluster {
namespace {

using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::StatusIs;
using ::testing::HasSubstr;

std::map<std::string, std::string> AsMap(const KafkaSettings& settings) {
  return {settings.begin(), settings.end()};
}

TEST(ParseBootstrapServersTest, TrimsAndJoinsEntries) {
  EXPECT_EQ(*ParseBootstrapServers(" 127.0.0.1:9092, kafka-2:19092 ,\n"),
            "127.0.0.1:9092,kafka-2:19092");
}

TEST(ParseBootstrapServersTest, RefusesEntriesThatAreNotHostPort) {
  EXPECT_THAT(ParseBootstrapServers("127.0.0.1:9092,kafka-2"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("\"kafka-2\" is not HOST:PORT")));
  EXPECT_THAT(ParseBootstrapServers("host:0"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseBootstrapServers("host:65536"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseBootstrapServers(" , "),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("no bootstrap servers")));
}

TEST(ReadBootstrapFileTest, ReadsTheFileToolsClusterWrites) {
  testing::TempDir dir;
  std::ofstream(dir.Child("bootstrap")) << "127.0.0.1:40001,127.0.0.1:40002\n";
  EXPECT_EQ(*ReadBootstrapFile(dir.Child("bootstrap")),
            "127.0.0.1:40001,127.0.0.1:40002");
  EXPECT_THAT(ReadBootstrapFile(dir.Child("absent")),
              StatusIs(absl::StatusCode::kNotFound,
                       HasSubstr("tools/cluster up writes it")));
}

TEST(ProducerSettingsTest, AreIdempotentWithAcksAllAndTheNodeAsClient) {
  ClusterOptions options;
  options.bootstrap_servers = "127.0.0.1:9092";
  options.node_id = "node-a";
  options.delivery_timeout = absl::Seconds(5);
  options.linger = absl::Milliseconds(7);
  const auto settings = AsMap(ProducerSettings(options));
  EXPECT_EQ(settings.at("linger.ms"), "7");
  EXPECT_EQ(settings.at("enable.idempotence"), "true");
  EXPECT_EQ(settings.at("acks"), "all");
  EXPECT_EQ(settings.at("client.id"), "node-a");
  EXPECT_EQ(settings.at("bootstrap.servers"), "127.0.0.1:9092");
  EXPECT_EQ(settings.at("message.timeout.ms"), "5000");
  // A request may not outlive the record's whole delivery budget.
  EXPECT_EQ(settings.at("request.timeout.ms"), "5000");
  EXPECT_EQ(settings.at("socket.timeout.ms"), "5000");
  EXPECT_THAT(BuildKafkaConf(ProducerSettings(options)), IsOk());
}

TEST(ConsumerSettingsTest, NeverCommitOrResetOffsetsByThemselves) {
  ClusterOptions options;
  options.bootstrap_servers = "127.0.0.1:9092";
  options.node_id = "node-a";
  const auto settings = AsMap(ConsumerSettings(options, "appliers"));
  EXPECT_EQ(settings.at("group.id"), "appliers");
  EXPECT_EQ(settings.at("enable.auto.commit"), "false");
  EXPECT_EQ(settings.at("enable.auto.offset.store"), "false");
  EXPECT_EQ(settings.at("auto.offset.reset"), "error");
  EXPECT_THAT(BuildKafkaConf(ConsumerSettings(options, "appliers")), IsOk());
}

TEST(ConsumerSettingsTest, HeartbeatAThirdOfTheSession) {
  ClusterOptions options;
  options.bootstrap_servers = "127.0.0.1:9092";
  options.node_id = "node-a";
  options.session_timeout = absl::Seconds(6);
  const auto settings = AsMap(OwnershipGroupSettings(options, "owners"));
  EXPECT_EQ(settings.at("session.timeout.ms"), "6000");
  EXPECT_EQ(settings.at("heartbeat.interval.ms"), "2000");
  EXPECT_THAT(BuildKafkaConf(OwnershipGroupSettings(options, "owners")),
              IsOk());
}

TEST(NodeMapReaderSettingsTest, AreAGroupOfTheirOwnThatNeverCommits) {
  ClusterOptions options;
  options.bootstrap_servers = "127.0.0.1:9092";
  options.node_id = "node-a";
  const auto settings = AsMap(NodeMapReaderSettings(options));
  EXPECT_EQ(settings.at("group.id"), "guestvoice-node-map-node-a");
  EXPECT_EQ(settings.at("client.id"), "node-a");
  EXPECT_EQ(settings.at("enable.auto.commit"), "false");
  EXPECT_THAT(BuildKafkaConf(NodeMapReaderSettings(options)), IsOk());
}

TEST(BuildKafkaConfTest, NamesTheSettingLibrdkafkaRefuses) {
  EXPECT_THAT(BuildKafkaConf({{"acks", "sometimes"}}),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("acks=sometimes")));
}

}  // namespace
}  // namespace guestvoice::service::cluster
