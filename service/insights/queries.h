#ifndef GUESTVOICE_SERVICE_INSIGHTS_QUERIES_H_
#define GUESTVOICE_SERVICE_INSIGHTS_QUERIES_H_

// The aggregate-only insight queries, as functions of the store so that the
// service, tests and benchmarks run the same code. Each reads one snapshot of
// the pre-aggregates (and the quote index); none reads raw feedback.
// Arguments are validated by the caller, except what depends on the data
// (bucket counts), which comes back as INVALID_ARGUMENT.

#include <cstddef>
#include <string_view>

#include "absl/status/statusor.h"
#include "guestvoice/v1/insight_service.pb.h"
#include "service/core/call_cancellation.h"
#include "service/insights/interval.h"
#include "service/insights/scope.h"
#include "storage/store.h"

namespace guestvoice::service {

// Trends have at most this many buckets.
inline constexpr int64_t kMaxTrendBuckets = 1000;
// Top issues carry at most this many quotes each.
inline constexpr size_t kQuotesPerIssue = 3;

absl::StatusOr<v1::HotelSummary> ComputeHotelSummary(
    const storage::Store& store, std::string_view organization,
    const ScopeHotel& hotel, const TimeBounds& bounds);

absl::StatusOr<v1::SentimentTrend> ComputeSentimentTrend(
    const storage::Store& store, const InsightScope& scope,
    const TimeBounds& bounds, v1::Granularity granularity,
    std::string_view aspect, const CallCancellation& cancellation);

absl::StatusOr<v1::ListTopIssuesResponse> ComputeTopIssues(
    const storage::Store& store, const InsightScope& scope,
    const TimeBounds& bounds, size_t limit,
    const CallCancellation& cancellation);

absl::StatusOr<v1::CompareHotelsResponse> ComputeHotelComparison(
    const storage::Store& store, const InsightScope& scope,
    const TimeBounds& bounds, std::string_view aspect,
    const CallCancellation& cancellation);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_INSIGHTS_QUERIES_H_
