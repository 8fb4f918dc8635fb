"""How to reach oversightd: address, credentials and deadlines.

The options and their environment variables are those of the ``oversight``
CLI, so one environment serves both clients:

==============  ====================  ==============================================
option          environment           meaning
==============  ====================  ==============================================
server          OVERSIGHT_SERVER      host:port (default 127.0.0.1:50051)
token           OVERSIGHT_TOKEN       bearer token, sent as "authorization: Bearer"
tls_ca          OVERSIGHT_TLS_CA      PEM file of the CA that signed the server
tls_cert        OVERSIGHT_TLS_CERT    PEM client certificate (mutual TLS)
tls_key         OVERSIGHT_TLS_KEY     PEM key of tls_cert
insecure        OVERSIGHT_INSECURE    plaintext, for a loopback development server
timeout         OVERSIGHT_TIMEOUT     per-call deadline ("30s", "10m", "inf")
==============  ====================  ==============================================
"""

from __future__ import annotations

import dataclasses
import ipaddress
import math
import os
import re
from typing import Mapping

import grpc

DEFAULT_SERVER = "127.0.0.1:50051"
DEFAULT_TIMEOUT_SECONDS = 30.0

_DURATION_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)")
_UNIT_SECONDS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"", "0", "false", "no", "off"})


def parse_duration(text: str, *, option: str = "timeout") -> float:
    """Seconds in a duration written as the CLI accepts it.

    ``"30s"``, ``"1.5s"``, ``"500ms"``, ``"10m"``, ``"1h30m"``; a bare number
    is seconds; ``"inf"`` is no limit (``math.inf``). Raises ValueError naming
    ``option`` for anything else, including a negative duration.
    """
    spelled = text.strip()
    if spelled.lower() in ("inf", "+inf"):
        return math.inf
    try:
        seconds = float(spelled)
    except ValueError:
        seconds = None
    if seconds is not None:
        if not math.isfinite(seconds) or seconds < 0:
            raise ValueError(f"{option}: {text!r} is not a non-negative duration")
        return seconds
    position, total = 0, 0.0
    while position < len(spelled):
        part = _DURATION_PART.match(spelled, position)
        if part is None:
            raise ValueError(
                f"{option}: {text!r} is not a duration (examples: 30s, 500ms, 10m, 1h30m, inf)"
            )
        total += float(part.group(1)) * _UNIT_SECONDS[part.group(2)]
        position = part.end()
    if not spelled:
        raise ValueError(f"{option}: empty duration")
    return total


def parse_bool(text: str, *, option: str) -> bool:
    """The CLI's reading of a boolean environment variable (1/true/yes/on)."""
    lowered = text.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(f"{option}: {text!r} is not a boolean (use 1/0, true/false, yes/no)")


def server_host(server: str) -> str:
    """The host part of a gRPC target: "h:p", "[v6]:p", "dns:///h:p", "unix:path"."""
    target = server.strip()
    if target.startswith(("unix:", "unix-abstract:")):
        return "localhost"  # a local socket never leaves the machine
    if "://" in target:  # dns:///host:port, ipv4:host:port is not a URI
        target = target.split("://", 1)[1].lstrip("/")
        target = target.split("/", 1)[-1] if "/" in target else target
    elif target.startswith(("ipv4:", "ipv6:", "dns:")):
        target = target.split(":", 1)[1]
    if target.startswith("["):
        return target[1:].split("]", 1)[0]
    if target.count(":") == 1:
        return target.split(":", 1)[0]
    return target  # a bare IPv6 address or a host without a port


def is_loopback(server: str) -> bool:
    """True when ``server`` names this machine (127.0.0.0/8, ::1, localhost)."""
    host = server_host(server).lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclasses.dataclass(frozen=True)
class ConnectionOptions:
    """Where oversightd is and how to authenticate to it.

    Either ``insecure`` (plaintext, loopback development servers only) or TLS,
    verified against ``tls_ca`` (the system roots when None), optionally with
    a client certificate and key for mutual TLS. ``token`` is sent as a bearer
    token on every call; it is kept out of ``repr``.
    """

    server: str = DEFAULT_SERVER
    token: str | None = dataclasses.field(default=None, repr=False)
    tls_ca: str | None = None
    tls_cert: str | None = None
    tls_key: str | None = None
    insecure: bool = False
    timeout: float = DEFAULT_TIMEOUT_SECONDS  # seconds per call; math.inf: none

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, **overrides: object
    ) -> "ConnectionOptions":
        """Options from the OVERSIGHT_* environment, then ``overrides``.

        An override of None leaves the environment's value (so an argparse
        namespace can be passed through unchanged). Raises ValueError naming
        the variable for a malformed value.
        """
        env = os.environ if environ is None else environ

        def text(name: str) -> str | None:
            value = env.get(name, "").strip()
            return value or None

        values: dict[str, object] = {}
        if text("OVERSIGHT_SERVER"):
            values["server"] = text("OVERSIGHT_SERVER")
        values["token"] = text("OVERSIGHT_TOKEN")
        values["tls_ca"] = text("OVERSIGHT_TLS_CA")
        values["tls_cert"] = text("OVERSIGHT_TLS_CERT")
        values["tls_key"] = text("OVERSIGHT_TLS_KEY")
        values["insecure"] = parse_bool(env.get("OVERSIGHT_INSECURE", ""), option="OVERSIGHT_INSECURE")
        if text("OVERSIGHT_TIMEOUT"):
            values["timeout"] = parse_duration(env["OVERSIGHT_TIMEOUT"], option="OVERSIGHT_TIMEOUT")
        for name, value in overrides.items():
            if name not in _FIELD_NAMES:
                raise TypeError(f"ConnectionOptions has no option {name!r}")
            if value is not None:
                values[name] = value
        return cls(**values)  # type: ignore[arg-type]

    def validate(self) -> None:
        """Raises ValueError naming the option when the options cannot work."""
        if not self.server.strip():
            raise ValueError("server: empty; expected host:port")
        if self.insecure and (self.tls_ca or self.tls_cert or self.tls_key):
            raise ValueError("insecure: cannot be combined with tls_ca/tls_cert/tls_key")
        if bool(self.tls_cert) != bool(self.tls_key):
            missing = "tls_key" if self.tls_cert else "tls_cert"
            raise ValueError(f"{missing}: required with {'tls_cert' if self.tls_cert else 'tls_key'} (mutual TLS needs both)")
        if not (self.timeout > 0):
            raise ValueError(f"timeout: must be positive, got {self.timeout}")
        if self.token is not None:
            if not self.token or any(c.isspace() or ord(c) < 0x21 or ord(c) > 0x7E for c in self.token):
                raise ValueError("token: must be printable ASCII without spaces")
            if self.insecure and not is_loopback(self.server):
                # A bearer token in plaintext can be replayed by anyone on the path.
                raise ValueError(
                    f"token: refusing to send a bearer token in plaintext to {self.server}; "
                    "use TLS (drop insecure) or a loopback server"
                )

    def call_metadata(self) -> tuple[tuple[str, str], ...]:
        """The metadata every call carries: the bearer token when there is one."""
        if not self.token:
            return ()
        return (("authorization", f"Bearer {self.token}"),)

    def call_timeout(self) -> float | None:
        """The per-call deadline in seconds for gRPC, None for no deadline."""
        return None if math.isinf(self.timeout) else self.timeout

    def channel_credentials(self) -> grpc.ChannelCredentials | None:
        """TLS credentials from the PEM files, None when insecure.

        Raises ValueError naming the option whose file cannot be read.
        """
        if self.insecure:
            return None
        root = _read_pem(self.tls_ca, "tls_ca")
        chain = _read_pem(self.tls_cert, "tls_cert")
        key = _read_pem(self.tls_key, "tls_key")
        return grpc.ssl_channel_credentials(
            root_certificates=root, private_key=key, certificate_chain=chain
        )


_FIELD_NAMES = frozenset(f.name for f in dataclasses.fields(ConnectionOptions))


def _read_pem(path: str | None, option: str) -> bytes | None:
    if not path:
        return None
    try:
        with open(path, "rb") as pem:
            content = pem.read()
    except OSError as error:
        raise ValueError(f"{option}: cannot read {path!r}: {error.strerror}") from None
    if b"-----BEGIN " not in content:
        raise ValueError(f"{option}: {path!r} is not a PEM file")
    return content
