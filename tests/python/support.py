"""Shared test support: import paths, an in-process fake oversightd, TLS files.

The fake server is a real gRPC server on 127.0.0.1 (port 0) running scripted
handlers, so the client is tested through gRPC itself, not through mocks of it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
from concurrent import futures
from typing import Callable, Iterator

_HERE = os.path.dirname(os.path.abspath(__file__))
# Running outside CTest from a checkout: the package's source folder. The
# generated stubs must be on PYTHONPATH (CTest sets both).
sys.path.append(os.path.join(_HERE, "..", "..", "clients", "python"))

import grpc  # noqa: E402

from oversight_client import pb  # noqa: E402
from oversight_client._stubs import pb_grpc, status_pb2  # noqa: E402

Handler = Callable[..., object]


class FakeOversight(pb_grpc.OversightServiceServicer):
    """Answers each RPC with the next scripted handler for it.

    ``script(method, handler, ...)`` queues handlers; each call pops one and
    records (request, invocation metadata) in ``calls[method]``. A call with
    nothing queued fails the test loudly with FAILED_PRECONDITION.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._scripts: dict[str, list[Handler]] = {}
        self.calls: dict[str, list[tuple[object, dict[str, str]]]] = {}
        self.call_arrived = threading.Condition(self._lock)

    def script(self, method: str, *handlers: Handler) -> None:
        with self._lock:
            self._scripts.setdefault(method, []).extend(handlers)

    def requests(self, method: str) -> list[object]:
        with self._lock:
            return [request for request, _ in self.calls.get(method, [])]

    def metadata(self, method: str) -> list[dict[str, str]]:
        with self._lock:
            return [metadata for _, metadata in self.calls.get(method, [])]

    def wait_for_calls(self, method: str, count: int, timeout: float = 30.0) -> bool:
        with self._lock:
            return self.call_arrived.wait_for(
                lambda: len(self.calls.get(method, [])) >= count, timeout=timeout
            )

    def _next(self, method: str, request: object, context: grpc.ServicerContext) -> Handler:
        with self._lock:
            copy = type(request)()
            copy.CopyFrom(request)
            self.calls.setdefault(method, []).append(
                (copy, {k: v for k, v in context.invocation_metadata()})
            )
            self.call_arrived.notify_all()
            queue = self._scripts.get(method, [])
            handler = queue.pop(0) if queue else None
        if handler is None:
            context.abort(grpc.StatusCode.FAILED_PRECONDITION, f"test: no scripted answer for {method}")
        return handler

    def ListProviders(self, request, context):
        return self._next("ListProviders", request, context)(request, context)

    def GetProvider(self, request, context):
        return self._next("GetProvider", request, context)(request, context)

    def ExplainAssessment(self, request, context):
        return self._next("ExplainAssessment", request, context)(request, context)

    def GetAssessmentHistory(self, request, context):
        return self._next("GetAssessmentHistory", request, context)(request, context)

    def ListAlerts(self, request, context):
        return self._next("ListAlerts", request, context)(request, context)

    def SubscribeAlerts(self, request, context) -> Iterator[pb.Alert]:
        yield from self._next("SubscribeAlerts", request, context)(request, context)


class FakeServer:
    """A FakeOversight served on 127.0.0.1; use as a context manager."""

    def __init__(self, server_credentials: grpc.ServerCredentials | None = None) -> None:
        self.servicer = FakeOversight()
        self._server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
        pb_grpc.add_OversightServiceServicer_to_server(self.servicer, self._server)
        if server_credentials is None:
            self.port = self._server.add_insecure_port("127.0.0.1:0")
        else:
            self.port = self._server.add_secure_port("127.0.0.1:0", server_credentials)
        self.address = f"127.0.0.1:{self.port}"

    def __enter__(self) -> "FakeServer":
        self._server.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.stop(grace=None).wait(timeout=30)


def alert(sequence: int, provider_id: str = "P001", **fields: object) -> pb.Alert:
    return pb.Alert(sequence=sequence, key=f"k{sequence}", provider_id=provider_id, **fields)


def abort_with_bad_request(
    context: grpc.ServicerContext, message: str, violations: list[tuple[str, str]]
) -> None:
    """INVALID_ARGUMENT with a google.rpc.BadRequest, as oversightd sends it."""
    bad_request = status_pb2.BadRequest(
        field_violations=[
            status_pb2.BadRequest.FieldViolation(field=f, description=d) for f, d in violations
        ]
    )
    status = status_pb2.Status(code=grpc.StatusCode.INVALID_ARGUMENT.value[0], message=message)
    status.details.add().Pack(bad_request)
    context.set_trailing_metadata((("grpc-status-details-bin", status.SerializeToString()),))
    context.abort(grpc.StatusCode.INVALID_ARGUMENT, message)


class TlsFiles:
    """A throw-away CA, a server certificate for 127.0.0.1 and a client
    certificate, made with the openssl command (Debian package openssl)."""

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="oversight-py-tls-")
        d = self._dir.name
        self.ca = os.path.join(d, "ca.pem")
        self.server_cert = os.path.join(d, "server.pem")
        self.server_key = os.path.join(d, "server.key")
        self.client_cert = os.path.join(d, "client.pem")
        self.client_key = os.path.join(d, "client.key")
        ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        ca_key = os.path.join(d, "ca.key")
        self._openssl("req", "-x509", *ec, "-keyout", ca_key, "-out", self.ca, "-days", "2",
                      "-subj", "/CN=oversight test CA")
        self._issue("server", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1", self.server_cert,
                    self.server_key, ca_key, ec)
        self._issue("client", "/CN=analyst", "extendedKeyUsage=clientAuth", self.client_cert,
                    self.client_key, ca_key, ec)

    def _openssl(self, *arguments: str) -> None:
        subprocess.run(["openssl", *arguments], check=True, capture_output=True, timeout=60)

    def _issue(self, name, subject, extension, cert, key, ca_key, ec) -> None:
        d = self._dir.name
        csr = os.path.join(d, f"{name}.csr")
        extfile = os.path.join(d, f"{name}.ext")
        with open(extfile, "w", encoding="ascii") as ext:
            ext.write(extension + "\n")
        self._openssl("req", "-new", *ec, "-keyout", key, "-out", csr, "-subj", subject)
        self._openssl("x509", "-req", "-in", csr, "-CA", self.ca, "-CAkey", ca_key,
                      "-CAcreateserial", "-out", cert, "-days", "2", "-extfile", extfile)

    def read(self, path: str) -> bytes:
        with open(path, "rb") as f:
            return f.read()

    def cleanup(self) -> None:
        self._dir.cleanup()
