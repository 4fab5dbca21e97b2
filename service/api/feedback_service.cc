#include "service/api/feedback_service.h"

#include <optional>
#include <string>

#include "analysis/feedback_analyzer.h"
#include "common/status_macros.h"
#include "service/api/grpc_status.h"
#include "service/api/import_reactor.h"
#include "service/api/unary_call.h"
#include "service/core/errors.h"
#include "service/core/resource_names.h"
#include "service/feedback/cases.h"
#include "service/feedback/filter.h"
#include "service/feedback/listing.h"
#include "service/feedback/names.h"
#include "service/feedback/records.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

absl::StatusOr<internal::v1::StoredFeedback> ReadFeedbackOrNotFound(
    const storage::Store& store, const FeedbackName& name,
    std::string_view resource_name) {
  ASSIGN_OR_RETURN(std::optional<internal::v1::StoredFeedback> item,
                   ReadStoredFeedback(store, name.organization, name.feedback));
  if (!item.has_value()) return ResourceNotFound(resource_name);
  return *std::move(item);
}

}  // namespace

FeedbackService::FeedbackService(ServiceDeps deps, FeedbackWatchers& watchers)
    : deps_(deps),
      watchers_(watchers),
      ingester_(deps.domain, watchers, analysis::FeedbackAnalyzer::Default()) {}

grpc::ServerUnaryReactor* FeedbackService::IngestFeedback(
    grpc::CallbackServerContext* context,
    const v1::IngestFeedbackRequest* request, v1::Feedback* response) {
  return RunUnary(context, deps_.authenticator, v1::SCOPE_FEEDBACK_WRITE,
                  [&](const Principal& caller) -> absl::Status {
                    return ingester_.Ingest(caller, *request, *response);
                  });
}

grpc::ServerReadReactor<v1::ImportFeedbackRequest>*
FeedbackService::ImportFeedback(grpc::CallbackServerContext* context,
                                v1::ImportFeedbackResponse* response) {
  return StartImport(context, deps_, ingester_, response);
}

grpc::ServerUnaryReactor* FeedbackService::GetFeedback(
    grpc::CallbackServerContext* context, const v1::GetFeedbackRequest* request,
    v1::Feedback* response) {
  return RunUnary(
      context, deps_.authenticator, v1::SCOPE_FEEDBACK_READ,
      [&](const Principal& principal) -> absl::Status {
        ASSIGN_OR_RETURN(FeedbackName name,
                         ParseFeedbackName("name", request->name()));
        RETURN_IF_ERROR(
            principal.RequireTenant(name.organization, request->name()));
        ASSIGN_OR_RETURN(
            internal::v1::StoredFeedback item,
            ReadFeedbackOrNotFound(deps_.domain.store, name, request->name()));
        *response = std::move(*item.mutable_feedback());
        return absl::OkStatus();
      });
}

grpc::ServerUnaryReactor* FeedbackService::ListFeedback(
    grpc::CallbackServerContext* context,
    const v1::ListFeedbackRequest* request,
    v1::ListFeedbackResponse* response) {
  return RunUnary(
      context, deps_.authenticator, v1::SCOPE_FEEDBACK_READ,
      [&](const Principal& principal) -> absl::Status {
        ASSIGN_OR_RETURN(
            FeedbackFilter filter,
            ParseFeedbackFilter({
                .parent = request->parent(),
                .hotel = request->hotel(),
                .source = request->source(),
                .band = request->band(),
                .aspect = request->aspect(),
                .case_state = request->case_state(),
                .start_time = request->has_start_time() ? &request->start_time()
                                                        : nullptr,
                .end_time =
                    request->has_end_time() ? &request->end_time() : nullptr,
            }));
        RETURN_IF_ERROR(
            principal.RequireTenant(filter.organization, request->parent()));
        RETURN_IF_ERROR(
            RequireFilterHotel(deps_.domain.store, filter, request->hotel()));
        return ListFeedbackPage(deps_.domain.store, filter, *request,
                                *response);
      });
}

grpc::ServerWriteReactor<v1::WatchFeedbackResponse>*
FeedbackService::WatchFeedback(grpc::CallbackServerContext* context,
                               const v1::WatchFeedbackRequest* request) {
  absl::StatusOr<FeedbackFilter> filter =
      [&]() -> absl::StatusOr<FeedbackFilter> {
    ASSIGN_OR_RETURN(
        Principal principal,
        deps_.authenticator.Authenticate(*context, v1::SCOPE_FEEDBACK_READ));
    ASSIGN_OR_RETURN(FeedbackFilter filter, ParseFeedbackFilter({
                                                .parent = request->parent(),
                                                .hotel = request->hotel(),
                                                .source = request->source(),
                                                .band = request->band(),
                                                .aspect = request->aspect(),
                                            }));
    RETURN_IF_ERROR(
        principal.RequireTenant(filter.organization, request->parent()));
    RETURN_IF_ERROR(
        RequireFilterHotel(deps_.domain.store, filter, request->hotel()));
    return filter;
  }();
  if (!filter.ok()) return RefuseWatch(filter.status());
  return watchers_.Watch(*std::move(filter));
}

grpc::ServerUnaryReactor* FeedbackService::UpdateFeedback(
    grpc::CallbackServerContext* context,
    const v1::UpdateFeedbackRequest* request, v1::Feedback* response) {
  return RunUnary(
      context, deps_.authenticator, v1::SCOPE_FEEDBACK_WRITE,
      [&](const Principal& principal) -> absl::Status {
        const std::string& resource_name = request->feedback().name();
        ASSIGN_OR_RETURN(FeedbackName name,
                         ParseFeedbackName("feedback.name", resource_name));
        RETURN_IF_ERROR(
            principal.RequireTenant(name.organization, resource_name));

        // Attribution rewrites items too; the reader side keeps it out.
        auto attribution_guard =
            deps_.domain.attribution_locks.LockShared(name.organization);
        auto guard = deps_.domain.locks.Lock(
            storage::FeedbackKey(name.organization, name.feedback));
        ASSIGN_OR_RETURN(
            internal::v1::StoredFeedback item,
            ReadFeedbackOrNotFound(deps_.domain.store, name, resource_name));
        const v1::CaseState old_state = item.feedback().case_().state();
        RETURN_IF_ERROR(ApplyCaseUpdate(*request, deps_.domain.clock.Now(),
                                        *item.mutable_feedback()));
        storage::WriteBatch batch;
        PutStoredFeedback(batch, name.organization, item);
        MoveCaseIndexEntry(batch, name.organization, item, old_state);
        RETURN_IF_ERROR(deps_.domain.store.Write(std::move(batch)));
        *response = std::move(*item.mutable_feedback());
        return absl::OkStatus();
      });
}

}  // namespace guestvoice::service
