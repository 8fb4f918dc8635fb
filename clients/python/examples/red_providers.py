#!/usr/bin/python3
"""Lists the providers rated red or black, worst first, then follows alerts.

    export OVERSIGHT_SERVER=oversight.example.gov.uk:443 OVERSIGHT_TOKEN=...
    red_providers.py --tls-ca ca.pem
    red_providers.py --server 127.0.0.1:50051 --insecure --max-alerts 10 --timeout 60

Connection options default to the OVERSIGHT_* environment of the `oversight`
CLI. Alerts are replayed after --after (0: every stored alert) and then
followed live, resuming after disconnects, until --max-alerts have been
printed, --timeout seconds have passed, or Ctrl-C.

Output (stable, so scripts can read it):
    rank  provider  rating  score  pd_1y  name      one line per provider
    #SEQ AS_OF SEVERITY PROVIDER KIND: TITLE       one line per alert
Exit status: 0 done, 1 the server refused or failed a call, 2 bad usage,
130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys

# Run from a checkout: the package is next to this folder. The generated
# stubs come from PYTHONPATH or OVERSIGHT_PYTHON_STUBS (<build>/python).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from oversight_client import (  # noqa: E402 - after the path set-up above
    ConnectionOptions,
    OversightClient,
    OversightError,
    enum_name,
    parse_duration,
    parse_enum,
    pb,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="List red and black providers, then follow the alert stream."
    )
    connection = parser.add_argument_group("connection (default: the OVERSIGHT_* environment)")
    connection.add_argument("--server", help="host:port of oversightd")
    connection.add_argument("--token", help="bearer token (prefer OVERSIGHT_TOKEN: argv is visible to ps)")
    connection.add_argument("--tls-ca", "--tls_ca", dest="tls_ca", help="PEM of the CA that signed the server")
    connection.add_argument("--tls-cert", "--tls_cert", dest="tls_cert", help="PEM client certificate")
    connection.add_argument("--tls-key", "--tls_key", dest="tls_key", help="PEM key of --tls-cert")
    connection.add_argument(
        "--insecure", action="store_true", default=None, help="plaintext (loopback development server)"
    )
    alerts = parser.add_argument_group("alerts")
    alerts.add_argument("--after", type=int, default=0, metavar="SEQ",
                        help="replay alerts after this sequence (default 0: all), then follow")
    alerts.add_argument("--min-severity", default=None, metavar="SEVERITY",
                        help="info, warning or critical")
    alerts.add_argument("--max-alerts", type=int, default=0, metavar="N",
                        help="stop after N alerts (default 0: no limit)")
    alerts.add_argument("--timeout", default=None, metavar="DURATION",
                        help="stop following after this long (30s, 10m; default: never)")
    alerts.add_argument("--no-follow", action="store_true", help="only list the providers")
    arguments = parser.parse_args(argv)
    if arguments.after < 0:
        parser.error("--after: must not be negative")
    if arguments.max_alerts < 0:
        parser.error("--max-alerts: must not be negative")
    try:
        parse_enum(pb.AlertSeverity, arguments.min_severity, field="--min-severity")
    except ValueError as error:
        parser.error(str(error))
    if arguments.timeout is not None:
        try:
            arguments.timeout = parse_duration(arguments.timeout, option="--timeout")
        except ValueError as error:
            parser.error(str(error))
    return arguments


def format_number(value: float, digits: int) -> str:
    return f"{value:.{digits}f}"


def print_providers(providers: list[pb.ProviderSummary]) -> None:
    as_of = sorted({p.as_of for p in providers})
    print(f"Red and black providers: {len(providers)}" + (f" (as of {', '.join(as_of)})" if as_of else ""))
    if not providers:
        return
    print(f"{'rank':>4}  {'provider':<10}  {'rating':<6}  {'score':>6}  {'pd_1y':>7}  name")
    for p in providers:
        print(
            f"{p.rank:>4}  {p.provider_id:<10}  {enum_name(pb.Rating, p.rating) or '-':<6}  "
            f"{format_number(p.score, 1):>6}  {format_number(p.pd_one_year * 100, 2) + '%':>7}  {p.name}"
        )


def alert_line(alert: pb.Alert) -> str:
    return (
        f"#{alert.sequence} {alert.as_of} {enum_name(pb.AlertSeverity, alert.severity) or '-'} "
        f"{alert.provider_id} {enum_name(pb.AlertKind, alert.kind) or '-'}: {alert.title}"
    )


def report_reconnect(last: int, error: OversightError | None, delay: float) -> None:
    reason = "server closed the stream" if error is None else f"{error.code.name}: {error.details}"
    print(f"alert stream ended ({reason}); resuming after #{last} in {delay:.2f}s",
          file=sys.stderr, flush=True)


def main(argv: list[str]) -> int:
    arguments = parse_arguments(argv)
    try:
        options = ConnectionOptions.from_env(
            server=arguments.server,
            token=arguments.token,
            tls_ca=arguments.tls_ca,
            tls_cert=arguments.tls_cert,
            tls_key=arguments.tls_key,
            insecure=arguments.insecure,
        )
        client = OversightClient(options)
    except ValueError as error:
        print(f"red_providers: {error}", file=sys.stderr)
        return EXIT_USAGE

    with client:
        try:
            print_providers(client.list_providers(rating=["red", "black"]))
            if arguments.no_follow:
                return EXIT_OK
            bounds = []
            if arguments.max_alerts:
                bounds.append(f"{arguments.max_alerts} alerts")
            if arguments.timeout is not None:
                bounds.append(f"{arguments.timeout:g}s")
            print(f"Following alerts after #{arguments.after}"
                  + (f" (stops after {' or '.join(bounds)})" if bounds else " (Ctrl-C to stop)"),
                  flush=True)
            follower = client.follow_alerts(
                arguments.after,
                min_severity=arguments.min_severity,
                timeout=arguments.timeout,
                on_reconnect=report_reconnect,
            )
            received = 0
            with follower:
                for alert in follower:
                    print(alert_line(alert), flush=True)
                    received += 1
                    if arguments.max_alerts and received >= arguments.max_alerts:
                        break
            print(f"Received {received} alerts; resume with --after {follower.last_sequence}")
        except OversightError as error:
            print(f"red_providers: {error}", file=sys.stderr)
            return EXIT_FAILED
        except KeyboardInterrupt:
            return EXIT_INTERRUPTED
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
