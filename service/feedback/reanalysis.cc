#include "service/feedback/reanalysis.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "common/build_info.h"
#include "common/status_macros.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "service/core/crypto.h"
#include "service/core/errors.h"
#include "service/core/proto_records.h"
#include "service/core/proto_time.h"
#include "service/feedback/aggregates.h"
#include "service/feedback/analysis_record.h"
#include "service/feedback/attention_index.h"
#include "service/feedback/records.h"
#include "service/tenancy/operations.h"
#include "service/tenancy/organizations.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

absl::StatusOr<internal::v1::StoredFeedback> ParseItem(std::string_view value) {
  internal::v1::StoredFeedback item;
  RETURN_IF_ERROR(ParseStoredInto(value, item, "a feedback item"));
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

internal::v1::PreparedReanalysis FeedbackReanalysis::Prepare() const {
  internal::v1::PreparedReanalysis prepared;
  prepared.set_taxonomy_version(std::string(analyzer_.taxonomy().version()));
  prepared.set_analyzer_build(absl::StrCat(AbslView(GuestvoiceVersion()), "+",
                                           AbslView(GitRevision())));
  return prepared;
}

absl::Status FeedbackReanalysis::Start(
    const Principal& caller, const v1::ReanalyzeFeedbackRequest& request,
    v1::Operation& response) const {
  return Start(caller, request, Prepare(), response);
}

absl::Status FeedbackReanalysis::Start(
    const Principal& caller, const v1::ReanalyzeFeedbackRequest& request,
    const internal::v1::PreparedReanalysis& prepared,
    v1::Operation& response) const {
  ASSIGN_OR_RETURN(std::string organization,
                   ParseOrganizationName("parent", request.parent()));
  RETURN_IF_ERROR(AuthorizeOrganizationAdmin(deps_.store, caller, organization,
                                             request.parent()));
  // One re-analysis per organization and analyser at a time: while one
  // started by this build with this taxonomy is not done, starting another
  // returns it, as it re-scores every item just the same. Repeated calls
  // neither run the work twice nor queue the other organizations'
  // operations behind copies of it.
  auto guard = deps_.locks.Lock(storage::OperationPrefix(organization));
  ASSIGN_OR_RETURN(std::vector<internal::v1::StoredOperation> unfinished,
                   UnfinishedOperationsOf(deps_.store, organization));
  for (internal::v1::StoredOperation& stored : unfinished) {
    v1::Operation& operation = *stored.mutable_operation();
    if (operation.has_reanalyze_feedback() &&
        operation.reanalyze_feedback().taxonomy_version() ==
            prepared.taxonomy_version() &&
        stored.analyzer_build() == prepared.analyzer_build()) {
      response = std::move(operation);
      return absl::OkStatus();
    }
  }
  const absl::Time now = deps_.clock.Now();
  const OperationName name{organization, NewOperationId(now, deps_.ids)};
  internal::v1::StoredOperation stored;
  stored.set_analyzer_build(prepared.analyzer_build());
  v1::Operation& operation = *stored.mutable_operation();
  operation.set_name(FormatOperationName(name.organization, name.operation));
  *operation.mutable_create_time() = ToProtoTimestamp(now);
  *operation.mutable_update_time() = ToProtoTimestamp(now);
  operation.mutable_reanalyze_feedback()->set_taxonomy_version(
      prepared.taxonomy_version());
  storage::WriteBatch batch;
  PutStoredOperation(batch, name, stored);
  RETURN_IF_ERROR(deps_.store.Write(std::move(batch)));
  response = std::move(operation);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<internal::v1::ReanalysisBatchRequest>>
FeedbackReanalysis::PrepareBatch(const OperationName& name) const {
  ASSIGN_OR_RETURN(std::optional<internal::v1::StoredOperation> stored,
                   ReadStoredOperation(deps_.store, name));
  if (!stored.has_value() || stored->operation().done()) return std::nullopt;
  const std::string& organization = name.organization;
  internal::v1::ReanalysisBatchRequest batch;
  batch.set_operation(stored->operation().name());
  batch.set_after_feedback_id(stored->feedback_cursor());
  if (!stored->counted()) {
    ASSIGN_OR_RETURN(int64_t total, CountItems(deps_.store, organization));
    batch.set_total_count(total);
  }
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
        internal::v1::ReanalysedItem& next = *batch.add_items();
        next.set_feedback_id(std::string(FeedbackIdOf(feedback)));
        if (!feedback.text().empty()) {
          next.set_text_sha256(Sha256(feedback.text()));
          *next.mutable_analysis() = AnalyzeFeedbackText(
              analyzer_, feedback.text(), feedback.language_code());
        }
        return storage::ScanStep::kContinue;
      }));
  batch.set_last(batch.items_size() < items_per_batch_);
  return batch;
}

absl::Status FeedbackReanalysis::ApplyBatch(
    const internal::v1::ReanalysisBatchRequest& batch,
    v1::Operation& response) const {
  ASSIGN_OR_RETURN(OperationName name,
                   ParseOperationName("operation", batch.operation()));
  const std::string& organization = name.organization;
  std::vector<std::string> item_keys;
  item_keys.reserve(batch.items_size());
  for (const internal::v1::ReanalysedItem& item : batch.items()) {
    item_keys.push_back(storage::FeedbackKey(organization, item.feedback_id()));
  }
  // As a case update of each item: no attribution change moves the items'
  // contributions meanwhile, and no other writer rewrites them.
  auto attribution_guard = deps_.organization_locks.LockShared(organization);
  auto guard = deps_.locks.LockAll(item_keys);
  ASSIGN_OR_RETURN(std::optional<internal::v1::StoredOperation> stored,
                   ReadStoredOperation(deps_.store, name));
  if (!stored.has_value()) return ResourceNotFound(batch.operation());
  if (stored->operation().done() ||
      stored->feedback_cursor() != batch.after_feedback_id()) {
    return absl::AbortedError(
        absl::StrCat("the batch of ", batch.operation(), " continues after '",
                     batch.after_feedback_id(), "' but the operation is ",
                     stored->operation().done()
                         ? "done"
                         : absl::StrCat("at '", stored->feedback_cursor(), "'"),
                     ": prepare the next batch again"));
  }
  v1::Operation& operation = *stored->mutable_operation();
  v1::ReanalyzeFeedbackMetadata& progress =
      *operation.mutable_reanalyze_feedback();
  if (batch.has_total_count() && !stored->counted()) {
    progress.set_total_count(batch.total_count());
    stored->set_counted(true);
  }
  storage::WriteBatch writes;
  if (batch.error_code() != 0) {
    // absl status codes are google.rpc.Code's numbers.
    operation.mutable_error()->set_code(batch.error_code());
    operation.mutable_error()->set_message(batch.error_message());
    operation.set_done(true);
  } else {
    AggregateDeltas deltas{organization};
    for (const internal::v1::ReanalysedItem& next : batch.items()) {
      ASSIGN_OR_RETURN(
          std::optional<internal::v1::StoredFeedback> item,
          ReadStoredFeedback(deps_.store, organization, next.feedback_id()));
      progress.set_processed_count(progress.processed_count() + 1);
      // An empty text is a rating without words (nothing to score) or an
      // erasure's doing, as a changed one is: the text is gone.
      if (!item.has_value() || next.text_sha256().empty() ||
          item->feedback().text().empty() ||
          Sha256(item->feedback().text()) != next.text_sha256() ||
          SameAnalysis(item->feedback().analysis(), next.analysis())) {
        continue;
      }
      const std::string voice = VoiceOf(*item);
      deltas.Add(*item, voice, -1);
      DeleteNegativeQuotes(writes, organization, *item);
      DeleteAttentionEntry(writes, organization, *item);
      *item->mutable_feedback()->mutable_analysis() = next.analysis();
      deltas.Add(*item, voice, +1);
      PutNegativeQuotes(writes, organization, *item);
      PutAttentionEntry(writes, organization, *item);
      PutStoredFeedback(writes, organization, *item);
      progress.set_changed_count(progress.changed_count() + 1);
    }
    deltas.AppendTo(writes);
    if (!batch.items().empty()) {
      stored->set_feedback_cursor(
          batch.items(batch.items_size() - 1).feedback_id());
    }
    operation.set_done(batch.last());
  }
  *operation.mutable_update_time() = ToProtoTimestamp(deps_.clock.Now());
  PutStoredOperation(writes, name, *stored);
  RETURN_IF_ERROR(deps_.store.Write(std::move(writes)));
  response = operation;
  return absl::OkStatus();
}

absl::StatusOr<bool> FeedbackReanalysis::RunBatch(
    const OperationName& name) const {
  ASSIGN_OR_RETURN(std::optional<internal::v1::ReanalysisBatchRequest> batch,
                   PrepareBatch(name));
  if (!batch.has_value()) return true;
  v1::Operation operation;
  RETURN_IF_ERROR(ApplyBatch(*batch, operation));
  return operation.done();
}

}  // namespace guestvoice::service
