"""OversightClient: the analyst's view of oversightd.

A thin, typed layer over the generated stub: it fills requests from keyword
arguments (enumerations by short name, e.g. ``rating="red"``), pages through
listings, attaches the bearer token and a deadline to every call, and turns a
failed call into OversightError. Results are the API's own messages (typed
by the generated ``.pyi`` stubs); ``to_dict``/``to_records``/``to_dataframe``
make plain data of them. For an RPC not wrapped here, use ``client.stub``
with ``client.call_kwargs()``.
"""

from __future__ import annotations

import datetime
import time
from typing import Any, Iterable, Iterator

import grpc

from ._stubs import pb, pb_grpc
from .alerts import AlertFollower, Backoff, ReconnectHook
from .enums import EnumLike, parse_enum
from .errors import OversightError
from .options import ConnectionOptions

_MAX_PROVIDER_PAGE = 500  # the server's ceiling for ListProviders.page_size
_MAX_ALERT_PAGE = 1000  # the server's ceiling for ListAlerts.limit
_MAX_HISTORY = 500  # the server's ceiling for GetAssessmentHistory.limit
_MAX_MESSAGE_BYTES = 64 * 1024 * 1024


def _iso_date(value: str | datetime.date | None, *, field: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        raise ValueError(f"{field}: expected a date, got a datetime")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    raise ValueError(f"{field}: expected YYYY-MM-DD or a date, got {type(value).__name__}")


def _ratings(rating: EnumLike | Iterable[EnumLike]) -> list[int]:
    if rating is None or isinstance(rating, (int, str)):
        return [parse_enum(pb.Rating, rating, field="rating")]
    numbers = [parse_enum(pb.Rating, r, field="rating") for r in rating]
    if not numbers:
        raise ValueError("rating: empty collection; pass None for any rating")
    if 0 in numbers and len(numbers) > 1:
        raise ValueError("rating: 'any' (None) cannot be combined with specific ratings")
    return sorted(set(numbers))


def _alert_filter(
    min_severity: EnumLike, provider_id: str, region: EnumLike, local_authority: str
) -> pb.AlertFilter:
    return pb.AlertFilter(
        min_severity=parse_enum(pb.AlertSeverity, min_severity, field="min_severity"),
        provider_id=provider_id,
        region=parse_enum(pb.Region, region, field="region"),
        local_authority=local_authority,
    )


class OversightClient:
    """A connection to oversightd.

    ``OversightClient()`` reads the OVERSIGHT_* environment (see
    ``ConnectionOptions``); pass options to override it. Use as a context
    manager, or ``close()`` when done. One client may be shared by threads.
    """

    def __init__(
        self,
        options: ConnectionOptions | None = None,
        *,
        channel: grpc.Channel | None = None,
    ) -> None:
        self._options = options if options is not None else ConnectionOptions.from_env()
        self._options.validate()
        if channel is None:
            channel_options = [
                ("grpc.max_receive_message_length", _MAX_MESSAGE_BYTES),
                # Reconnect quickly after a server restart (gRPC's default
                # backoff grows to 2 minutes); the CLI uses the same values.
                ("grpc.initial_reconnect_backoff_ms", 250),
                ("grpc.min_reconnect_backoff_ms", 250),
                ("grpc.max_reconnect_backoff_ms", 5000),
            ]
            credentials = self._options.channel_credentials()
            if credentials is None:
                channel = grpc.insecure_channel(self._options.server, options=channel_options)
            else:
                channel = grpc.secure_channel(
                    self._options.server, credentials, options=channel_options
                )
        self._channel = channel
        self._stub = pb_grpc.OversightServiceStub(channel)

    # -- lifetime ---------------------------------------------------------

    @property
    def options(self) -> ConnectionOptions:
        return self._options

    @property
    def stub(self) -> pb_grpc.OversightServiceStub:
        """The generated stub, for RPCs this class does not wrap."""
        return self._stub

    def call_kwargs(self, timeout: float | None = None) -> dict[str, Any]:
        """``timeout`` and ``metadata`` for a call made directly on ``stub``."""
        return {
            "timeout": self._options.call_timeout() if timeout is None else timeout,
            "metadata": self._options.call_metadata(),
        }

    def close(self) -> None:
        self._channel.close()

    def __enter__(self) -> "OversightClient":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def wait_until_ready(self, timeout: float = 30.0) -> None:
        """Blocks until the channel is connected; TimeoutError after ``timeout`` s."""
        try:
            grpc.channel_ready_future(self._channel).result(timeout=timeout)
        except grpc.FutureTimeoutError:
            raise TimeoutError(
                f"oversightd at {self._options.server} not reachable within {timeout:g}s"
            ) from None

    def _call(self, method: str, request: Any, timeout: float | None = None) -> Any:
        try:
            return getattr(self._stub, method)(request, **self.call_kwargs(timeout))
        except grpc.RpcError as error:
            raise OversightError.from_rpc_error(method, error) from None

    # -- providers --------------------------------------------------------

    def iter_providers(
        self,
        *,
        rating: EnumLike = None,
        kind: EnumLike = None,
        ownership: EnumLike = None,
        region: EnumLike = None,
        local_authority: str = "",
        page_size: int = _MAX_PROVIDER_PAGE,
    ) -> Iterator[pb.ProviderSummary]:
        """Providers ranked worst first (``rank`` 1 is the worst in the whole
        market, before filtering), fetching pages as it goes.

        A filter left None matches anything; ``kind`` matches providers of
        kind "both" too; ``region``/``local_authority`` select providers with
        children placed from there.
        """
        if not 1 <= page_size <= _MAX_PROVIDER_PAGE:
            raise ValueError(f"page_size: must be between 1 and {_MAX_PROVIDER_PAGE}, got {page_size}")
        request = pb.ListProvidersRequest(
            rating=parse_enum(pb.Rating, rating, field="rating"),
            kind=parse_enum(pb.ProviderKind, kind, field="kind"),
            ownership=parse_enum(pb.Ownership, ownership, field="ownership"),
            region=parse_enum(pb.Region, region, field="region"),
            local_authority=local_authority,
            page_size=page_size,
        )
        while True:
            response: pb.ListProvidersResponse = self._call("ListProviders", request)
            yield from response.providers
            if not response.next_page_token:
                return
            request.page_token = response.next_page_token

    def list_providers(
        self,
        *,
        rating: EnumLike | Iterable[EnumLike] = None,
        kind: EnumLike = None,
        ownership: EnumLike = None,
        region: EnumLike = None,
        local_authority: str = "",
    ) -> list[pb.ProviderSummary]:
        """Every matching provider, worst first.

        ``rating`` may be one rating or several (``["red", "black"]``): one
        listing per rating, merged by market rank.
        """
        by_id: dict[str, pb.ProviderSummary] = {}
        for one in _ratings(rating):
            for provider in self.iter_providers(
                rating=one,
                kind=kind,
                ownership=ownership,
                region=region,
                local_authority=local_authority,
            ):
                # Paging is by position: a re-score between two pages can
                # show a provider twice. Keep its first appearance.
                by_id.setdefault(provider.provider_id, provider)
        return sorted(by_id.values(), key=lambda p: (p.rank, p.provider_id))

    def get_provider(self, provider_id: str) -> pb.ProviderView:
        """The provider's record, counts of its inputs and latest assessment
        (``latest_assessment`` is absent when it was never scored)."""
        return self._call("GetProvider", pb.GetProviderRequest(provider_id=provider_id))

    def explain(
        self, provider_id: str, as_of: str | datetime.date | None = None
    ) -> pb.Assessment:
        """The assessment as of a date (latest when None) with its
        explanation: every figure with formula, inputs and source, factor
        contributions to the score, and the reasons for the rating."""
        return self._call(
            "ExplainAssessment",
            pb.ExplainAssessmentRequest(
                provider_id=provider_id, as_of=_iso_date(as_of, field="as_of")
            ),
        )

    def history(self, provider_id: str, limit: int = 20) -> list[pb.Assessment]:
        """The provider's assessments, most recent first."""
        if not 1 <= limit <= _MAX_HISTORY:
            raise ValueError(f"limit: must be between 1 and {_MAX_HISTORY}, got {limit}")
        response: pb.AssessmentHistory = self._call(
            "GetAssessmentHistory",
            pb.GetAssessmentHistoryRequest(provider_id=provider_id, limit=limit),
        )
        return list(response.assessments)

    # -- alerts -----------------------------------------------------------

    def list_alerts(
        self,
        after_sequence: int = 0,
        *,
        min_severity: EnumLike = None,
        provider_id: str = "",
        region: EnumLike = None,
        local_authority: str = "",
        unacknowledged_only: bool = False,
        limit: int | None = None,
    ) -> list[pb.Alert]:
        """Stored alerts with a sequence above ``after_sequence``, oldest
        first: all of them, or the first ``limit``."""
        if after_sequence < 0:
            raise ValueError(f"after_sequence: must not be negative, got {after_sequence}")
        if limit is not None and limit < 1:
            raise ValueError(f"limit: must be positive, got {limit}")
        request = pb.ListAlertsRequest(
            after_sequence=after_sequence,
            filter=_alert_filter(min_severity, provider_id, region, local_authority),
            unacknowledged_only=unacknowledged_only,
        )
        alerts: list[pb.Alert] = []
        while limit is None or len(alerts) < limit:
            wanted = _MAX_ALERT_PAGE if limit is None else min(_MAX_ALERT_PAGE, limit - len(alerts))
            request.limit = wanted
            response: pb.ListAlertsResponse = self._call("ListAlerts", request)
            alerts.extend(response.alerts)
            if len(response.alerts) < wanted:
                break
            request.after_sequence = response.alerts[-1].sequence
        return alerts

    def follow_alerts(
        self,
        after_sequence: int = 0,
        *,
        min_severity: EnumLike = None,
        provider_id: str = "",
        region: EnumLike = None,
        local_authority: str = "",
        timeout: float | None = None,
        initial_backoff: float = 0.25,
        max_backoff: float = 30.0,
        on_reconnect: ReconnectHook | None = None,
    ) -> AlertFollower:
        """Alerts after ``after_sequence`` (0: from the first), then live ones
        as they are raised, resubscribing after disconnects.

        The iteration ends after ``timeout`` seconds (never when None), on
        ``cancel()``, or with OversightError when the server refuses the
        subscription. Resubscription waits ``initial_backoff`` seconds,
        doubling up to ``max_backoff`` while the server stays unreachable;
        ``on_reconnect`` is told about each one.
        Keep ``last_sequence`` to resume later without repeats.
        """
        if after_sequence < 0:
            raise ValueError(f"after_sequence: must not be negative, got {after_sequence}")
        if timeout is not None and timeout < 0:
            raise ValueError(f"timeout: must not be negative, got {timeout}")
        request = pb.SubscribeAlertsRequest(
            after_sequence=after_sequence,
            filter=_alert_filter(min_severity, provider_id, region, local_authority),
        )
        metadata = self._options.call_metadata()

        def subscribe(req: pb.SubscribeAlertsRequest, remaining: float | None) -> Any:
            # A live stream has no per-call deadline, only the caller's bound.
            return self._stub.SubscribeAlerts(req, timeout=remaining, metadata=metadata)

        return AlertFollower(
            subscribe,
            request,
            deadline=None if timeout is None else time.monotonic() + timeout,
            backoff=Backoff(initial=initial_backoff, maximum=max(max_backoff, initial_backoff)),
            on_reconnect=on_reconnect,
        )
