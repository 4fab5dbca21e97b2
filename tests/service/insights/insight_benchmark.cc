// InsightService server-side latency on generated data (docs/insights.md,
// "Speed"; targets in issue 5): loads N feedback items across H hotels over
// --days through the storage writers ingest uses (PutNewFeedback and
// AggregateDeltas), then prints the p50 of GetHotelSummary (90 days),
// ListTopIssues (one hotel and the organization, 90 days), CompareHotels
// (every hotel, 90 days) and the first page of ListAttentionItems (the
// organization and one hotel; about half the items are open and negative)
// as the service computes them (service/insights/queries.h), without gRPC.
//
//   guestvoice_insight_benchmark --items=1000000 --hotels=200
//
// Shaped like tools/bench's data set (R5, R6): --items=200000 --hotels=200
// --authors=5000 --days=90. Times are wall times: compare interleaved runs
// on a busy machine.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "analysis/aspect_taxonomy.h"
#include "service/core/proto_time.h"
#include "service/feedback/aggregates.h"
#include "service/feedback/records.h"
#include "service/insights/attention.h"
#include "service/insights/queries.h"
#include "service/loyalty/tiers.h"
#include "storage/store.h"
#include "tests/testing/temp_dir.h"

ABSL_FLAG(int64_t, items, 50000, "Feedback items to load.");
ABSL_FLAG(int, hotels, 20, "Hotels to spread them over.");
ABSL_FLAG(int, authors, 0,
          "Authors, Zipf-skewed (s = 1) like hotels then, as tools/bench's "
          "data set; 0: about three items per author, all uniform.");
ABSL_FLAG(int, days, 730, "Days of history the items spread over.");
ABSL_FLAG(std::string, data_dir, "",
          "Loads the store here, or queries the store already here (A/B runs "
          "of two builds on one store); default: a fresh temp dir.");
ABSL_FLAG(std::string, only, "",
          "Runs only this query (summary, issues, organization_issues, "
          "compare, attention or hotel_attention), e.g. to count its "
          "instructions with perf stat.");
ABSL_FLAG(int, repetitions, 50,
          "Calls per query (organization-wide ones: a fifth).");

namespace guestvoice {
namespace {

const absl::Time kEnd =
    absl::FromCivil(absl::CivilDay(2026, 1, 1), absl::UTCTimeZone());

// Draws 0..count-1, uniform or with P(i) proportional to 1 / (i + 1).
class Draw {
 public:
  Draw(int64_t count, bool zipf) : count_(count) {
    if (!zipf) return;
    double sum = 0;
    for (int64_t i = 0; i < count; ++i) {
      sum += 1.0 / static_cast<double>(i + 1);
      cumulative_.push_back(sum);
    }
  }
  int64_t operator()(std::mt19937_64& rng) const {
    if (cumulative_.empty()) return static_cast<int64_t>(rng() % count_);
    const double at =
        std::uniform_real_distribution<double>(0, cumulative_.back())(rng);
    return std::min<int64_t>(
        count_ - 1,
        std::lower_bound(cumulative_.begin(), cumulative_.end(), at) -
            cumulative_.begin());
  }

 private:
  int64_t count_;
  std::vector<double> cumulative_;
};

void Load(storage::Store& store, const std::vector<service::ScopeHotel>& hotels,
          int64_t items, int days) {
  std::mt19937_64 rng(5);
  const std::vector<std::string>& aspects =
      analysis::AspectTaxonomy::Default().aspects();
  const int authors = absl::GetFlag(FLAGS_authors);
  const bool zipf = authors > 0;
  // Without --authors, about three items per author voice.
  const Draw hotel_draw(static_cast<int64_t>(hotels.size()), zipf);
  const Draw author_draw(zipf ? authors : std::max<int64_t>(1, items / 3),
                         zipf);
  storage::WriteBatch batch;
  service::AggregateDeltas deltas("bench");
  for (int64_t i = 0; i < items; ++i) {
    const service::ScopeHotel& hotel = hotels[hotel_draw(rng)];
    internal::v1::StoredFeedback item;
    v1::Feedback& feedback = *item.mutable_feedback();
    const std::string id = absl::StrCat("f", i);
    feedback.set_name("organizations/bench/feedback/" + id);
    feedback.set_hotel(hotel.name);
    feedback.set_source(v1::SOURCE_GOOGLE);
    feedback.set_external_id(id);
    feedback.mutable_author()->set_handle(absl::StrCat("h", author_draw(rng)));
    feedback.set_text("generated");
    const absl::Time posted =
        kEnd -
        absl::Seconds(static_cast<int64_t>(rng() % (days * int64_t{86400})));
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
  testing::TempDir temp_dir;
  std::string data_dir = absl::GetFlag(FLAGS_data_dir);
  std::error_code error;
  const bool loaded =
      !data_dir.empty() && !std::filesystem::is_empty(data_dir, error);
  if (data_dir.empty()) data_dir = temp_dir.path();
  auto store = storage::Store::Open(
      {.data_dir = data_dir, .sync_writes = false, .expiring_families = {}});
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
  const int days = absl::GetFlag(FLAGS_days);
  if (loaded) {
    std::printf("querying the store in %s\n", data_dir.c_str());
  } else {
    const auto load_start = std::chrono::steady_clock::now();
    Load(**store, scope.hotels, items, days);
    std::printf("loaded %lld items across %d hotels over %d days in %.1f s\n",
                static_cast<long long>(items), hotel_count, days,
                std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                              load_start)
                    .count());
  }

  const service::TimeBounds ninety_days{kEnd - absl::Hours(24 * 90), kEnd};
  // One queue page, as ListAttentionItems asks it (tiers as of the last day).
  const auto attention_page = [&](const service::InsightScope& page_scope) {
    auto tiers = service::LoadGuestTiers(
        **store, "bench", service::StatusDay::On(absl::CivilDay(2025, 12, 31)));
    return tiers.ok() &&
           service::ListAttentionPage(**store, page_scope, *tiers, 0, "",
                                      "ListAttentionItems",
                                      service::CallCancellation::Never())
               .ok();
  };
  const int organization_repetitions = std::max(1, repetitions / 5);
  struct Query {
    std::string name;
    std::string label;
    int repetitions;
    std::function<bool(int)> call;
    std::string target = "";
  };
  const std::vector<Query> queries = {
      {"summary", "GetHotelSummary 90 days     ", repetitions,
       [&](int r) {
         return service::ComputeHotelSummary(**store, "bench",
                                             scope.hotels[r % hotel_count],
                                             ninety_days)
             .ok();
       },
       " (target <= 1000)"},
      {"issues", "ListTopIssues 90 days       ", repetitions,
       [&](int r) {
         service::InsightScope one{
             "bench", false, {scope.hotels[r % hotel_count]}};
         return service::ComputeTopIssues(**store, one, ninety_days, 10,
                                          service::CallCancellation::Never())
             .ok();
       },
       " (target <= 2000)"},
      {"organization_issues",
       absl::StrFormat("ListTopIssues %3d hotels    ", hotel_count),
       organization_repetitions,
       [&](int) {
         return service::ComputeTopIssues(**store, scope, ninety_days, 10,
                                          service::CallCancellation::Never())
             .ok();
       }},
      {"compare", absl::StrFormat("CompareHotels %3d hotels    ", hotel_count),
       organization_repetitions,
       [&](int) {
         return service::ComputeHotelComparison(
                    **store, scope, ninety_days, "",
                    service::CallCancellation::Never())
             .ok();
       },
       " (target <= 20000)"},
      {"attention", "ListAttentionItems org page  ", organization_repetitions,
       [&](int) { return attention_page(scope); }},
      {"hotel_attention", "ListAttentionItems hotel page",
       organization_repetitions,
       [&](int r) {
         return attention_page(service::InsightScope{
             "bench", false, {scope.hotels[r % hotel_count]}});
       }},
  };
  const std::string only = absl::GetFlag(FLAGS_only);
  for (const Query& query : queries) {
    if (!only.empty() && query.name != only) continue;
    std::printf("%s p50 %9.1f us%s\n", query.label.c_str(),
                MedianMicros(query.repetitions, query.call),
                query.target.c_str());
  }
  return 0;
}

}  // namespace
}  // namespace guestvoice

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return guestvoice::Run();
}
