// InsightService server-side latency on generated data (docs/insights.md,
// "Speed"; targets in issue 5): loads N feedback items across H hotels over
// two years through the storage writers ingest uses (PutNewFeedback and
// AggregateDeltas), then prints the p50 of GetHotelSummary (90 days),
// ListTopIssues (one hotel, 90 days) and CompareHotels (every hotel, 90 days)
// as the service computes them (service/insights/queries.h), without gRPC.
//
//   guestvoice_insight_benchmark --items=1000000 --hotels=200

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "analysis/aspect_taxonomy.h"
#include "service/core/proto_time.h"
#include "service/feedback/aggregates.h"
#include "service/feedback/records.h"
#include "service/insights/queries.h"
#include "storage/store.h"
#include "tests/testing/temp_dir.h"

ABSL_FLAG(int64_t, items, 50000, "Feedback items to load.");
ABSL_FLAG(int, hotels, 20, "Hotels to spread them over.");
ABSL_FLAG(int, repetitions, 50, "Calls per query (CompareHotels: a fifth).");

namespace guestvoice {
namespace {

constexpr int kDays = 730;
const absl::Time kEnd =
    absl::FromCivil(absl::CivilDay(2026, 1, 1), absl::UTCTimeZone());

void Load(storage::Store& store, const std::vector<service::ScopeHotel>& hotels,
          int64_t items) {
  std::mt19937_64 rng(5);
  const std::vector<std::string>& aspects =
      analysis::AspectTaxonomy::Default().aspects();
  // About three items per author voice, as review sites see.
  const int64_t voices = std::max<int64_t>(1, items / 3);
  storage::WriteBatch batch;
  service::AggregateDeltas deltas("bench");
  for (int64_t i = 0; i < items; ++i) {
    const service::ScopeHotel& hotel = hotels[rng() % hotels.size()];
    internal::v1::StoredFeedback item;
    v1::Feedback& feedback = *item.mutable_feedback();
    const std::string id = absl::StrCat("f", i);
    feedback.set_name("organizations/bench/feedback/" + id);
    feedback.set_hotel(hotel.name);
    feedback.set_source(v1::SOURCE_GOOGLE);
    feedback.set_external_id(id);
    feedback.mutable_author()->set_handle(absl::StrCat("h", rng() % voices));
    feedback.set_text("generated");
    const absl::Time posted =
        kEnd - absl::Seconds(static_cast<int64_t>(rng() % (kDays * 86400)));
    *feedback.mutable_post_time() = service::ToProtoTimestamp(posted);
    const double compound = static_cast<double>(rng() % 2001) / 1000 - 1;
    feedback.mutable_analysis()->mutable_sentiment()->set_compound(compound);
    for (uint64_t m = rng() % 3; m > 0; --m) {
      v1::AspectMention& mention = *feedback.mutable_analysis()->add_aspects();
      mention.set_aspect(aspects[rng() % aspects.size()]);
      mention.set_sentiment(static_cast<double>(rng() % 2001) / 1000 - 1);
      mention.set_text("a generated clause");
    }
    if (rng() % 2) feedback.mutable_rating()->set_normalized_value(0.8);
    feedback.mutable_case_()->set_state(v1::CASE_STATE_OPEN);
    item.set_author_voice(absl::StrCat("a/", feedback.author().handle()));
    item.set_aggregate_day(service::HotelDay(posted, hotel.zone));
    service::PutNewFeedback(batch, "bench", item, id);
    deltas.Add(item, item.author_voice(), 1);
    if (i % 2000 == 1999 || i + 1 == items) {
      deltas.AppendTo(batch);
      if (!store.Write(std::move(batch)).ok()) std::abort();
      batch = storage::WriteBatch();
      deltas = service::AggregateDeltas("bench");
    }
  }
  if (!store.CompactAll().ok()) std::abort();
}

template <typename Call>
double MedianMicros(int repetitions, Call call) {
  std::vector<double> micros;
  for (int r = 0; r < repetitions; ++r) {
    const auto start = std::chrono::steady_clock::now();
    if (!call(r)) std::abort();
    micros.push_back(std::chrono::duration<double, std::micro>(
                         std::chrono::steady_clock::now() - start)
                         .count());
  }
  std::nth_element(micros.begin(), micros.begin() + micros.size() / 2,
                   micros.end());
  return micros[micros.size() / 2];
}

int Run() {
  const int64_t items = absl::GetFlag(FLAGS_items);
  const int hotel_count = absl::GetFlag(FLAGS_hotels);
  const int repetitions = absl::GetFlag(FLAGS_repetitions);
  testing::TempDir dir;
  auto store =
      storage::Store::Open({.data_dir = dir.path(), .sync_writes = false});
  if (!store.ok()) return 2;
  const char* const zones[] = {"Europe/Lisbon", "Asia/Tokyo",
                               "America/New_York", "Australia/Sydney"};
  service::InsightScope scope;
  scope.organization = "bench";
  scope.whole_organization = true;
  for (int h = 0; h < hotel_count; ++h) {
    service::ScopeHotel hotel;
    hotel.id = absl::StrCat("hotel", h);
    hotel.name = "organizations/bench/hotels/" + hotel.id;
    absl::LoadTimeZone(zones[h % 4], &hotel.zone);
    scope.hotels.push_back(hotel);
  }
  const auto load_start = std::chrono::steady_clock::now();
  Load(**store, scope.hotels, items);
  std::printf("loaded %lld items across %d hotels over %d days in %.1f s\n",
              static_cast<long long>(items), hotel_count, kDays,
              std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                            load_start)
                  .count());

  const service::TimeBounds ninety_days{kEnd - absl::Hours(24 * 90), kEnd};
  const double summary = MedianMicros(repetitions, [&](int r) {
    return service::ComputeHotelSummary(
               **store, "bench", scope.hotels[r % hotel_count], ninety_days)
        .ok();
  });
  const double issues = MedianMicros(repetitions, [&](int r) {
    service::InsightScope one{"bench", false, {scope.hotels[r % hotel_count]}};
    return service::ComputeTopIssues(**store, one, ninety_days, 10,
                                     service::CallCancellation::Never())
        .ok();
  });
  const double compare = MedianMicros(std::max(1, repetitions / 5), [&](int) {
    return service::ComputeHotelComparison(**store, scope, ninety_days, "",
                                           service::CallCancellation::Never())
        .ok();
  });
  std::printf("GetHotelSummary 90 days     p50 %9.1f us (target <= 1000)\n",
              summary);
  std::printf("ListTopIssues 90 days       p50 %9.1f us (target <= 2000)\n",
              issues);
  std::printf("CompareHotels %3d hotels    p50 %9.1f us (target <= 20000)\n",
              hotel_count, compare);
  return 0;
}

}  // namespace
}  // namespace guestvoice

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return guestvoice::Run();
}
