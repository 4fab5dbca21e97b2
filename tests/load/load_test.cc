// The load test (issue 12, item 7): 64 concurrent callers of mixed traffic
// against the real guestvoiced for a while; zero unexpected errors, p50/p99
// per method, and the server's resident set flat after warm-up. README.md.

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "tests/load/latencies.h"
#include "tests/load/mixed_traffic.h"
#include "tests/load/rss_sampler.h"
#include "tests/testing/client_calls.h"
#include "tests/testing/guestvoiced_process.h"
#include "tests/testing/sample_requests.h"
#include "tests/testing/temp_dir.h"

ABSL_FLAG(std::string, guestvoiced, "", "The guestvoiced binary.");
// The RSS is judged over at least two of its trough spans after the warm-up
// (rss_sampler.h), which the defaults allow. The warm-up covers what fills
// for about three minutes under this traffic (README.md).
ABSL_FLAG(int, seconds, 420, "How long the traffic runs.");
ABSL_FLAG(int, warm_up_seconds, 180,
          "RSS samples before this are not judged (caches filling).");
ABSL_FLAG(int, callers, 64, "Concurrent callers, watchers included.");
ABSL_FLAG(int, watchers, 8, "Callers that hold a WatchFeedback stream.");
ABSL_FLAG(uint64_t, seed, 1, "Seed of the callers' choices.");

namespace guestvoice::load {
namespace {

constexpr int kHotels = 4;
// Items stored before the traffic starts, for lookups to find.
constexpr int kSeedItems = 500;
constexpr absl::Duration kRssPrintPeriod = absl::Seconds(5);
constexpr int kBlockCacheMib = 16;

// Creates the hotels and imports the seed items through one stream.
absl::Status PrepareStore(const std::string& address, Target& target) {
  const auto channel =
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
  auto hotels = v1::HotelService::NewStub(channel);
  for (int i = 0; i < kHotels; ++i) {
    v1::Hotel hotel;
    RETURN_IF_ERROR(testing::FromGrpc(hotels->CreateHotel(
        testing::CallContext(target.key).get(),
        testing::SampleHotel(absl::StrCat("load-", i)), &hotel)));
    target.hotels.push_back(hotel.name());
  }
  auto feedback = v1::FeedbackService::NewStub(channel);
  const auto context = testing::CallContext(target.key);
  v1::ImportFeedbackResponse response;
  auto stream = feedback->ImportFeedback(context.get(), &response);
  for (int i = 0; i < kSeedItems; ++i) {
    v1::ImportFeedbackRequest item;
    item.set_parent(testing::kDefaultOrganization);
    *item.mutable_feedback() = testing::SampleFeedback(
        target.hotels[i % kHotels], absl::StrCat("seed-", i), i,
        absl::Now() - absl::Hours(i % 600));
    if (!stream->Write(item)) break;
  }
  stream->WritesDone();
  RETURN_IF_ERROR(testing::FromGrpc(stream->Finish()));
  for (const v1::ImportFeedbackResult& result : response.results()) {
    target.feedback_names.push_back(result.feedback());
  }
  if (response.ingested_count() != kSeedItems) {
    return absl::InternalError(absl::StrCat(
        "seeding ingested ", response.ingested_count(), " of ", kSeedItems));
  }
  return absl::OkStatus();
}

// Prints the report; false when the run failed its bar.
absl::StatusOr<bool> Run() {
  testing::TempDir work_dir;
  ASSIGN_OR_RETURN(
      auto server,
      testing::GuestvoicedProcess::Start({
          .binary = absl::GetFlag(FLAGS_guestvoiced),
          .data_dir = work_dir.Child("data"),
          .log_path = work_dir.Child("guestvoiced.log"),
          // One key for all callers: the limiter, and the share
          // of import streams one organization may hold, are not
          // what this measures. A small block cache fills within
          // the warm-up, so that RSS growth after it is memory
          // no cache bounds (the memtables are bounded by the
          // store's 16 MiB WAL limit).
          .flags = {"--rate_limit_calls_per_second=0",
                    "--max_import_streams_per_organization=64",
                    absl::StrCat("--block_cache_mb=", kBlockCacheMib)},
      }));
  Target target{.address = server->address()};
  ASSIGN_OR_RETURN(target.key, testing::ReadAdminKey(work_dir.Child("data")));
  RETURN_IF_ERROR(PrepareStore(server->address(), target));

  const TrafficShape shape{.callers = absl::GetFlag(FLAGS_callers),
                           .watchers = absl::GetFlag(FLAGS_watchers),
                           .seed = absl::GetFlag(FLAGS_seed)};
  const absl::Duration length = absl::Seconds(absl::GetFlag(FLAGS_seconds));
  const absl::Duration warm_up =
      absl::Seconds(absl::GetFlag(FLAGS_warm_up_seconds));
  std::cout << "load: " << shape.callers << " callers (" << shape.watchers
            << " watching) for " << absl::FormatDuration(length)
            << " against guestvoiced pid " << server->pid() << "\n";
  std::cout.flush();

  RssSampler sampler(server->pid());
  const absl::Time start = absl::Now();
  WatchTotals watched;
  const Latencies latencies =
      RunMixedTraffic(target, shape, start + length, watched);
  const absl::Duration elapsed = absl::Now() - start;
  const std::vector<RssSample> samples = sampler.Stop();
  // A clean stop after the load: watchers gone, nothing stuck.
  RETURN_IF_ERROR(server->Stop());

  latencies.Print(std::cout, elapsed);
  std::cout << "watchers: " << watched.streams
            << " streams held for the whole run, " << watched.events
            << " events read, " << watched.missed << " missed\n";
  PrintRss(std::cout, samples, warm_up, kRssPrintPeriod);
  std::cout << "errors: " << latencies.errors() << "\n";
  for (const std::string& sample : latencies.error_samples()) {
    std::cout << "  " << sample << "\n";
  }
  return latencies.errors() == 0 && TrendAfter(samples, warm_up).flat;
}

}  // namespace
}  // namespace guestvoice::load

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Load test: mixed traffic from concurrent callers against guestvoiced "
      "(tests/load/README.md).");
  absl::ParseCommandLine(argc, argv);
  if (absl::GetFlag(FLAGS_guestvoiced).empty()) {
    std::cerr << "load: --guestvoiced is required\n";
    return 2;
  }
  const absl::StatusOr<bool> passed = guestvoice::load::Run();
  if (!passed.ok()) {
    std::cout << "FAILED: " << passed.status() << "\n";
    return 1;
  }
  std::cout << (*passed ? "PASSED" : "FAILED") << "\n";
  return *passed ? 0 : 1;
}
