#include "service/api/grpc_status.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/absl_view.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "service/core/errors.h"
#include "service/core/proto_time.h"

namespace guestvoice::service {
namespace {

grpc::StatusCode ToGrpcCode(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return grpc::StatusCode::OK;
    case absl::StatusCode::kCancelled:
      return grpc::StatusCode::CANCELLED;
    case absl::StatusCode::kUnknown:
      return grpc::StatusCode::UNKNOWN;
    case absl::StatusCode::kInvalidArgument:
      return grpc::StatusCode::INVALID_ARGUMENT;
    case absl::StatusCode::kDeadlineExceeded:
      return grpc::StatusCode::DEADLINE_EXCEEDED;
    case absl::StatusCode::kNotFound:
      return grpc::StatusCode::NOT_FOUND;
    case absl::StatusCode::kAlreadyExists:
      return grpc::StatusCode::ALREADY_EXISTS;
    case absl::StatusCode::kPermissionDenied:
      return grpc::StatusCode::PERMISSION_DENIED;
    case absl::StatusCode::kResourceExhausted:
      return grpc::StatusCode::RESOURCE_EXHAUSTED;
    case absl::StatusCode::kFailedPrecondition:
      return grpc::StatusCode::FAILED_PRECONDITION;
    case absl::StatusCode::kAborted:
      return grpc::StatusCode::ABORTED;
    case absl::StatusCode::kOutOfRange:
      return grpc::StatusCode::OUT_OF_RANGE;
    case absl::StatusCode::kUnimplemented:
      return grpc::StatusCode::UNIMPLEMENTED;
    case absl::StatusCode::kInternal:
      return grpc::StatusCode::INTERNAL;
    case absl::StatusCode::kUnavailable:
      return grpc::StatusCode::UNAVAILABLE;
    case absl::StatusCode::kDataLoss:
      return grpc::StatusCode::DATA_LOSS;
    case absl::StatusCode::kUnauthenticated:
      return grpc::StatusCode::UNAUTHENTICATED;
    default:
      // absl::StatusCode reserves room for codes it may add (and asks
      // switches to use default for them); gRPC knows none of them.
      return grpc::StatusCode::UNKNOWN;
  }
}

// The reason an error without its own ErrorInfo is reported under.
v1::ErrorReason DefaultReason(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      return v1::ERROR_REASON_FIELD_INVALID;
    case absl::StatusCode::kNotFound:
      return v1::ERROR_REASON_RESOURCE_NOT_FOUND;
    case absl::StatusCode::kAlreadyExists:
      return v1::ERROR_REASON_RESOURCE_ALREADY_EXISTS;
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAborted:
      return v1::ERROR_REASON_FAILED_PRECONDITION;
    case absl::StatusCode::kResourceExhausted:
      return v1::ERROR_REASON_LIMIT_EXCEEDED;
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kCancelled:
    case absl::StatusCode::kDeadlineExceeded:
      return v1::ERROR_REASON_UNAVAILABLE;
    case absl::StatusCode::kUnauthenticated:
      return v1::ERROR_REASON_API_KEY_INVALID;
    case absl::StatusCode::kPermissionDenied:
      return v1::ERROR_REASON_SCOPE_MISSING;
    default:
      return v1::ERROR_REASON_INTERNAL;
  }
}

}  // namespace

google::rpc::Status ToRpcStatus(const absl::Status& status) {
  google::rpc::Status rpc_status;
  if (status.ok()) return rpc_status;
  absl::Status detailed = status;
  if (!detailed.GetPayload(AbslView(kErrorInfoTypeUrl)).has_value()) {
    detailed = WithErrorInfo(detailed, DefaultReason(detailed.code()));
  }
  rpc_status.set_code(static_cast<int>(ToGrpcCode(detailed.code())));
  rpc_status.set_message(
      CutForError(std::string(detailed.message()), kMaxErrorMessageBytes));
  detailed.ForEachPayload(
      [&](absl::string_view type_url, const absl::Cord& payload) {
        auto* any = rpc_status.add_details();
        any->set_type_url(std::string(type_url));
        any->set_value(std::string(payload));
      });
  return rpc_status;
}

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const google::rpc::Status rpc_status = ToRpcStatus(status);
  return grpc::Status(static_cast<grpc::StatusCode>(rpc_status.code()),
                      rpc_status.message(), rpc_status.SerializeAsString());
}

std::optional<std::string> RetryPushbackOf(const absl::Status& status) {
  if (status.ok()) return std::nullopt;
  const auto payload = status.GetPayload(AbslView(kRetryInfoTypeUrl));
  if (payload.has_value()) {
    google::rpc::RetryInfo retry;
    if (retry.ParseFromString(std::string(*payload))) {
      const absl::Duration delay = FromProtoDuration(retry.retry_delay());
      return absl::StrCat(std::max<int64_t>(
          0,
          absl::ToInt64Milliseconds(absl::Ceil(delay, absl::Milliseconds(1)))));
    }
  }
  if (status.code() == absl::StatusCode::kResourceExhausted) return "-1";
  return std::nullopt;
}

}  // namespace guestvoice::service
