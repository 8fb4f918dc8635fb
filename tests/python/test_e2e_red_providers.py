"""End to end: the real oversightd, the sample market, the example script.

Starts oversightd on a temporary SQLite store (plaintext on 127.0.0.1, port
0), loads deploy/sample with the `oversight` CLI, runs the nightly scoring as
of deploy/sample/AS_OF, then:
- runs clients/python/examples/red_providers.py and checks that it printed
  exactly the red and black providers the server's ListProviders reports, in
  rank order, and exactly the alerts ListAlerts holds;
- follows the live alert stream with the client while new alerts are raised
  before and after a restart of the server, and checks that every one arrives
  once, in order.

CTest passes the binaries (see tests/python/CMakeLists.txt):
  OVERSIGHTD, OVERSIGHT_CLI, OVERSIGHT_SAMPLE_DIR, OVERSIGHT_EXAMPLE.
Every wait is bounded; the server is stopped on every path.
"""

from __future__ import annotations

import glob
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import support  # noqa: F401 - import paths

from oversight_client import ConnectionOptions, OversightClient, enum_name, pb

START_TIMEOUT = 120.0  # an ASan build on a busy machine starts slowly
STEP_TIMEOUT = 600.0  # load and nightly of the sample under ASan
STOP_TIMEOUT = 60.0
ALERT_TIMEOUT = 120.0  # for an alert already stored to reach a live follower
_LISTENING = re.compile(r"^oversightd listening on 127\.0\.0\.1:(\d+)", re.MULTILINE)
# The example's output lines (documented in its docstring).
_PROVIDER_LINE = re.compile(r"^\s*(\d+)\s+(\S+)\s+(red|black)\s+[\d.]+\s+[\d.]+%\s+(.*)$")
_ALERT_LINE = re.compile(r"^#(\d+) (\S+) (\S+) (\S+) (\S+): (.*)$")


def required_path(name: str) -> str:
    path = os.environ.get(name, "")
    if not path or not os.path.exists(path):
        raise AssertionError(f"{name}: set it to an existing path (CTest does); got {path!r}")
    return path


class Oversightd:
    """One oversightd process on a SQLite store; its output goes to a log file."""

    def __init__(self, binary: str, store: str, log_path: str, port: int = 0) -> None:
        self.log_path = log_path
        self._log = open(log_path, "ab")
        self._log_start = self._log.tell()  # a restart appends to the previous process's log
        self._process = subprocess.Popen(
            [binary, f"--listen=127.0.0.1:{port}", f"--store=sqlite:{store}", "--insecure"],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True)
        self.port = self._wait_for_port(port)
        self.address = f"127.0.0.1:{self.port}"

    def _wait_for_port(self, requested: int) -> int:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            with open(self.log_path, "rb") as log:
                log.seek(self._log_start)
                ports = [int(p) for p in _LISTENING.findall(log.read().decode("utf-8", "replace"))]
            if ports and self._process.poll() is None:
                if requested not in (0, ports[0]):
                    self.stop()
                    raise AssertionError(f"oversightd listens on {ports[0]}, not {requested}")
                return ports[0]
            if self._process.poll() is not None:
                self.stop()
                raise AssertionError(f"oversightd exited at start-up:\n{self.log()}")
            time.sleep(0.05)
        self.stop()
        raise AssertionError(f"oversightd did not report its port within {START_TIMEOUT}s:\n{self.log()}")

    def log(self) -> str:
        with open(self.log_path, "r", encoding="utf-8", errors="replace") as log:
            return log.read()

    def stop(self) -> int:
        """SIGTERM, then SIGKILL after STOP_TIMEOUT; the exit status. Idempotent."""
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)
            try:
                self._process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(STOP_TIMEOUT)
        self._log.close()
        return self._process.returncode


class SampleMarketTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.oversightd = required_path("OVERSIGHTD")
        cls.cli = required_path("OVERSIGHT_CLI")
        cls.sample = required_path("OVERSIGHT_SAMPLE_DIR")
        cls.example = required_path("OVERSIGHT_EXAMPLE")
        with open(os.path.join(cls.sample, "AS_OF"), encoding="ascii") as as_of:
            cls.as_of = as_of.read().strip()
        cls.work = tempfile.TemporaryDirectory(prefix="oversight-py-e2e-")
        cls.addClassCleanup(cls.work.cleanup)
        cls.store = os.path.join(cls.work.name, "oversight.db")
        cls.server = Oversightd(cls.oversightd, cls.store, os.path.join(cls.work.name, "oversightd.log"))
        cls.addClassCleanup(lambda: cls.server.stop())
        cls.run_cli("load", *sorted(glob.glob(os.path.join(cls.sample, "*.csv"))))
        cls.run_cli("nightly", f"--as-of={cls.as_of}")

    @classmethod
    def cli_env(cls) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("OVERSIGHT_")}
        env.update(OVERSIGHT_SERVER=cls.server.address, OVERSIGHT_INSECURE="1")
        return env

    @classmethod
    def run_cli(cls, *arguments: str) -> str:
        done = subprocess.run([cls.cli, *arguments], env=cls.cli_env(), capture_output=True,
                              text=True, timeout=STEP_TIMEOUT)
        if done.returncode != 0:
            raise AssertionError(f"oversight {arguments[0]} exited {done.returncode}:\n"
                                 f"{done.stdout}\n{done.stderr}\nserver log:\n{cls.server.log()}")
        return done.stdout

    def connect(self) -> OversightClient:
        client = OversightClient(ConnectionOptions(server=self.server.address, insecure=True))
        self.addCleanup(client.close)
        client.wait_until_ready(START_TIMEOUT)
        return client

    def test_example_prints_the_red_and_black_providers_and_every_alert(self) -> None:
        client = self.connect()
        expected = [(p.rank, p.provider_id, enum_name(pb.Rating, p.rating), p.name)
                    for p in client.list_providers(rating=["red", "black"])]
        alerts = client.list_alerts()
        # deploy/sample/README.md: P003-P006 are red or black, and each raises alerts.
        self.assertGreaterEqual(len(expected), 1, "the sample market has red/black providers")
        self.assertGreaterEqual(len(alerts), 1, "the nightly run raised alerts")

        done = subprocess.run(
            [sys.executable, self.example, "--server", self.server.address, "--insecure",
             "--max-alerts", str(len(alerts)), "--timeout", "120s"],
            env=self.cli_env(), capture_output=True, text=True, timeout=300)
        self.assertEqual(done.returncode, 0, f"example failed:\n{done.stdout}\n{done.stderr}")
        lines = done.stdout.splitlines()
        printed_providers = [(int(m[1]), m[2], m[3], m[4])
                             for m in map(_PROVIDER_LINE.match, lines) if m]
        printed_alerts = [m.groups() for m in map(_ALERT_LINE.match, lines) if m]

        self.assertEqual(printed_providers, expected,
                         f"providers printed vs ListProviders(rating red|black):\n{done.stdout}")
        self.assertEqual(
            printed_alerts,
            [(str(a.sequence), a.as_of, enum_name(pb.AlertSeverity, a.severity), a.provider_id,
              enum_name(pb.AlertKind, a.kind), a.title) for a in alerts],
            f"alerts printed vs ListAlerts:\n{done.stdout}")
        self.assertIn(f"Received {len(alerts)} alerts; resume with --after {alerts[-1].sequence}",
                      done.stdout)

    def administration(self, client: OversightClient, provider_id: str) -> list[int]:
        """Puts a provider into administration and re-scores it: the new alerts' sequences."""
        provider = pb.Provider()
        provider.CopyFrom(client.get_provider(provider_id).provider)
        provider.company_status = pb.COMPANY_STATUS_ADMINISTRATION
        provider.provenance.Clear()
        provider.provenance.source = "tests/python e2e"
        client.stub.Submit(pb.SubmitRequest(idempotency_key=f"py-e2e-administration-{provider_id}",
                                            record=pb.Record(provider=provider)),
                           **client.call_kwargs(STEP_TIMEOUT))
        rescored = client.stub.Rescore(pb.RescoreRequest(provider_id=provider_id, as_of=self.as_of),
                                       **client.call_kwargs(STEP_TIMEOUT))
        self.assertEqual(len(rescored.failures), 0, str(rescored))
        sequences = [a.sequence for a in rescored.new_alerts]
        self.assertTrue(any(a.kind == pb.ALERT_KIND_BUSINESS_FAILURE for a in rescored.new_alerts),
                        f"administration raises business_failure for {provider_id}: {rescored}")
        return sorted(sequences)

    def test_following_resumes_across_a_server_restart(self) -> None:
        client = self.connect()
        healthy = [p.provider_id for p in client.list_providers(rating="green")]
        healthy = healthy or [p.provider_id for p in client.list_providers(rating="amber")]
        self.assertGreaterEqual(len(healthy), 2, "two providers not yet failing")
        start = client.list_alerts()[-1].sequence

        received: list[int] = []
        arrived = threading.Condition()
        failure: list[BaseException] = []
        follower = self.connect().follow_alerts(start, timeout=STEP_TIMEOUT)

        def follow() -> None:
            try:
                for alert in follower:
                    with arrived:
                        received.append(alert.sequence)
                        arrived.notify_all()
            except BaseException as error:  # reported by the main thread
                failure.append(error)
            finally:
                with arrived:
                    arrived.notify_all()

        thread = threading.Thread(target=follow, daemon=True)
        thread.start()
        self.addCleanup(thread.join, STOP_TIMEOUT)
        self.addCleanup(follower.cancel)

        def wait_for(expected: list[int]) -> None:
            with arrived:
                arrived.wait_for(lambda: received[: len(expected)] == expected or failure
                                 or not thread.is_alive(), timeout=ALERT_TIMEOUT)
            self.assertEqual(failure, [])
            self.assertEqual(received, expected, "alerts followed, in order, without repeats; "
                             f"server log:\n{self.server.log()}")

        before = self.administration(client, healthy[-1])
        wait_for(before)  # delivered live

        status = self.server.stop()
        self.assertEqual(status, 0, f"oversightd shut down cleanly on SIGTERM:\n{self.server.log()}")
        type(self).server = Oversightd(self.oversightd, self.store, self.server.log_path,
                                       port=self.server.port)
        client = self.connect()
        after = self.administration(client, healthy[-2])
        wait_for(before + after)  # delivered after resubscribing to the new process

        self.assertGreaterEqual(follower.reconnects, 1, "the follower resubscribed")
        self.assertEqual([a.sequence for a in client.list_alerts(start)], before + after,
                         "the follower saw exactly what the store holds")
        follower.cancel()
        thread.join(STOP_TIMEOUT)
        self.assertFalse(thread.is_alive(), "cancel ended the follower")


if __name__ == "__main__":
    unittest.main()
