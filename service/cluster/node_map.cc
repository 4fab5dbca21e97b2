#include "service/cluster/node_map.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "guestvoice/internal/v1/node_map.pb.h"
#include "service/core/proto_time.h"

namespace guestvoice::service::cluster {
namespace {

// Why `entry`, the value of the record keyed `key`, cannot be taken in; OK
// when it can.
absl::Status CheckEntry(std::string_view key,
                        const internal::v1::NodeMapEntry& entry) {
  if (key.empty()) return absl::InvalidArgumentError("the record has no key");
  if (entry.node_id() != key) {
    return absl::InvalidArgumentError(
        absl::StrCat("the entry names node \"", entry.node_id(),
                     "\" but its key is \"", AbslView(key), "\""));
  }
  if (entry.advertise_address().empty()) {
    return absl::InvalidArgumentError("the entry has no advertise_address");
  }
  if (!entry.has_heartbeat_time()) {
    return absl::InvalidArgumentError("the entry has no heartbeat_time");
  }
  for (int32_t partition : entry.owned_partitions()) {
    if (partition < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("the entry owns partition ", partition));
    }
  }
  for (const internal::v1::AppliedOffset& applied : entry.applied_offsets()) {
    if (applied.partition() < 0 || applied.next_offset() < 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("the entry has applied offset ", applied.next_offset(),
                       " of partition ", applied.partition()));
    }
  }
  return absl::OkStatus();
}

NodeInfo InfoOf(const internal::v1::NodeMapEntry& entry) {
  NodeInfo info;
  info.node_id = entry.node_id();
  info.advertise_address = entry.advertise_address();
  info.start_time = FromProtoTimestamp(entry.start_time());
  info.owned_partitions.insert(entry.owned_partitions().begin(),
                               entry.owned_partitions().end());
  for (const internal::v1::AppliedOffset& applied : entry.applied_offsets()) {
    info.applied_offsets[applied.partition()] = applied.next_offset();
  }
  info.heartbeat_time = FromProtoTimestamp(entry.heartbeat_time());
  return info;
}

}  // namespace

NodeMap::NodeMap(const Clock& clock, absl::Duration liveness_timeout)
    : clock_(clock), liveness_timeout_(liveness_timeout) {}

absl::Status NodeMap::Apply(int64_t offset, std::string_view key,
                            std::optional<std::string_view> value) {
  absl::MutexLock lock(&mutex_);
  ++version_;
  if (!value.has_value()) {
    if (auto found = entries_.find(key); found != entries_.end()) {
      entries_.erase(found);
    }
    return absl::OkStatus();
  }
  internal::v1::NodeMapEntry entry;
  if (!entry.ParseFromArray(value->data(), static_cast<int>(value->size()))) {
    return absl::InvalidArgumentError(
        absl::StrCat("node-map record at offset ", offset, " (key \"",
                     AbslView(key), "\") is not a NodeMapEntry"));
  }
  if (absl::Status status = CheckEntry(key, entry); !status.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "node-map record at offset ", offset, ": ", status.message()));
  }
  Entry& known = entries_[std::string(key)];
  known.info = InfoOf(entry);
  std::map<int32_t, int64_t> claimed_since;
  for (int32_t partition : known.info.owned_partitions) {
    auto before = known.claimed_since.find(partition);
    claimed_since[partition] =
        before != known.claimed_since.end() ? before->second : offset;
  }
  known.claimed_since = std::move(claimed_since);
  return absl::OkStatus();
}

std::optional<NodeInfo> NodeMap::OwnerOf(int32_t partition) const {
  absl::ReaderMutexLock lock(&mutex_);
  const Entry* owner = nullptr;
  int64_t latest_claim = -1;
  for (const auto& [node_id, entry] : entries_) {
    auto claim = entry.claimed_since.find(partition);
    if (claim == entry.claimed_since.end() || !Alive(entry)) continue;
    if (claim->second > latest_claim) {
      owner = &entry;
      latest_claim = claim->second;
    }
  }
  if (owner == nullptr) return std::nullopt;
  return Describe(*owner);
}

absl::StatusOr<std::string> NodeMap::ForwardAddress(int32_t partition) const {
  std::optional<NodeInfo> owner = OwnerOf(partition);
  if (!owner.has_value()) {
    return absl::UnavailableError(absl::StrCat(
        "no live node owns command partition ", partition,
        " now (its owner is down or the assignment is moving); retry"));
  }
  return owner->advertise_address;
}

std::vector<NodeInfo> NodeMap::AliveNodes() const {
  absl::ReaderMutexLock lock(&mutex_);
  std::vector<NodeInfo> alive;
  for (const auto& [node_id, entry] : entries_) {
    if (Alive(entry)) alive.push_back(Describe(entry));
  }
  return alive;
}

std::vector<NodeInfo> NodeMap::Nodes() const {
  absl::ReaderMutexLock lock(&mutex_);
  std::vector<NodeInfo> nodes;
  for (const auto& [node_id, entry] : entries_) {
    nodes.push_back(Describe(entry));
  }
  return nodes;
}

std::optional<NodeInfo> NodeMap::Node(std::string_view node_id) const {
  absl::ReaderMutexLock lock(&mutex_);
  auto found = entries_.find(node_id);
  if (found == entries_.end()) return std::nullopt;
  return Describe(found->second);
}

uint64_t NodeMap::version() const {
  absl::ReaderMutexLock lock(&mutex_);
  return version_;
}

bool NodeMap::AwaitNewerThan(uint64_t version, absl::Duration timeout) const {
  absl::ReaderMutexLock lock(&mutex_);
  auto newer = [this, version]() ABSL_SHARED_LOCKS_REQUIRED(mutex_) {
    return version_ > version;
  };
  return mutex_.AwaitWithTimeout(absl::Condition(&newer), timeout);
}

bool NodeMap::Alive(const Entry& entry) const {
  return clock_.Now() - entry.info.heartbeat_time <= liveness_timeout_;
}

NodeInfo NodeMap::Describe(const Entry& entry) const {
  NodeInfo info = entry.info;
  info.alive = Alive(entry);
  return info;
}

}  // namespace guestvoice::service::cluster
