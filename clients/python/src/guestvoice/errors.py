"""The google.rpc details guestvoice attaches to every error."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status


@dataclass
class ErrorDetails:
    """What a failed call said, decoded from its grpc-status-details-bin."""

    code: grpc.StatusCode
    message: str
    error_info: error_details_pb2.ErrorInfo | None = None
    bad_request: error_details_pb2.BadRequest | None = None
    # Details of other types, left packed for the caller.
    other: list[Any] = field(default_factory=list)

    @property
    def reason(self) -> str:
        """ErrorInfo.reason, for example "FIELD_INVALID"; "" without one."""
        return self.error_info.reason if self.error_info else ""

    def field_violations(self) -> dict[str, str]:
        """BadRequest's violations as {field: description}."""
        if self.bad_request is None:
            return {}
        return {v.field: v.description for v in self.bad_request.field_violations}


def error_details(error: grpc.RpcError) -> ErrorDetails:
    """Decodes the status details of ``error``, a failed call."""
    if not isinstance(error, grpc.Call):
        raise TypeError(f"{error!r} carries no gRPC status")
    details = ErrorDetails(code=error.code(), message=error.details() or "")
    status = rpc_status.from_call(error)
    if status is None:
        return details  # Transport errors (UNAVAILABLE, DEADLINE_EXCEEDED) have none.
    for any_detail in status.details:
        if any_detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            details.error_info = error_details_pb2.ErrorInfo()
            any_detail.Unpack(details.error_info)
        elif any_detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            details.bad_request = error_details_pb2.BadRequest()
            any_detail.Unpack(details.bad_request)
        else:
            details.other.append(any_detail)
    return details
