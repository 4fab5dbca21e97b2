// What one IngestFeedback costs below the gRPC layer: validation, analysis,
// the dedupe/author/repeat reads, building the record, its indexes and its
// pre-aggregate deltas, and the write. Reviews are ~600 bytes with several
// aspects, spread over 20 hotels and 2,000 authors (so most items come from
// an author seen before), posted over 90 days.
//
//   guestvoice_ingest_benchmark [--benchmark_filter=...]
//
// BM_Ingest writes without fsync, so it measures CPU, not the disk; under
// callgrind (valgrind --tool=callgrind ... on BM_Ingest/items:2000) it gives
// stable instruction counts per item. Not a ctest test: figures depend on the
// machine.

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "benchmark/benchmark.h"
#include "service/core/proto_time.h"
#include "service/core/resource_names.h"
#include "tests/service/feedback/domain_fixture.h"

namespace guestvoice::service {
namespace {

constexpr int kHotels = 20;
constexpr int kAuthors = 2000;
constexpr int kDays = 90;

constexpr std::string_view kReviews[] = {
    "Three nights in a superior double for a conference. The hotel is a "
    "short walk from the station and the congress centre, which was ideal. "
    "Reception was efficient and the porter carried our bags up, but the "
    "room smelled musty and the carpet near the window was stained. The bed "
    "was firm and comfortable, the blackout curtains worked, yet the "
    "air conditioning rattled all night. Breakfast was a highlight: fresh "
    "bread, good espresso and plenty of fruit, though the eggs were cold on "
    "the second morning. Wifi was fast in the lobby and useless upstairs. "
    "The spa was closed for renovation without any warning. Decent value.",
    "Terrible stay. The air conditioning was broken for three days and nobody "
    "came to fix it despite four calls to the front desk. The carpet smelled "
    "of smoke, the towels were stained and the minibar had not been "
    "restocked. Breakfast was cold and the coffee machine was out of order. "
    "The only positive was the doorman, who was kind and helped with our "
    "luggage. For 300 euros a night this is unacceptable and we will not "
    "return. The manager never answered my email either.",
    "Lovely boutique hotel with a gorgeous rooftop bar and a view over the "
    "river. Our room was spotless, quiet and the bed was incredibly "
    "comfortable. Staff remembered our names from day one and the concierge "
    "booked a fantastic restaurant for us. Breakfast had fresh pastries, "
    "eggs cooked to order and excellent local cheese. Parking is expensive "
    "and a bit far, but that is the only minor complaint. Highly recommended "
    "for couples looking for a weekend away in the city centre.",
};

// The feedback domain's fixture, run outside gtest: a fresh store (no
// fsync), hotels h0..h19 of acme, a fake clock.
class IngestFixture : public testing::FeedbackDomainFixture {
 public:
  IngestFixture() {
    SetUp();
    for (int hotel = 0; hotel < kHotels; ++hotel) {
      PutHotel("acme", absl::StrCat("h", hotel), "Europe/Lisbon");
    }
  }
  ~IngestFixture() override { TearDown(); }

  v1::Feedback NextItem(int64_t n) const {
    v1::Feedback feedback;
    feedback.set_hotel(FormatHotelName("acme", absl::StrCat("h", n % kHotels)));
    feedback.set_source(v1::SOURCE_TRIPADVISOR);
    feedback.set_external_id(absl::StrCat("review-", n));
    feedback.mutable_author()->set_handle(
        absl::StrCat("guest", (n * 7919) % kAuthors));
    feedback.set_text(absl::StrCat(
        std::string(kReviews[n % std::size(kReviews)]), " (stay ", n, ")"));
    feedback.mutable_rating()->set_value(1 + n % 5);
    feedback.mutable_rating()->set_scale_min(1);
    feedback.mutable_rating()->set_scale_max(5);
    *feedback.mutable_post_time() = ToProtoTimestamp(
        clock_.Now() - absl::Hours(1 + (n * 37) % (24 * kDays)));
    return feedback;
  }

  FeedbackIngester Ingester() { return ingester(); }

 private:
  void TestBody() override {}
};

void BM_Ingest(benchmark::State& state) {
  IngestFixture fixture;
  const FeedbackIngester ingester = fixture.Ingester();
  int64_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const v1::Feedback item = fixture.NextItem(n++);
    state.ResumeTiming();
    absl::StatusOr<IngestOutcome> outcome = ingester.Ingest("acme", item);
    if (!outcome.ok() || outcome->duplicate) {
      state.SkipWithError("ingest failed");
      break;
    }
    benchmark::DoNotOptimize(outcome);
  }
}
BENCHMARK(BM_Ingest)->Unit(benchmark::kMicrosecond);
// The same 2,000 items every run: what a memtable insert costs grows with
// the items before it, so instruction counts compare across builds only for
// a fixed count (callgrind, as the header says, with
// --benchmark_filter=BM_Ingest/items:2000 and
// --toggle-collect='guestvoice::service::FeedbackIngester::Ingest(*': the
// instructions it reports over 2,000).
BENCHMARK(BM_Ingest)
    ->Name("BM_Ingest/items:2000")
    ->Iterations(2000)
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace guestvoice::service

BENCHMARK_MAIN();
