"""Following the alert stream across disconnects.

SubscribeAlerts replays every alert with a sequence above ``after_sequence``
and then streams new ones live. Sequences strictly increase across the whole
store, so the last sequence received is a complete resume point: after any
disconnect (server restart, network loss, the server ending a slow
subscriber's stream with RESOURCE_EXHAUSTED) the follower subscribes again
after it, and neither loses nor repeats an alert.
"""

from __future__ import annotations

import random
import threading
import time
from typing import Callable, Iterator, Protocol

import grpc

from ._stubs import pb
from .errors import OversightError

# Failures that resubscribing cannot cure: the request or the credentials are
# wrong. The same set as `oversight alerts tail`.
PERMANENT_CODES = frozenset(
    {
        grpc.StatusCode.INVALID_ARGUMENT,
        grpc.StatusCode.UNAUTHENTICATED,
        grpc.StatusCode.PERMISSION_DENIED,
        grpc.StatusCode.NOT_FOUND,
        grpc.StatusCode.UNIMPLEMENTED,
        grpc.StatusCode.FAILED_PRECONDITION,
    }
)


class Backoff:
    """Exponential reconnection delays with jitter.

    Starts at ``initial`` seconds and doubles up to ``maximum``; ``reset``
    after a success. Each delay is spread by +/- ``jitter`` (a fraction) so
    that many analysts' clients do not all reconnect at the same instant
    after a server restart.
    """

    def __init__(
        self,
        initial: float = 0.25,
        maximum: float = 30.0,
        *,
        multiplier: float = 2.0,
        jitter: float = 0.2,
        uniform: Callable[[], float] = random.random,
    ) -> None:
        if initial <= 0 or maximum < initial or multiplier < 1 or not 0 <= jitter < 1:
            raise ValueError(
                "backoff: need 0 < initial <= maximum, multiplier >= 1 and 0 <= jitter < 1"
            )
        self._initial = initial
        self._maximum = maximum
        self._multiplier = multiplier
        self._jitter = jitter
        self._uniform = uniform
        self._next = initial

    def reset(self) -> None:
        self._next = self._initial

    def next_delay(self) -> float:
        base = self._next
        self._next = min(self._next * self._multiplier, self._maximum)
        return base * (1.0 + self._jitter * (2.0 * self._uniform() - 1.0))


class AlertCall(Protocol):
    """What a SubscribeAlerts call gives: alerts, and a way to end it."""

    def __iter__(self) -> Iterator[pb.Alert]: ...

    def cancel(self) -> bool: ...


Subscribe = Callable[[pb.SubscribeAlertsRequest, "float | None"], AlertCall]
"""Starts one SubscribeAlerts call with a deadline in seconds (None: none)."""

ReconnectHook = Callable[[int, "OversightError | None", float], None]
"""Told (last sequence, why the stream ended or None when the server closed
it, delay in seconds) before each resubscription."""


class AlertFollower:
    """An iterator over alerts that resubscribes after every disconnect.

    Iteration ends when ``deadline`` (a ``time.monotonic()`` instant) passes
    or ``cancel()`` is called from another thread; it raises OversightError
    for a failure in PERMANENT_CODES. Breaking out of a ``for`` loop (or
    ``close()``) ends the stream at once.
    """

    def __init__(
        self,
        subscribe: Subscribe,
        request: pb.SubscribeAlertsRequest,
        *,
        deadline: float | None = None,
        backoff: Backoff | None = None,
        on_reconnect: ReconnectHook | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._subscribe = subscribe
        self._request = pb.SubscribeAlertsRequest()
        self._request.CopyFrom(request)
        self._last = request.after_sequence
        self._deadline = deadline
        self._backoff = backoff or Backoff()
        self._on_reconnect = on_reconnect
        self._clock = clock
        self._reconnects = 0
        self._lock = threading.Lock()
        self._cancelled = threading.Event()
        self._call: AlertCall | None = None
        self._alerts = self._follow()

    @property
    def last_sequence(self) -> int:
        """The sequence of the last alert yielded: where a new follower resumes."""
        return self._last

    @property
    def reconnects(self) -> int:
        """How many times the stream has been resubscribed."""
        return self._reconnects

    def __iter__(self) -> "AlertFollower":
        return self

    def __next__(self) -> pb.Alert:
        return next(self._alerts)

    def cancel(self) -> None:
        """Ends the iteration; safe to call from any thread, and more than once."""
        self._cancelled.set()
        with self._lock:
            call = self._call
        if call is not None:
            call.cancel()

    def close(self) -> None:
        """Ends the stream from the iterating thread (as leaving a for loop does)."""
        self.cancel()
        self._alerts.close()

    def __enter__(self) -> "AlertFollower":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _remaining(self) -> float | None:
        return None if self._deadline is None else self._deadline - self._clock()

    def _follow(self) -> Iterator[pb.Alert]:
        while not self._cancelled.is_set():
            remaining = self._remaining()
            if remaining is not None and remaining <= 0:
                return
            self._request.after_sequence = self._last
            call = self._subscribe(self._request, remaining)
            with self._lock:
                self._call = call
            if self._cancelled.is_set():  # cancel() ran before the call was visible
                call.cancel()
            error: OversightError | None = None
            try:
                for alert in call:
                    self._backoff.reset()
                    # The server replays strictly after the resume point; this
                    # guards against an overlap all the same.
                    if alert.sequence <= self._last:
                        continue
                    self._last = alert.sequence
                    yield alert
            except grpc.RpcError as rpc_error:
                if self._cancelled.is_set():
                    return
                error = OversightError.from_rpc_error("SubscribeAlerts", rpc_error)
                if error.code in PERMANENT_CODES:
                    raise error from None
                if self._deadline is not None and error.code == grpc.StatusCode.DEADLINE_EXCEEDED:
                    # The only deadline on the stream is the caller's bound
                    # (gRPC's timer may fire a hair before our clock agrees).
                    return
            finally:
                with self._lock:
                    self._call = None
                call.cancel()  # no-op when finished; ends the stream on an early exit
            if self._cancelled.is_set():
                return
            delay = self._backoff.next_delay()
            remaining = self._remaining()
            if remaining is not None:
                delay = min(delay, max(remaining, 0.0))
            if self._on_reconnect is not None:
                self._on_reconnect(self._last, error, delay)
            if self._cancelled.wait(delay):
                return
            self._reconnects += 1
