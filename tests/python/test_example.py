"""clients/python/examples/red_providers.py as a program: output format,
reconnection report, and exit status, against the in-process fake server."""

from __future__ import annotations

import os
import subprocess
import sys
import unittest

import grpc

from support import FakeServer, alert

from oversight_client import pb

EXAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "..", "..", "clients", "python", "examples", "red_providers.py")


def run(*arguments: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OVERSIGHT_")}
    return subprocess.run([sys.executable, EXAMPLE, *arguments], env=env, capture_output=True,
                          text=True, timeout=120)


class ExampleTest(unittest.TestCase):
    def test_lists_then_follows_across_a_disconnect(self) -> None:
        with FakeServer() as server:
            def ranked(req, ctx):
                return pb.ListProvidersResponse(providers={
                    pb.RATING_RED: [pb.ProviderSummary(rank=3, provider_id="P7", rating=pb.RATING_RED,
                                                       score=250.04, pd_one_year=0.0525, name="Red Ltd",
                                                       as_of="2026-03-31")],
                    pb.RATING_BLACK: [pb.ProviderSummary(rank=1, provider_id="P6", rating=pb.RATING_BLACK,
                                                         score=700.0, pd_one_year=1.0, name="Black Ltd",
                                                         as_of="2026-03-31")],
                }[req.rating])

            def dropped(req, ctx):
                yield alert(5, "P6", as_of="2026-03-31", severity=pb.ALERT_SEVERITY_CRITICAL,
                            kind=pb.ALERT_KIND_BUSINESS_FAILURE, title="Business failure")
                ctx.abort(grpc.StatusCode.UNAVAILABLE, "restarting")

            def resumed(req, ctx):
                yield alert(6, "P7", as_of="2026-03-31", severity=pb.ALERT_SEVERITY_WARNING,
                            kind=pb.ALERT_KIND_LEVERAGE_HIGH, title="Net debt 7.7x EBITDA")

            server.servicer.script("ListProviders", ranked, ranked)
            server.servicer.script("SubscribeAlerts", dropped, resumed)
            done = run("--server", server.address, "--insecure", "--after", "4",
                       "--max-alerts", "2", "--timeout", "60s")
            requests = server.servicer.requests("SubscribeAlerts")

        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.splitlines(), [
            "Red and black providers: 2 (as of 2026-03-31)",
            "rank  provider    rating   score    pd_1y  name",
            "   1  P6          black    700.0  100.00%  Black Ltd",
            "   3  P7          red      250.0    5.25%  Red Ltd",
            "Following alerts after #4 (stops after 2 alerts or 60s)",
            "#5 2026-03-31 critical P6 business_failure: Business failure",
            "#6 2026-03-31 warning P7 leverage_high: Net debt 7.7x EBITDA",
            "Received 2 alerts; resume with --after 6",
        ])
        self.assertIn("alert stream ended (UNAVAILABLE: restarting); resuming after #5", done.stderr)
        self.assertEqual([r.after_sequence for r in requests], [4, 5])

    def test_no_follow_and_no_providers(self) -> None:
        with FakeServer() as server:
            empty = lambda req, ctx: pb.ListProvidersResponse()  # noqa: E731
            server.servicer.script("ListProviders", empty, empty)
            done = run("--server", server.address, "--insecure", "--no-follow")
            self.assertEqual(server.servicer.requests("SubscribeAlerts"), [])
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout, "Red and black providers: 0\n")

    def test_exit_status(self) -> None:
        usage = [
            ("--min-severity", "severe"),
            ("--timeout", "soon"),
            ("--after", "-1"),
            ("--server", "10.9.8.7:50051", "--insecure", "--token", "secret"),
            ("--insecure", "--tls-ca", "ca.pem"),
        ]
        for arguments in usage:
            with self.subTest(arguments=arguments):
                done = run(*arguments)
                self.assertEqual(done.returncode, 2, done.stderr)
        self.assertIn("token: refusing to send a bearer token in plaintext", run(*usage[3]).stderr)
        self.assertNotIn("secret", run(*usage[3]).stderr, "the token is never echoed")

        closed = FakeServer()  # bound, never started: connections are refused
        closed.__exit__(None, None, None)
        done = run("--server", closed.address, "--insecure", "--no-follow")
        self.assertEqual(done.returncode, 1)
        self.assertIn("ListProviders: UNAVAILABLE", done.stderr)


if __name__ == "__main__":
    unittest.main()
