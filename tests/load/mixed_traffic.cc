#include "tests/load/mixed_traffic.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <atomic>
#include <random>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "guestvoice/v1/insight_service.grpc.pb.h"
#include "tests/testing/client_calls.h"
#include "tests/testing/sample_requests.h"

namespace guestvoice::load {
namespace {

using testing::CallContext;
using testing::FromGrpc;

constexpr int kImportItems = 10;
// Post times and insight intervals: the last 30 days.
constexpr absl::Duration kHistory = absl::Hours(24 * 30);

// The weights of the unary mix, in percent.
enum class Call { kIngest, kImport, kGet, kList, kSummary, kTopIssues };
constexpr std::pair<Call, int> kMix[] = {
    {Call::kIngest, 35}, {Call::kImport, 5},   {Call::kGet, 25},
    {Call::kList, 10},   {Call::kSummary, 15}, {Call::kTopIssues, 10}};

google::type::Interval LastDays() {
  google::type::Interval interval;
  const absl::Time now = absl::Now();
  interval.mutable_start_time()->set_seconds(
      absl::ToUnixSeconds(now - kHistory));
  interval.mutable_end_time()->set_seconds(absl::ToUnixSeconds(now));
  return interval;
}

// One unary caller: its stubs, ids and randomness.
class Caller {
 public:
  Caller(const Target& target, const std::shared_ptr<grpc::Channel>& channel,
         int index, uint64_t seed)
      : target_(target),
        feedback_(v1::FeedbackService::NewStub(channel)),
        insights_(v1::InsightService::NewStub(channel)),
        prefix_(absl::StrCat("load-", index)),
        random_(seed) {}

  void RunUntil(absl::Time until, Latencies& latencies) {
    while (absl::Now() < until) {
      const Call call = Pick();
      const absl::Time start = absl::Now();
      const absl::Status status = Send(call);
      latencies.Record(Name(call), absl::Now() - start, status);
    }
  }

 private:
  Call Pick() {
    int roll = static_cast<int>(random_() % 100);
    for (const auto& [call, weight] : kMix) {
      if (roll < weight) return call;
      roll -= weight;
    }
    return Call::kIngest;
  }

  static std::string Name(Call call) {
    switch (call) {
      case Call::kIngest:
        return "IngestFeedback";
      case Call::kImport:
        return "ImportFeedback";
      case Call::kGet:
        return "GetFeedback";
      case Call::kList:
        return "ListFeedback";
      case Call::kSummary:
        return "GetHotelSummary";
      case Call::kTopIssues:
        return "ListTopIssues";
    }
    return "";
  }

  template <typename T>
  const T& AnyOf(const std::vector<T>& values) {
    return values[random_() % values.size()];
  }

  v1::Feedback NewFeedback() {
    return testing::SampleFeedback(
        AnyOf(target_.hotels), absl::StrCat(prefix_, "-", next_id_++),
        static_cast<int>(random_() % 4),
        absl::Now() - kHistory * static_cast<double>(random_() % 1000) / 1000);
  }

  absl::Status Send(Call call) {
    const std::unique_ptr<grpc::ClientContext> context =
        CallContext(target_.key);
    switch (call) {
      case Call::kIngest: {
        v1::IngestFeedbackRequest request;
        request.set_parent(testing::kDefaultOrganization);
        *request.mutable_feedback() = NewFeedback();
        v1::Feedback stored;
        return FromGrpc(
            feedback_->IngestFeedback(context.get(), request, &stored));
      }
      case Call::kImport: {
        v1::ImportFeedbackResponse response;
        auto stream = feedback_->ImportFeedback(context.get(), &response);
        for (int i = 0; i < kImportItems; ++i) {
          v1::ImportFeedbackRequest item;
          item.set_parent(testing::kDefaultOrganization);
          *item.mutable_feedback() = NewFeedback();
          if (!stream->Write(item)) break;
        }
        stream->WritesDone();
        const absl::Status status = FromGrpc(stream->Finish());
        if (status.ok() && response.ingested_count() != kImportItems) {
          return absl::InternalError(absl::StrCat("ImportFeedback ingested ",
                                                  response.ingested_count(),
                                                  " of ", kImportItems));
        }
        return status;
      }
      case Call::kGet: {
        v1::GetFeedbackRequest request;
        request.set_name(AnyOf(target_.feedback_names));
        v1::Feedback feedback;
        return FromGrpc(
            feedback_->GetFeedback(context.get(), request, &feedback));
      }
      case Call::kList: {
        v1::ListFeedbackRequest request;
        request.set_parent(testing::kDefaultOrganization);
        request.set_hotel(AnyOf(target_.hotels));
        request.set_page_size(50);
        v1::ListFeedbackResponse page;
        return FromGrpc(feedback_->ListFeedback(context.get(), request, &page));
      }
      case Call::kSummary: {
        v1::GetHotelSummaryRequest request;
        request.set_hotel(AnyOf(target_.hotels));
        *request.mutable_interval() = LastDays();
        v1::HotelSummary summary;
        return FromGrpc(
            insights_->GetHotelSummary(context.get(), request, &summary));
      }
      case Call::kTopIssues: {
        v1::ListTopIssuesRequest request;
        request.set_scope(testing::kDefaultOrganization);
        *request.mutable_interval() = LastDays();
        v1::ListTopIssuesResponse issues;
        return FromGrpc(
            insights_->ListTopIssues(context.get(), request, &issues));
      }
    }
    return absl::InternalError("unknown call");
  }

  const Target& target_;
  std::unique_ptr<v1::FeedbackService::Stub> feedback_;
  std::unique_ptr<v1::InsightService::Stub> insights_;
  std::string prefix_;
  std::mt19937_64 random_;
  int64_t next_id_ = 0;
};

// Reads a WatchFeedback stream of the whole organization until `until`,
// when its deadline ends it. A stream's lifetime is no latency: only a
// stream that ends otherwise is recorded, as an error.
void Watch(const Target& target, const std::shared_ptr<grpc::Channel>& channel,
           absl::Time until, Latencies& latencies, std::atomic<int64_t>& held,
           std::atomic<int64_t>& events, std::atomic<int64_t>& missed) {
  auto stub = v1::FeedbackService::NewStub(channel);
  const std::unique_ptr<grpc::ClientContext> context =
      CallContext(target.key, until - absl::Now());
  v1::WatchFeedbackRequest request;
  request.set_parent(testing::kDefaultOrganization);
  const absl::Time start = absl::Now();
  auto stream = stub->WatchFeedback(context.get(), request);
  for (v1::WatchFeedbackResponse event; stream->Read(&event);) {
    ++events;
    missed += event.missed_count();
  }
  const absl::Status status = FromGrpc(stream->Finish());
  if (absl::IsDeadlineExceeded(status)) {
    ++held;
  } else {
    latencies.Record(
        "WatchFeedback", absl::Now() - start,
        status.ok() ? absl::InternalError("the stream ended early") : status);
  }
}

}  // namespace

Latencies RunMixedTraffic(const Target& target, const TrafficShape& shape,
                          absl::Time until, WatchTotals& watched) {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < shape.connections; ++i) {
    // Distinct arguments keep gRPC from sharing one connection.
    grpc::ChannelArguments arguments;
    arguments.SetInt("guestvoice.load.connection", i);
    channels.push_back(grpc::CreateCustomChannel(
        target.address, grpc::InsecureChannelCredentials(), arguments));
  }
  // Every channel connected before its callers start: an attempt that fails on
  // a busy machine puts its channel into reconnect backoff (a second or more),
  // and every call of a smoke run's few seconds would fail fast on it.
  for (const auto& channel : channels) {
    channel->WaitForConnected(absl::ToChronoTime(until));
  }
  std::vector<Latencies> per_caller(shape.callers);
  std::atomic<int64_t> held{0}, events{0}, missed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < shape.callers; ++i) {
    const auto& channel = channels[i % channels.size()];
    if (i < shape.watchers) {
      threads.emplace_back([&, i, channel] {
        Watch(target, channel, until, per_caller[i], held, events, missed);
      });
    } else {
      threads.emplace_back([&, i, channel] {
        Caller(target, channel, i, shape.seed + i)
            .RunUntil(until, per_caller[i]);
      });
    }
  }
  for (std::thread& thread : threads) thread.join();
  Latencies all;
  for (const Latencies& latencies : per_caller) all.Merge(latencies);
  watched = {.streams = held, .events = events, .missed = missed};
  return all;
}

}  // namespace guestvoice::load
