#ifndef GUESTVOICE_TESTS_CRASH_CYCLE_WRITERS_H_
#define GUESTVOICE_TESTS_CRASH_CYCLE_WRITERS_H_

#include <atomic>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "tests/crash/ledger.h"
#include "tests/crash/writer.h"

namespace guestvoice::crash {

// The concurrent writers of one crash cycle, each on its own connection:
// unary ingest, ImportFeedback streams, loyalty (a guest with an identity, a
// stay and a check-in, a second profile with a stay, merged into the first)
// and case updates (a review ingested, acknowledged, then resolved). Each
// writes until it is asked to stop, or until a write fails for good: by
// default its first failed call, which the kill causes, kept as in flight.
class CycleWriters {
 public:
  // What a writer does with a failed call.
  enum class OnFailure {
    // Stop and keep the write as in flight (a killed server). Before the
    // kill, a call that never reached the server (NeverAnswered) is sent
    // again first.
    kStop,
    // Send it again, as a client of a cluster does, while it fails with a
    // code that says "try again" (UNAVAILABLE, RESOURCE_EXHAUSTED,
    // DEADLINE_EXCEEDED: the write may have landed), with the same external
    // id, request id or booking reference; any other code stops the writer.
    kRetry,
  };

  struct Setup {
    // Writer i calls addresses[i % addresses.size()].
    std::vector<std::string> addresses;
    std::string key;
    std::vector<std::string> hotels;
    // Makes every id of this cycle unique across the run.
    int cycle = 0;
    // Makes every id unique across runs that share a store or a command
    // log (letters and digits).
    std::string run;
    uint64_t seed = 0;
    OnFailure on_failure = OnFailure::kStop;
    absl::Duration call_deadline = absl::Seconds(20);
  };

  CycleWriters(Setup setup, Ledger& ledger);
  CycleWriters(const CycleWriters&) = delete;
  CycleWriters& operator=(const CycleWriters&) = delete;
  ~CycleWriters();

  void Start();
  // Called just before the server is killed: failures from now on are
  // expected (earlier ones are errors of the server), and each writer stops
  // after its current write or sequence.
  void Stop() { stopping_ = true; }
  // Waits for every writer to stop and returns the writes in flight.
  std::vector<Write> Join();
  // Failed calls before the kill (with kRetry: failures that were not
  // retried, or not until they succeeded), as messages.
  std::vector<std::string> unexpected_errors() const;
  // The failed calls that were sent again, by code: with kStop, calls that
  // never reached the server before the kill; with kRetry, every "try
  // again".
  std::map<absl::StatusCode, int> retried() const;

 private:
  // One writer's connection, ids and randomness.
  struct Lane {
    Writer writer;
    std::mt19937_64 random;
    std::string prefix;
    int64_t next = 0;
    std::string NextId() { return absl::StrCat(prefix, "-", next++); }
  };

  void RunIngest(Lane& lane);
  void RunImports(Lane& lane);
  void RunLoyalty(Lane& lane);
  void RunCases(Lane& lane);
  // Applies `write`, sending it again while SendsAgain; false when it
  // failed (it is then kept as in flight).
  bool Send(Lane& lane, const Write& write, std::string* name = nullptr);
  bool SendsAgain(const absl::Status& status) const;
  std::string RandomHotel(Lane& lane);

  Setup setup_;
  Ledger& ledger_;
  std::atomic<bool> stopping_{false};
  std::vector<std::unique_ptr<Lane>> lanes_;
  std::vector<std::thread> threads_;
  mutable absl::Mutex mutex_;
  std::vector<Write> in_flight_ ABSL_GUARDED_BY(mutex_);
  std::vector<std::string> unexpected_ ABSL_GUARDED_BY(mutex_);
  std::map<absl::StatusCode, int> retried_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace guestvoice::crash

#endif  // GUESTVOICE_TESTS_CRASH_CYCLE_WRITERS_H_
