#include "service/feedback/reanalysis.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/status_macros.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "service/core/proto_time.h"
#include "service/feedback/aggregates.h"
#include "service/feedback/analysis_record.h"
#include "service/feedback/records.h"
#include "service/tenancy/operations.h"
#include "service/tenancy/organizations.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

// One item of a batch as analysed before the locks: the text analysed, so
// that an item erased meanwhile is recognised and left alone.
struct Reanalysed {
  std::string feedback_id;
  std::string text;
  v1::FeedbackAnalysis analysis;
};

absl::StatusOr<internal::v1::StoredFeedback> ParseItem(std::string_view value) {
  internal::v1::StoredFeedback item;
  if (!item.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
    return absl::DataLossError("a stored feedback item is unreadable");
  }
  return item;
}

absl::StatusOr<int64_t> CountItems(const storage::Store& store,
                                   std::string_view organization) {
  int64_t count = 0;
  RETURN_IF_ERROR(store.Scan(storage::ColumnFamily::kFeedback,
                             storage::FeedbackPrefix(organization), "", 0,
                             [&](std::string_view, std::string_view) {
                               ++count;
                               return storage::ScanStep::kContinue;
                             }));
  return count;
}

bool SameAnalysis(const v1::FeedbackAnalysis& a,
                  const v1::FeedbackAnalysis& b) {
  return a.SerializeAsString() == b.SerializeAsString();
}

}  // namespace

absl::Status FeedbackReanalysis::Start(
    const Principal& caller, const v1::ReanalyzeFeedbackRequest& request,
    v1::Operation& response) const {
  ASSIGN_OR_RETURN(std::string organization,
                   ParseOrganizationName("parent", request.parent()));
  RETURN_IF_ERROR(AuthorizeOrganizationAdmin(deps_.store, caller, organization,
                                             request.parent()));
  const absl::Time now = deps_.clock.Now();
  const OperationName name{organization, NewOperationId(now, deps_.ids)};
  internal::v1::StoredOperation stored;
  v1::Operation& operation = *stored.mutable_operation();
  operation.set_name(FormatOperationName(name.organization, name.operation));
  *operation.mutable_create_time() = ToProtoTimestamp(now);
  *operation.mutable_update_time() = ToProtoTimestamp(now);
  operation.mutable_reanalyze_feedback()->set_taxonomy_version(
      std::string(analyzer_.taxonomy().version()));
  storage::WriteBatch batch;
  PutStoredOperation(batch, name, stored);
  RETURN_IF_ERROR(deps_.store.Write(std::move(batch)));
  response = std::move(operation);
  return absl::OkStatus();
}

absl::StatusOr<bool> FeedbackReanalysis::RunBatch(
    const OperationName& name) const {
  ASSIGN_OR_RETURN(std::optional<internal::v1::StoredOperation> stored,
                   ReadStoredOperation(deps_.store, name));
  if (!stored.has_value() || stored->operation().done()) return true;
  const std::string& organization = name.organization;
  v1::ReanalyzeFeedbackMetadata& progress =
      *stored->mutable_operation()->mutable_reanalyze_feedback();
  if (!stored->counted()) {
    ASSIGN_OR_RETURN(int64_t total, CountItems(deps_.store, organization));
    progress.set_total_count(total);
    stored->set_counted(true);
  }

  std::vector<Reanalysed> analysed;
  const std::string start_after =
      stored->feedback_cursor().empty()
          ? ""
          : storage::FeedbackKey(organization, stored->feedback_cursor());
  RETURN_IF_ERROR(deps_.store.Scan(
      storage::ColumnFamily::kFeedback, storage::FeedbackPrefix(organization),
      start_after, items_per_batch_,
      [&](std::string_view,
          std::string_view value) -> absl::StatusOr<storage::ScanStep> {
        ASSIGN_OR_RETURN(internal::v1::StoredFeedback item, ParseItem(value));
        const v1::Feedback& feedback = item.feedback();
        Reanalysed& next = analysed.emplace_back();
        next.feedback_id = std::string(FeedbackIdOf(feedback));
        next.text = feedback.text();
        if (!next.text.empty()) {
          next.analysis = AnalyzeFeedbackText(analyzer_, next.text,
                                              feedback.language_code());
        }
        return storage::ScanStep::kContinue;
      }));
  const bool done = static_cast<int64_t>(analysed.size()) < items_per_batch_;

  std::vector<std::string> item_keys;
  item_keys.reserve(analysed.size());
  for (const Reanalysed& item : analysed) {
    item_keys.push_back(storage::FeedbackKey(organization, item.feedback_id));
  }
  // As a case update of each item: no attribution change moves the items'
  // contributions meanwhile, and no other writer rewrites them.
  auto attribution_guard = deps_.attribution_locks.LockShared(organization);
  auto guard = deps_.locks.LockAll(item_keys);
  storage::WriteBatch batch;
  AggregateDeltas deltas{organization};
  for (Reanalysed& next : analysed) {
    ASSIGN_OR_RETURN(
        std::optional<internal::v1::StoredFeedback> item,
        ReadStoredFeedback(deps_.store, organization, next.feedback_id));
    progress.set_processed_count(progress.processed_count() + 1);
    // An empty or changed text is an erasure's doing: the text is gone.
    if (!item.has_value() || next.text.empty() ||
        item->feedback().text() != next.text ||
        SameAnalysis(item->feedback().analysis(), next.analysis)) {
      continue;
    }
    const std::string voice = VoiceOf(*item);
    deltas.Add(*item, voice, -1);
    DeleteNegativeQuotes(batch, organization, *item);
    *item->mutable_feedback()->mutable_analysis() = std::move(next.analysis);
    deltas.Add(*item, voice, +1);
    PutNegativeQuotes(batch, organization, *item);
    PutStoredFeedback(batch, organization, *item);
    progress.set_changed_count(progress.changed_count() + 1);
  }
  deltas.AppendTo(batch);
  if (!analysed.empty()) {
    stored->set_feedback_cursor(analysed.back().feedback_id);
  }
  v1::Operation& operation = *stored->mutable_operation();
  operation.set_done(done);
  *operation.mutable_update_time() = ToProtoTimestamp(deps_.clock.Now());
  PutStoredOperation(batch, name, *stored);
  RETURN_IF_ERROR(deps_.store.Write(std::move(batch)));
  return done;
}

}  // namespace guestvoice::service
