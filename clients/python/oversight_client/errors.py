"""Failures of calls to oversightd, with the server's per-field reasons."""

from __future__ import annotations

from typing import Iterable

import grpc

from ._stubs import status_pb2

_DETAILS_KEY = "grpc-status-details-bin"


class OversightError(Exception):
    """A call to oversightd failed.

    ``code`` is the gRPC status code; ``field_violations`` lists the
    ``(field, reason)`` pairs of the google.rpc.BadRequest the server attaches
    to INVALID_ARGUMENT, so a caller can point at the offending input.
    """

    def __init__(
        self,
        method: str,
        code: grpc.StatusCode,
        details: str,
        field_violations: Iterable[tuple[str, str]] = (),
    ) -> None:
        self.method = method
        self.code = code
        self.details = details
        self.field_violations = list(field_violations)
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.method}: {self.code.name}: {self.details}"
        for field, reason in self.field_violations:
            text += f"\n  {field}: {reason}"
        return text

    @classmethod
    def from_rpc_error(cls, method: str, error: grpc.RpcError) -> "OversightError":
        """Reads the status and its BadRequest details from a failed call."""
        code = _call_or(error, "code", grpc.StatusCode.UNKNOWN) or grpc.StatusCode.UNKNOWN
        details = _call_or(error, "details", "") or ""
        trailers = _call_or(error, "trailing_metadata", ()) or ()
        return cls(method, code, details, _field_violations(trailers))


def _call_or(error: object, name: str, default: object) -> object:
    accessor = getattr(error, name, None)
    if accessor is None:
        return default
    try:
        return accessor()
    except Exception:  # a half-built error object must not hide the original failure
        return default


def _field_violations(trailers: Iterable[tuple[str, object]]) -> list[tuple[str, str]]:
    violations: list[tuple[str, str]] = []
    for key, value in trailers:
        if key != _DETAILS_KEY or not isinstance(value, bytes):
            continue
        status = status_pb2.Status()
        try:
            status.ParseFromString(value)
        except Exception:  # not ours to fail on: the status code still reports the error
            continue
        for detail in status.details:
            if detail.Is(status_pb2.BadRequest.DESCRIPTOR):
                bad_request = status_pb2.BadRequest()
                detail.Unpack(bad_request)
                violations.extend((v.field, v.description) for v in bad_request.field_violations)
    return violations
