#include "service/core/errors.h"

#include <optional>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/absl_view.h"
#include "common/utf8.h"
#include "google/rpc/error_details.pb.h"
#include "service/core/proto_time.h"

namespace guestvoice::service {

std::string CutForError(std::string text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  const size_t total = text.size();
  text.resize(utf8::TruncateAtBoundary(text, max_bytes).size());
  absl::StrAppend(&text, "... (", total, " bytes)");
  return text;
}

std::string ReasonString(v1::ErrorReason reason) {
  return std::string(
      absl::StripPrefix(v1::ErrorReason_Name(reason), "ERROR_REASON_"));
}

absl::Status WithErrorInfo(
    absl::Status status, v1::ErrorReason reason,
    std::vector<std::pair<std::string, std::string>> metadata) {
  if (status.ok()) return status;
  google::rpc::ErrorInfo info;
  info.set_reason(ReasonString(reason));
  info.set_domain(std::string(kErrorDomain));
  for (auto& [key, value] : metadata) {
    (*info.mutable_metadata())[key] = CutForError(std::move(value));
  }
  status.SetPayload(AbslView(kErrorInfoTypeUrl),
                    absl::Cord(info.SerializeAsString()));
  return status;
}

namespace {

// INVALID_ARGUMENT with `reason` and a BadRequest listing `violations`.
absl::Status BadRequestStatus(
    v1::ErrorReason reason,
    const std::vector<std::pair<std::string, std::string>>& violations) {
  google::rpc::BadRequest bad_request;
  std::string message = "invalid request: ";
  for (size_t i = 0; i < violations.size(); ++i) {
    const std::string field = CutForError(violations[i].first);
    const std::string description = CutForError(violations[i].second);
    auto* violation = bad_request.add_field_violations();
    violation->set_field(field);
    violation->set_description(description);
    absl::StrAppend(&message, i == 0 ? "" : "; ", field, ": ", description);
  }
  absl::Status status =
      WithErrorInfo(absl::InvalidArgumentError(message), reason);
  status.SetPayload(AbslView(kBadRequestTypeUrl),
                    absl::Cord(bad_request.SerializeAsString()));
  return status;
}

}  // namespace

void FieldViolations::Add(std::string field, std::string description) {
  violations_.emplace_back(std::move(field), std::move(description));
}

void FieldViolations::AddAll(const absl::Status& status) {
  if (status.ok()) return;
  google::rpc::BadRequest bad_request;
  const auto payload = status.GetPayload(AbslView(kBadRequestTypeUrl));
  if (!payload.has_value() ||
      !bad_request.ParseFromString(std::string(*payload))) {
    Add("", std::string(status.message()));
    return;
  }
  for (const auto& violation : bad_request.field_violations()) {
    Add(violation.field(), violation.description());
  }
}

absl::Status FieldViolations::ToStatus() const {
  if (violations_.empty()) return absl::OkStatus();
  return BadRequestStatus(v1::ERROR_REASON_FIELD_INVALID, violations_);
}

absl::Status InvalidField(std::string field, std::string description) {
  return BadRequestStatus(v1::ERROR_REASON_FIELD_INVALID,
                          {{std::move(field), std::move(description)}});
}

absl::Status PageTokenInvalid() {
  return BadRequestStatus(
      v1::ERROR_REASON_PAGE_TOKEN_INVALID,
      {{"page_token", "not issued by this method for this request"}});
}

absl::Status RequestIdReused(std::string_view request_id) {
  return WithErrorInfo(absl::InvalidArgumentError(absl::StrCat(
                           "request_id ", AbslView(request_id),
                           " was already used for another request")),
                       v1::ERROR_REASON_REQUEST_ID_REUSED,
                       {{"request_id", std::string(request_id)}});
}

absl::Status ResourceNotFound(std::string_view resource_name) {
  return WithErrorInfo(
      absl::NotFoundError(absl::StrCat(AbslView(resource_name), " not found")),
      v1::ERROR_REASON_RESOURCE_NOT_FOUND,
      {{"resource", std::string(resource_name)}});
}

absl::Status ResourceNotFound(std::string_view collection,
                              std::string_view message) {
  return WithErrorInfo(absl::NotFoundError(AbslView(message)),
                       v1::ERROR_REASON_RESOURCE_NOT_FOUND,
                       {{"resource", std::string(collection)}});
}

absl::Status ResourceAlreadyExists(std::string_view resource_name) {
  return ResourceAlreadyExists(
      resource_name, absl::StrCat(AbslView(resource_name), " already exists"));
}

absl::Status ResourceAlreadyExists(std::string_view resource_name,
                                   std::string_view message) {
  return WithErrorInfo(absl::AlreadyExistsError(AbslView(message)),
                       v1::ERROR_REASON_RESOURCE_ALREADY_EXISTS,
                       {{"resource", std::string(resource_name)}});
}

absl::Status Unauthenticated(v1::ErrorReason reason, std::string_view message) {
  return WithErrorInfo(absl::UnauthenticatedError(AbslView(message)), reason);
}

absl::Status ScopeMissing(v1::Scope required) {
  const std::string scope = v1::Scope_Name(required);
  return WithErrorInfo(absl::PermissionDeniedError(
                           absl::StrCat("the API key lacks the scope ", scope)),
                       v1::ERROR_REASON_SCOPE_MISSING,
                       {{"required_scope", scope}});
}

absl::Status PreconditionFailed(std::string_view message) {
  return WithErrorInfo(absl::FailedPreconditionError(AbslView(message)),
                       v1::ERROR_REASON_FAILED_PRECONDITION);
}

absl::Status LimitExceeded(std::string_view message,
                           absl::Duration retry_after) {
  return WithRetryInfo(
      WithErrorInfo(absl::ResourceExhaustedError(AbslView(message)),
                    v1::ERROR_REASON_LIMIT_EXCEEDED),
      retry_after);
}

absl::Status WithRetryInfo(absl::Status status, absl::Duration retry_after) {
  if (status.ok()) return status;
  google::rpc::RetryInfo retry;
  *retry.mutable_retry_delay() = ToProtoDuration(retry_after);
  status.SetPayload(AbslView(kRetryInfoTypeUrl),
                    absl::Cord(retry.SerializeAsString()));
  return status;
}

}  // namespace guestvoice::service
