"""A channel to guestvoice that sends the API key and retries safely."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from collections.abc import Callable, Sequence
from typing import Any

import grpc

from guestvoice.limits import WaitWhenLimited
from guestvoice.v1 import (
    admin_service_pb2_grpc,
    feedback_service_pb2_grpc,
    hotel_service_pb2_grpc,
    insight_service_pb2_grpc,
    loyalty_service_pb2_grpc,
)

# gRPC retries resend the very same request message, so a request_id set once
# by the caller is reused by every attempt and the server answers a retried
# create with the first result (AIP-155). Only UNAVAILABLE is retried: it is
# the code guestvoice uses for "nothing happened, try again".
_SERVICE_CONFIG = json.dumps({
    "methodConfig": [{
        "name": [{"service": f"guestvoice.v1.{service}"} for service in (
            "AdminService", "HotelService", "FeedbackService", "LoyaltyService",
            "InsightService")],
        "retryPolicy": {
            "maxAttempts": 4,
            "initialBackoff": "0.1s",
            "maxBackoff": "2s",
            "backoffMultiplier": 2,
            "retryableStatusCodes": ["UNAVAILABLE"],
        },
    }],
})


def new_request_id() -> str:
    """A fresh request_id for a create call; reuse it to retry that call."""
    return str(uuid.uuid4())


class _BearerKey(grpc.UnaryUnaryClientInterceptor, grpc.UnaryStreamClientInterceptor,
                 grpc.StreamUnaryClientInterceptor, grpc.StreamStreamClientInterceptor):
    """Adds ``authorization: Bearer <key>`` to every call.

    An interceptor rather than call credentials, because gRPC only sends call
    credentials over TLS and a server on loopback may be plaintext.
    """

    def __init__(self, api_key: str) -> None:
        self._header = ("authorization", f"Bearer {api_key}")

    def _with_key(self, details: Any) -> Any:
        metadata = list(details.metadata or []) + [self._header]
        return details._replace(metadata=metadata)

    def intercept_unary_unary(self, continuation: Callable[..., Any], details: Any, request: Any) -> Any:
        return continuation(self._with_key(details), request)

    def intercept_unary_stream(self, continuation: Callable[..., Any], details: Any, request: Any) -> Any:
        return continuation(self._with_key(details), request)

    def intercept_stream_unary(self, continuation: Callable[..., Any], details: Any, requests: Any) -> Any:
        return continuation(self._with_key(details), requests)

    def intercept_stream_stream(self, continuation: Callable[..., Any], details: Any, requests: Any) -> Any:
        return continuation(self._with_key(details), requests)


@dataclass
class Client:
    """One channel and a stub per guestvoice service. Close it when done."""

    channel: grpc.Channel
    admin: admin_service_pb2_grpc.AdminServiceStub
    hotels: hotel_service_pb2_grpc.HotelServiceStub
    feedback: feedback_service_pb2_grpc.FeedbackServiceStub
    loyalty: loyalty_service_pb2_grpc.LoyaltyServiceStub
    insights: insight_service_pb2_grpc.InsightServiceStub

    def close(self) -> None:
        self.channel.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect(target: str, api_key: str, *, tls: bool = True,
            root_certificates: bytes | None = None,
            interceptors: Sequence[Any] = ()) -> Client:
    """Connects to guestvoice at ``target`` (``host:port``).

    TLS is the default; pass ``tls=False`` only for a plaintext server on
    loopback. ``root_certificates`` (PEM) replaces the system roots, for a
    server with a private CA. A blocking unary call the server refuses for a
    limit (a key's rate limit, say) is sent again after the delay the server
    names, within the call's timeout (``guestvoice.limits``).
    ``interceptors`` (grpc client interceptors, for logging or tracing) run
    before the API key is added, so they never see it.
    """
    options = [("grpc.service_config", _SERVICE_CONFIG), ("grpc.enable_retries", 1)]
    if tls:
        credentials = grpc.ssl_channel_credentials(root_certificates=root_certificates)
        channel = grpc.secure_channel(target, credentials, options=options)
    else:
        channel = grpc.insecure_channel(target, options=options)
    channel = grpc.intercept_channel(channel, *interceptors, WaitWhenLimited(), _BearerKey(api_key))
    return Client(
        channel=channel,
        admin=admin_service_pb2_grpc.AdminServiceStub(channel),
        hotels=hotel_service_pb2_grpc.HotelServiceStub(channel),
        feedback=feedback_service_pb2_grpc.FeedbackServiceStub(channel),
        loyalty=loyalty_service_pb2_grpc.LoyaltyServiceStub(channel),
        insights=insight_service_pb2_grpc.InsightServiceStub(channel),
    )
