"""Waiting out guestvoice's refusals for a limit, as the Go client does.

guestvoice refuses a call it cannot take now (the API key's rate limit, a
full write stage) with RESOURCE_EXHAUSTED and a google.rpc.RetryInfo, before
doing anything, so sending the same request again after the delay it names
is safe for every method. gRPC's own retry policy cannot do this: it retries
every RESOURCE_EXHAUSTED or none, and ignores RetryInfo.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status

# How long one call waits in all while the server keeps refusing it, so a
# server that never admits it cannot hold a caller without a deadline for ever.
MAX_WAIT_S = 60.0
# The largest random part of one wait (LimitBackoff.wait).
MAX_SPREAD_S = 1.0


def limit_delay(error: BaseException | None) -> float | None:
    """The delay, in seconds, a refusal for a limit asks for; None for any
    other outcome."""
    if not isinstance(error, grpc.Call) or error.code() != grpc.StatusCode.RESOURCE_EXHAUSTED:
        return None
    status = rpc_status.from_call(error)
    if status is None:
        return None
    for detail in status.details:
        if detail.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
            info = error_details_pb2.RetryInfo()
            detail.Unpack(info)
            seconds: float = info.retry_delay.ToTimedelta().total_seconds()
            return seconds
    return None


class LimitBackoff:
    """Waits out the refusals of one call."""

    def __init__(self) -> None:
        self._refusals = 0
        self._waited = 0.0

    def wait(self, delay: float, deadline: float | None) -> bool:
        """Sleeps after a refusal that asked for ``delay`` seconds and says
        whether to try again; ``deadline`` is the call's, on time.monotonic().

        It waits at least ``delay``: when the server can take one more call,
        so callers refused together would come back together and all but one
        be refused again. Each wait adds a random part that doubles with every
        refusal (up to MAX_SPREAD_S), as exponential backoff with jitter does.
        It returns False at once when the deadline or MAX_WAIT_S in all would
        pass first.
        """
        spread = min(max(delay, 0.001) * 2 ** min(self._refusals, 20), MAX_SPREAD_S)
        wait = delay + random.uniform(0, spread)
        self._refusals += 1
        if (deadline is not None and deadline - time.monotonic() < wait) \
                or self._waited + wait > MAX_WAIT_S:
            return False
        time.sleep(wait)
        self._waited += wait
        return True


class WaitWhenLimited(grpc.UnaryUnaryClientInterceptor):
    """Sends a blocking unary call again after a refusal for a limit.

    A call made with ``.future()`` that has not finished when the interceptor
    sees it is returned as it is: waiting would block its caller.
    """

    def intercept_unary_unary(self, continuation: Callable[..., Any], details: Any, request: Any) -> Any:
        deadline = None if details.timeout is None else time.monotonic() + details.timeout
        backoff = LimitBackoff()
        while True:
            outcome = continuation(details, request)
            if not outcome.done():
                return outcome
            delay = limit_delay(outcome.exception())
            if delay is None or not backoff.wait(delay, deadline):
                return outcome
            if deadline is not None:
                details = details._replace(timeout=deadline - time.monotonic())
