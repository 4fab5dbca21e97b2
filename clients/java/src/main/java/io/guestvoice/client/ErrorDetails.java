package io.guestvoice.client;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The status code, message and google.rpc details of a failed call. */
public record ErrorDetails(
    Status.Code code, String message, Optional<ErrorInfo> errorInfo, Optional<BadRequest> badRequest) {

  /** Decodes a StatusRuntimeException (or any throwable carrying a gRPC status). */
  public static ErrorDetails from(Throwable error) {
    Status status = Status.fromThrowable(error);
    Optional<ErrorInfo> errorInfo = Optional.empty();
    Optional<BadRequest> badRequest = Optional.empty();
    com.google.rpc.Status details = StatusProto.fromThrowable(error);
    if (details != null) {
      for (Any any : details.getDetailsList()) {
        try {
          if (any.is(ErrorInfo.class)) {
            errorInfo = Optional.of(any.unpack(ErrorInfo.class));
          } else if (any.is(BadRequest.class)) {
            badRequest = Optional.of(any.unpack(BadRequest.class));
          }
        } catch (InvalidProtocolBufferException e) {
          // A detail that does not parse is left out; the code and message stand.
        }
      }
    }
    return new ErrorDetails(
        status.getCode(), status.getDescription() == null ? "" : status.getDescription(),
        errorInfo, badRequest);
  }

  /** ErrorInfo.reason, for example "FIELD_INVALID"; "" without one. */
  public String reason() {
    return errorInfo.map(ErrorInfo::getReason).orElse("");
  }

  /** BadRequest's violations as field to description, in order. */
  public Map<String, String> fieldViolations() {
    Map<String, String> violations = new LinkedHashMap<>();
    badRequest.ifPresent(b -> b.getFieldViolationsList()
        .forEach(v -> violations.put(v.getField(), v.getDescription())));
    return violations;
  }
}
