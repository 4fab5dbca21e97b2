// The crash test (issue 12): concurrent writes of every kind against the real
// guestvoiced, SIGKILL at a random moment, restart on the same data dir, and
// every acknowledged write must be there exactly once. See README.md.

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "tests/crash/cycle_writers.h"
#include "tests/crash/ledger.h"
#include "tests/crash/store_check.h"
#include "tests/crash/writer.h"
#include "tests/testing/client_calls.h"
#include "tests/testing/guestvoiced_process.h"
#include "tests/testing/sample_requests.h"
#include "tests/testing/temp_dir.h"

ABSL_FLAG(std::string, guestvoiced, "", "The guestvoiced binary.");
ABSL_FLAG(std::string, verify, "", "The guestvoice-verify binary.");
ABSL_FLAG(int, cycles, 3, "Kill-and-restart cycles.");
ABSL_FLAG(uint64_t, seed, 0,
          "Seed of the random kill points and writes; 0 draws one (printed).");

namespace guestvoice::crash {
namespace {

// A cycle's kill comes after a random number of new acknowledged writes in
// this range: sometimes early in a loyalty sequence or an import, sometimes
// late.
constexpr int64_t kMinWritesBeforeKill = 10;
constexpr int64_t kMaxWritesBeforeKill = 120;
// Only matters when the server stops acknowledging writes.
constexpr absl::Duration kWriteDeadline = absl::Seconds(60);
// How often the wait for the kill point looks whether the server crashed.
constexpr absl::Duration kCrashCheckInterval = absl::Seconds(1);
const std::vector<std::string> kHotelIds = {"crash-harbour", "crash-hills"};

struct Totals {
  int cycles = 0;
  int64_t in_flight = 0;
  std::set<std::string> lost;
  std::set<std::string> duplicated;
};

class CrashTest {
 public:
  explicit CrashTest(uint64_t seed) : random_(seed) {}

  absl::Status Run(int cycles) {
    RETURN_IF_ERROR(StartServer());
    ASSIGN_OR_RETURN(key_, testing::ReadAdminKey(data_dir_));
    RETURN_IF_ERROR(CreateHotels());
    for (int cycle = 1; cycle <= cycles; ++cycle) {
      RETURN_IF_ERROR(RunCycle(cycle, cycles));
    }
    RETURN_IF_ERROR(server_->Stop());
    ASSIGN_OR_RETURN(
        const std::string verified,
        testing::RunVerify(absl::GetFlag(FLAGS_verify), data_dir_));
    std::cout << "after a clean stop, guestvoice-verify: " << verified << "\n";
    return absl::OkStatus();
  }

  const Totals& totals() const { return totals_; }
  int64_t acknowledged() const { return ledger_.acknowledged(); }
  std::string server_log() const {
    return server_ ? testing::FileTail(server_->log_path()) : "";
  }

 private:
  absl::Status StartServer() {
    ASSIGN_OR_RETURN(server_,
                     testing::GuestvoicedProcess::Start({
                         .binary = absl::GetFlag(FLAGS_guestvoiced),
                         .data_dir = data_dir_,
                         .log_path = work_dir_.Child(
                             absl::StrCat("guestvoiced-", ++starts_, ".log")),
                         // The writers call as fast as they can with one key.
                         .flags = {"--rate_limit_calls_per_second=0"},
                     }));
    channel_ = grpc::CreateChannel(server_->address(),
                                   grpc::InsecureChannelCredentials());
    return absl::OkStatus();
  }

  absl::Status CreateHotels() {
    auto stub = v1::HotelService::NewStub(channel_);
    for (const std::string& id : kHotelIds) {
      v1::Hotel hotel;
      RETURN_IF_ERROR(testing::FromGrpc(stub->CreateHotel(
          testing::CallContext(key_).get(), testing::SampleHotel(id), &hotel)));
      hotels_.push_back(hotel.name());
    }
    return absl::OkStatus();
  }

  absl::Status RunCycle(int cycle, int cycles) {
    const int64_t before = ledger_.acknowledged();
    CycleWriters writers(
        {.addresses = {server_->address()},
         .key = key_,
         .hotels = hotels_,
         .cycle = cycle,
         .run = "",  // one run per store: cycles keep ids apart
         .seed = random_()},
        ledger_);
    writers.Start();
    const int64_t kill_after = std::uniform_int_distribution<int64_t>(
        kMinWritesBeforeKill, kMaxWritesBeforeKill)(random_);
    // Waits for the kill point, looking every second whether the server
    // ended by itself: it crashed, which the writers' retries of calls that
    // never reached it would otherwise hide until the deadline.
    const absl::Time deadline = absl::Now() + kWriteDeadline;
    bool reached = false;
    std::optional<int> ended;
    while (!reached && !ended.has_value() && absl::Now() < deadline) {
      reached = ledger_.AwaitAcknowledged(
          before + kill_after,
          std::min(deadline, absl::Now() + kCrashCheckInterval));
      if (!reached) ended = server_->EndedByItself();
    }
    writers.Stop();
    if (!ended.has_value()) ended = server_->EndedByItself();
    if (ended.has_value()) {
      return absl::InternalError(absl::StrCat(
          "cycle ", cycle, ": guestvoiced ended by itself (exit code ", *ended,
          ") before the kill, after ", ledger_.acknowledged() - before,
          " writes were acknowledged"));
    }
    if (!reached) {
      return absl::DeadlineExceededError(absl::StrCat(
          "cycle ", cycle, ": only ", ledger_.acknowledged() - before,
          " writes acknowledged in ", absl::FormatDuration(kWriteDeadline)));
    }
    server_->Kill();
    const std::vector<Write> in_flight = writers.Join();
    if (const auto errors = writers.unexpected_errors(); !errors.empty()) {
      return absl::InternalError(
          absl::StrCat("cycle ", cycle, ": writes failed before the kill:\n",
                       absl::StrJoin(errors, "\n")));
    }
    const int64_t acknowledged = ledger_.acknowledged() - before;
    int never_answered = 0;
    for (const auto& [code, count] : writers.retried()) {
      never_answered += count;
    }

    // The store exactly as the kill left it, before a server touches it.
    ASSIGN_OR_RETURN(
        const std::string verified,
        testing::RunVerify(absl::GetFlag(FLAGS_verify), data_dir_));

    RETURN_IF_ERROR(StartServer());
    Writer writer(channel_, key_, ledger_);
    for (const Write& write : in_flight) {
      if (absl::StatusOr<std::string> retried = writer.Retry(write);
          !retried.ok()) {
        return absl::InternalError(absl::StrCat(
            "cycle ", cycle, ": a retry after the restart failed: ",
            retried.status().ToString()));
      }
    }
    ASSIGN_OR_RETURN(
        const Discrepancies found,
        CheckAcknowledged(channel_, key_, hotels_, ledger_.expected()));
    totals_.cycles = cycle;
    totals_.in_flight += static_cast<int64_t>(in_flight.size());
    totals_.lost.insert(found.lost.begin(), found.lost.end());
    totals_.duplicated.insert(found.duplicated.begin(), found.duplicated.end());
    std::cout << "cycle " << cycle << "/" << cycles << ": " << acknowledged
              << " acknowledged (" << never_answered
              << " sent again, never having reached the server), "
              << in_flight.size() << " in flight at the kill (retried), "
              << found.lost.size() << " lost, " << found.duplicated.size()
              << " duplicated; guestvoice-verify after the kill: " << verified
              << "\n";
    for (const std::string& line : found.lost)
      std::cout << "  LOST " << line << "\n";
    for (const std::string& line : found.duplicated) {
      std::cout << "  DUPLICATED " << line << "\n";
    }
    std::cout.flush();
    return absl::OkStatus();
  }

  std::mt19937_64 random_;
  testing::TempDir work_dir_;
  const std::string data_dir_ = work_dir_.Child("data");
  int starts_ = 0;
  std::unique_ptr<testing::GuestvoicedProcess> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::string key_;
  std::vector<std::string> hotels_;
  Ledger ledger_;
  Totals totals_;
};

}  // namespace
}  // namespace guestvoice::crash

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Crash test: concurrent writes, SIGKILL, restart, every acknowledged "
      "write present exactly once (tests/crash/README.md).");
  absl::ParseCommandLine(argc, argv);
  if (absl::GetFlag(FLAGS_guestvoiced).empty() ||
      absl::GetFlag(FLAGS_verify).empty()) {
    std::cerr << "crash test: --guestvoiced and --verify are required\n";
    return 2;
  }
  uint64_t seed = absl::GetFlag(FLAGS_seed);
  if (seed == 0) seed = std::random_device()();
  const int cycles = absl::GetFlag(FLAGS_cycles);
  std::cout << "crash test: " << cycles << " cycles, seed " << seed
            << " (--seed=" << seed << " draws the same kill points)\n";

  guestvoice::crash::CrashTest test(seed);
  const absl::Status status = test.Run(cycles);
  const auto& totals = test.totals();
  std::cout << "total: " << totals.cycles << " cycles, " << test.acknowledged()
            << " acknowledged (retries included), " << totals.in_flight
            << " in flight at a kill, " << totals.lost.size() << " lost, "
            << totals.duplicated.size() << " duplicated\n";
  if (!status.ok()) {
    std::cout << "FAILED (seed " << seed << "): " << status << "\n"
              << "server log:\n"
              << test.server_log() << "\n";
    return 1;
  }
  const bool exact = totals.lost.empty() && totals.duplicated.empty();
  std::cout << (exact ? "PASSED" : "FAILED") << " (seed " << seed << ")\n";
  return exact ? 0 : 1;
}
