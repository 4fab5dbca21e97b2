#ifndef GUESTVOICE_TESTS_CRASH_CYCLE_WRITERS_H_
#define GUESTVOICE_TESTS_CRASH_CYCLE_WRITERS_H_

#include <atomic>
#include <cstdint>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "tests/crash/ledger.h"
#include "tests/crash/writer.h"

namespace guestvoice::crash {

// The concurrent writers of one crash cycle, each on its own connection:
// unary ingest, ImportFeedback streams, loyalty (a guest with an identity, a
// stay and a check-in, a second profile with a stay, merged into the first)
// and case updates (a review ingested, acknowledged, then resolved). Each
// writes until its first failed call, which the kill causes, and keeps the
// write that failed as in flight; or until it is asked to stop.
class CycleWriters {
 public:
  struct Setup {
    std::string address;
    std::string key;
    std::vector<std::string> hotels;
    // Makes every id of this cycle unique across the run.
    int cycle = 0;
    uint64_t seed = 0;
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
  // Failed calls before the kill, as messages.
  std::vector<std::string> unexpected_errors() const;

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
  // Applies `write`; false when it failed (it is then kept as in flight).
  bool Send(Lane& lane, const Write& write, std::string* name = nullptr);
  std::string RandomHotel(Lane& lane);

  Setup setup_;
  Ledger& ledger_;
  std::atomic<bool> stopping_{false};
  std::vector<std::unique_ptr<Lane>> lanes_;
  std::vector<std::thread> threads_;
  mutable absl::Mutex mutex_;
  std::vector<Write> in_flight_ ABSL_GUARDED_BY(mutex_);
  std::vector<std::string> unexpected_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace guestvoice::crash

#endif  // GUESTVOICE_TESTS_CRASH_CYCLE_WRITERS_H_
