#ifndef GUESTVOICE_TESTS_SERVICE_CLUSTER_STATE_NODE_H_
#define GUESTVOICE_TESTS_SERVICE_CLUSTER_STATE_NODE_H_

// The apply side of a cluster node without a server, for the tests of
// CommandApplier and ApplyLoop: a store of its own in a fresh temporary
// directory, the MutationTable over it and a CommandApplier. And
// CommandLog, a sequence of commands as receiving nodes build them.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/clock.h"
#include "common/striped_lock.h"
#include "google/protobuf/message.h"
#include "service/cluster/applied_times.h"
#include "service/cluster/command_applier.h"
#include "service/cluster/mutation_table.h"
#include "service/cluster/partition_consumer.h"
#include "service/core/id_source.h"
#include "service/core/principal.h"
#include "service/tenancy/api_key_verifier.h"
#include "storage/store.h"
#include "tests/service/feedback/domain_fixture.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::testing {

class StateNode {
 public:
  StateNode();

  // Closes the store and opens it again with a new applier, as a restarted
  // node does.
  void Restart();

  service::cluster::CommandApplier& applier() { return *applier_; }
  const service::cluster::MutationTable& table() const { return *table_; }
  storage::Store& store() { return *store_; }
  // This node as a receiving node: its store, locks and system ids.
  service::DomainContext domain();
  std::vector<std::string> Contents() const;

 private:
  void Open();

  TempDir dir_;
  // Before the store, whose compactions read it.
  service::cluster::AppliedTimes applied_times_;
  SystemClock clock_;
  service::SystemIdSource ids_;
  StripedLock locks_{64};
  StripedLock organization_locks_{8};
  NoOpFeedbackPublisher publisher_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<service::ApiKeyVerifier> verifier_;
  std::unique_ptr<service::cluster::MutationTable> table_;
  std::unique_ptr<service::cluster::CommandApplier> applier_;
};

// Commands of organization "acme" as receiving nodes make them, each a
// minute after the one before, with seeds of its own; `reference` applies
// each one as it is made (offsets from 0, partition `partition`), so that
// later commands can name what earlier ones created, as clients do.
class CommandLog {
 public:
  CommandLog(StateNode& reference, int32_t partition = 0)
      : reference_(reference), partition_(partition) {}

  // Builds the command (the mutation's prepare step: INVALID_ARGUMENT and
  // the like mean no command), appends it and applies it on the
  // reference, filling `response` from its outcome, which it returns.
  absl::Status Add(const google::protobuf::Message& request,
                   google::protobuf::Message& response);
  // As `caller`.
  absl::Status Add(const service::Principal& caller,
                   const google::protobuf::Message& request,
                   google::protobuf::Message& response);

  // The next command is received `gap` (and a minute) after the last.
  void Pass(absl::Duration gap) { receive_time_ += gap; }

  // A scripted mix of every kind of mutation: tenancy, hotels, feedback
  // (duplicates, an unknown hotel, an import), guests, identities, stays,
  // check-ins, request-id replays.
  void AddMixedWorkload();

  const std::vector<service::cluster::CommandRecord>& records() const {
    return records_;
  }

 private:
  StateNode& reference_;
  const int32_t partition_;
  absl::Time receive_time_ = absl::FromCivil(
      absl::CivilSecond(2026, 1, 15, 12, 0, 0), absl::UTCTimeZone());
  std::vector<service::cluster::CommandRecord> records_;
};

// The caller of the scripted commands: acme's admin key, with every scope.
service::Principal AcmeAdmin();

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_SERVICE_CLUSTER_STATE_NODE_H_
