#include "service/cluster/apply_loop.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace guestvoice::service::cluster {
namespace {

// How long one Poll waits for a record: how soon Stop is noticed.
constexpr absl::Duration kPollWait = absl::Milliseconds(100);

}  // namespace

absl::StatusOr<std::unique_ptr<ApplyLoop>> ApplyLoop::Start(
    const ClusterOptions& options, CommandApplier& applier,
    AppliedProgress& progress, OnStopped on_stopped, absl::Duration timeout) {
  std::unique_ptr<ApplyLoop> loop(
      new ApplyLoop(applier, progress, std::move(on_stopped)));
  absl::StatusOr<std::unique_ptr<PartitionConsumer>> consumer =
      PartitionConsumer::CreateForAll(options, loop.get(), timeout);
  if (!consumer.ok()) return consumer.status();
  loop->consumer_ = *std::move(consumer);
  absl::StatusOr<std::map<int32_t, int64_t>> ends =
      loop->consumer_->EndOffsets(timeout);
  if (!ends.ok()) return ends.status();
  loop->end_offsets_at_start_ = *std::move(ends);
  loop->thread_ = std::thread([raw = loop.get()] { raw->Run(); });
  return loop;
}

ApplyLoop::ApplyLoop(CommandApplier& applier, AppliedProgress& progress,
                     OnStopped on_stopped)
    : applier_(applier),
      progress_(progress),
      on_stopped_(std::move(on_stopped)) {}

ApplyLoop::~ApplyLoop() { Stop(); }

void ApplyLoop::Stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  if (consumer_ != nullptr) consumer_->Close();
}

std::map<int32_t, int64_t> ApplyLoop::LastKnownEndOffsets() const {
  std::map<int32_t, int64_t> ends = end_offsets_at_start_;
  for (auto& [partition, end] : ends) {
    end = std::max(end, consumer_->LastKnownEndOffset(partition).value_or(0));
  }
  return ends;
}

absl::StatusOr<int64_t> ApplyLoop::OnAssigned(int32_t partition) {
  absl::StatusOr<int64_t> next = applier_.NextOffset(partition);
  if (next.ok()) progress_.Resumed(partition, *next);
  return next;
}

// Never called: every partition is assigned by hand, for good.
void ApplyLoop::OnRevoked(int32_t /*partition*/, bool /*lost*/) {}

void ApplyLoop::Run() {
  while (!stopping_) {
    absl::StatusOr<std::optional<CommandRecord>> polled =
        consumer_->Poll(kPollWait);
    if (!polled.ok()) {
      if (on_stopped_) on_stopped_(-1, polled.status());
      for (int32_t partition : consumer_->assigned()) {
        if (stopped_.count(partition) == 0) {
          stopped_.insert(partition);
          progress_.Stopped(partition, polled.status());
        }
      }
      return;
    }
    if (!polled->has_value()) continue;
    const CommandRecord& record = **polled;
    // Records fetched before the partition was paused.
    if (stopped_.count(record.partition) > 0) continue;
    absl::StatusOr<std::optional<AppliedCommand>> applied =
        applier_.Apply(record);
    if (!applied.ok()) {
      StopPartition(record.partition, applied.status());
      continue;
    }
    if (applied->has_value()) {
      progress_.Applied(record.partition, record.offset, **std::move(applied));
    }
  }
}

void ApplyLoop::StopPartition(int32_t partition, const absl::Status& reason) {
  stopped_.insert(partition);
  // Paused or not, nothing more of it is applied: the loop skips what the
  // consumer still returns of it.
  consumer_->Pause(partition).IgnoreError();
  // Reported (logged) before the waiters learn it.
  if (on_stopped_) on_stopped_(partition, reason);
  progress_.Stopped(partition, reason);
}

}  // namespace guestvoice::service::cluster
