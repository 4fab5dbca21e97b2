#include "service/cluster/kafka_config.h"

#include <librdkafka/rdkafkacpp.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/absl_view.h"

namespace guestvoice::service::cluster {
namespace {

std::string Milliseconds(absl::Duration duration) {
  return absl::StrCat(absl::ToInt64Milliseconds(duration));
}

absl::Status CheckHostPort(std::string_view entry) {
  const size_t colon = entry.rfind(':');
  uint32_t port = 0;
  if (colon == std::string_view::npos || colon == 0 ||
      !absl::SimpleAtoi(AbslView(entry.substr(colon + 1)), &port) ||
      port == 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("bootstrap server \"", AbslView(entry),
                     "\" is not HOST:PORT with a port from 1 to 65535"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> ParseBootstrapServers(std::string_view text) {
  std::vector<std::string> servers;
  for (std::string_view entry : SplitOn(text, ',')) {
    entry = StripAsciiWhitespace(entry);
    if (entry.empty()) continue;
    if (absl::Status status = CheckHostPort(entry); !status.ok()) return status;
    servers.emplace_back(entry);
  }
  if (servers.empty()) {
    return absl::InvalidArgumentError(
        "no bootstrap servers: give HOST:PORT[,HOST:PORT...]");
  }
  return absl::StrJoin(servers, ",");
}

absl::StatusOr<std::string> ReadBootstrapFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) {
    return absl::NotFoundError(absl::StrCat("no bootstrap file ", path,
                                            " (tools/cluster up writes it)"));
  }
  std::ostringstream text;
  text << file.rdbuf();
  absl::StatusOr<std::string> servers = ParseBootstrapServers(text.str());
  if (!servers.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": ", servers.status().message()));
  }
  return servers;
}

KafkaSettings ProducerSettings(const ClusterOptions& options) {
  const absl::Duration request_timeout =
      std::min(options.delivery_timeout, options.request_timeout);
  return {
      {"bootstrap.servers", options.bootstrap_servers},
      {"client.id", options.node_id},
      // No duplicates and no reordering within a partition across retries:
      // the apply side relies on each command appearing once, in order.
      {"enable.idempotence", "true"},
      // Acknowledged only once every in-sync replica has the record; with
      // the topic's min.insync.replicas=2 a write survives one broker loss.
      {"acks", "all"},
      {"message.timeout.ms", Milliseconds(options.delivery_timeout)},
      // request.timeout.ms is what the broker may take to gather acks;
      // socket.timeout.ms is when librdkafka itself gives up on an
      // unanswered request and resends it.
      {"request.timeout.ms", Milliseconds(request_timeout)},
      {"socket.timeout.ms", Milliseconds(request_timeout)},
      {"linger.ms", Milliseconds(options.linger)},
      // librdkafka's own queue bound sits above ours, so ours decides.
      {"queue.buffering.max.messages",
       absl::StrCat(options.max_in_flight_records + 1000)},
  };
}

KafkaSettings ConsumerSettings(const ClusterOptions& options,
                               std::string_view group_id) {
  return {
      {"bootstrap.servers", options.bootstrap_servers},
      {"client.id", options.node_id},
      {"group.id", std::string(group_id)},
      // The applied offset is committed with the state it produced, in one
      // RocksDB WriteBatch; Kafka's committed offsets would be a second,
      // disagreeing truth.
      {"enable.auto.commit", "false"},
      {"enable.auto.offset.store", "false"},
      // A stored offset the log no longer has means history was lost: stop
      // with an error rather than silently skip or replay.
      {"auto.offset.reset", "error"},
      // Moving only the partitions that change owner keeps the others
      // applying during a rebalance.
      {"partition.assignment.strategy", "cooperative-sticky"},
      {"session.timeout.ms", Milliseconds(options.session_timeout)},
      // Kafka's advice: at most a third of the session, so that one lost
      // heartbeat does not cost the partitions.
      {"heartbeat.interval.ms", Milliseconds(options.session_timeout / 3)},
      // Commands of aborted transactions are never applied.
      {"isolation.level", "read_committed"},
  };
}

KafkaSettings OwnershipGroupSettings(const ClusterOptions& options,
                                     std::string_view group_id) {
  KafkaSettings settings = ConsumerSettings(options, group_id);
  for (auto& [name, value] : settings) {
    if (name == "partition.assignment.strategy") value = "roundrobin";
  }
  return settings;
}

KafkaSettings NodeMapReaderSettings(const ClusterOptions& options) {
  return {
      {"bootstrap.servers", options.bootstrap_servers},
      {"client.id", options.node_id},
      // librdkafka's consumer wants a group; the reader never joins it (it
      // assigns the topic's partition itself) and commits nothing there.
      {"group.id", absl::StrCat("guestvoice-node-map-", options.node_id)},
      {"enable.auto.commit", "false"},
      {"enable.auto.offset.store", "false"},
  };
}

absl::StatusOr<std::unique_ptr<RdKafka::Conf>> BuildKafkaConf(
    const KafkaSettings& settings) {
  std::unique_ptr<RdKafka::Conf> conf(
      RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  for (const auto& [name, value] : settings) {
    std::string error;
    if (conf->set(name, value, error) != RdKafka::Conf::CONF_OK) {
      return absl::InvalidArgumentError(
          absl::StrCat("Kafka setting ", name, "=", value, ": ", error));
    }
  }
  return conf;
}

}  // namespace guestvoice::service::cluster
