#!/usr/bin/env python3
"""End-to-end test of the live oversight dashboard in a real browser.

oversightd (SQLite in a temporary folder, --insecure on 127.0.0.1) is loaded
with the sample market by the `oversight` CLI and scored; oversight-dashboard
follows it; Debian's headless Chromium, driven over the DevTools protocol
(a minimal WebSocket client below: the standard library has none), logs in
and the test checks what the page shows:

  1. the ranked table lists every provider of the sample market;
  2. the live feed shows exactly the store's alerts (sequences as in
     `oversight alerts list`), none doubled;
  3. a covenant tightened to below P001's tested leverage, then a re-score,
     brings a new alert onto the page with no reload;
  4. oversightd killed with SIGKILL: the page shows the outage; restarted on
     the same store and port, the page recovers, and an alert raised after
     the restart arrives with none missing or doubled;
  5. the gateway itself stopped and restarted while an alert is raised: the
     browser resumes from its Last-Event-ID and again misses nothing;
  6. screenshots of the dashboard and of a provider's detail view are saved
     in --artifacts for a person to look at.

Traffic is on 127.0.0.1 only; every wait is bounded; everything started is
stopped on exit, whatever happens.
"""

import argparse
import base64
import glob
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

DEADLINE = 120.0  # seconds for any one expected change (ASan builds on 2 shared cores)
TOKEN = "e2e-dashboard-token-7f3a9c1d5b"


class Failure(Exception):
    pass


def wait_until(what, predicate, deadline=DEADLINE, interval=0.2):
    """Polls `predicate` until it returns a truthy value; Failure after `deadline`."""
    end = time.monotonic() + deadline
    last = None
    while time.monotonic() < end:
        try:
            last = predicate()
        except (OSError, Failure) as error:  # a process mid-restart
            last = error
        if last and not isinstance(last, Exception):
            return last
        time.sleep(interval)
    raise Failure(f"timed out after {deadline:.0f}s waiting for {what} (last: {last!r})")


# --------------------------------------------------------------- processes
class Processes:
    def __init__(self, work):
        self.work = work
        self.running = {}

    def start(self, name, argv, env=None):
        log = open(os.path.join(self.work, f"{name}.log"), "ab")
        proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        self.running[name] = proc
        return proc

    def log(self, name):
        path = os.path.join(self.work, f"{name}.log")
        if not os.path.exists(path):
            return ""
        with open(path, "r", errors="replace") as f:
            return f.read()

    def stop(self, name, sig=signal.SIGTERM, grace=30.0):
        proc = self.running.pop(name, None)
        if proc is None or proc.poll() is not None:
            return proc.returncode if proc else None
        proc.send_signal(sig)
        try:
            return proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            return proc.wait(timeout=30)

    def stop_all(self):
        for name in list(self.running):
            self.stop(name, grace=10.0)


def port_from_log(processes, name, pattern):
    def find():
        proc = processes.running[name]
        if proc.poll() is not None:
            raise Failure(f"{name} exited with {proc.returncode}:\n{processes.log(name)}")
        m = re.search(pattern, processes.log(name))
        return int(m.group(1)) if m else None
    return wait_until(f"{name} to report its port", find)


# --------------------------------------------------------------- DevTools
class DevTools:
    """Just enough of RFC 6455 and the Chrome DevTools Protocol for this test."""

    def __init__(self, ws_url):
        m = re.match(r"ws://127\.0\.0\.1:(\d+)(/.*)", ws_url)
        if not m:
            raise Failure(f"unexpected DevTools URL {ws_url}")
        self.sock = socket.create_connection(("127.0.0.1", int(m.group(1))), timeout=DEADLINE)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {m.group(2)} HTTP/1.1\r\nHost: 127.0.0.1:{m.group(1)}\r\n"
                           f"Upgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise Failure("DevTools closed the WebSocket handshake")
            response += chunk
        head, self.buffer = response.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise Failure(f"DevTools refused the WebSocket: {head[:200]!r}")
        self.next_id = 0

    def _recv_exact(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise Failure("DevTools closed the WebSocket")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def _send_text(self, text):
        payload = text.encode()
        header = bytes([0x81])
        n = len(payload)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(header + mask + masked)

    def _recv_message(self):
        message = b""
        while True:
            b0, b1 = self._recv_exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._recv_exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._recv_exact(8))[0]
            mask = self._recv_exact(4) if b1 & 0x80 else None
            payload = self._recv_exact(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            opcode = b0 & 0x0F
            if opcode == 0x8:
                raise Failure("DevTools closed the WebSocket")
            if opcode in (0x9, 0xA):  # ping/pong: Chromium does not ping, ignore
                continue
            message += payload
            if b0 & 0x80:
                return json.loads(message)

    def call(self, method, **params):
        self.next_id += 1
        self._send_text(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = self._recv_message()
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise Failure(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            raise Failure(f"page script failed: {expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))


# --------------------------------------------------------------- the test
def run(args, work, processes):
    sample = args.sample
    as_of = open(os.path.join(sample, "AS_OF")).read().strip()
    store = os.path.join(work, "oversight.db")
    os.makedirs(args.artifacts, exist_ok=True)

    def start_oversightd(port):
        processes.start("oversightd", [args.oversightd, f"--listen=127.0.0.1:{port}",
                                       f"--store=sqlite:{store}", "--insecure",
                                       f"--as_of_default={as_of}"])
        return port_from_log(processes, "oversightd", r"oversightd listening on 127\.0\.0\.1:(\d+)")

    grpc_port = start_oversightd(0)
    cli_env = dict(os.environ, OVERSIGHT_SERVER=f"127.0.0.1:{grpc_port}", OVERSIGHT_INSECURE="1")
    cli_env.pop("OVERSIGHT_TOKEN", None)

    def cli(*argv, timeout=300):
        done = subprocess.run([args.oversight, *argv], env=cli_env, capture_output=True, text=True,
                              timeout=timeout, stdin=subprocess.DEVNULL)
        if done.returncode != 0:
            raise Failure(f"oversight {' '.join(argv)} exited {done.returncode}:\n"
                          f"{done.stdout}\n{done.stderr}")
        return done.stdout

    def store_sequences():
        out = cli("alerts", "list", "--json", "--limit=1000")
        return sorted(int(s) for s in re.findall(r'"sequence":\s*"?(\d+)', out))

    def tighten_covenant(provider, facility, max_leverage, name):
        """Resubmits a facility with its leverage covenant below the tested ratio, re-scores."""
        with open(os.path.join(sample, "facilities.csv")) as f:
            lines = f.read().splitlines()
        header = lines[0].split(",")
        column = header.index("max_net_leverage")
        row = next(l for l in lines[1:] if l.startswith(f"{provider},{facility},"))
        cells = row.split(",")
        cells[column] = str(max_leverage)
        # The CLI knows a file's kind by its name (docs/data-format.md).
        path = os.path.join(work, f"facilities-{name}.csv")
        with open(path, "w") as f:
            f.write(lines[0] + "\n" + ",".join(cells) + "\n")
        cli("load", path)
        cli("nightly", f"--as-of={as_of}")

    cli("health", "--wait=60s")
    cli("load", *sorted(glob.glob(os.path.join(sample, "*.csv"))))
    cli("nightly", f"--as-of={as_of}")
    providers_expected = sum(1 for _ in open(os.path.join(sample, "providers.csv"))) - 1
    initial = store_sequences()
    if not initial:
        raise Failure("the sample market raised no alerts; the feed check needs some")

    token_file = os.path.join(work, "dashboard.token")
    with open(token_file, "w") as f:
        f.write(TOKEN + "\n")

    def start_gateway(port):
        processes.start("dashboard", [args.dashboard, f"--server=127.0.0.1:{grpc_port}", "--insecure",
                                      f"--listen=127.0.0.1:{port}",
                                      f"--dashboard_token_file={token_file}"])
        return port_from_log(processes, "dashboard",
                             r"oversight-dashboard listening on http://127\.0\.0\.1:(\d+)/")

    http_port = start_gateway(0)
    base = f"http://127.0.0.1:{http_port}"

    # Without a login nothing but the login page is served.
    try:
        urllib.request.urlopen(f"{base}/api/providers", timeout=30)
        raise Failure("/api/providers answered without a login")
    except urllib.error.HTTPError as error:
        if error.code != 401:
            raise Failure(f"/api/providers without a login: HTTP {error.code}, expected 401")

    # --- the browser
    profile = os.path.join(work, "chromium-profile")
    processes.start("chromium", [args.chromium, "--headless", "--no-sandbox", "--disable-gpu",
                                 "--disable-quic", "--no-first-run", "--disable-background-networking",
                                 "--disable-component-update", "--disable-sync",
                                 "--disable-default-apps", "--disable-extensions", "--mute-audio",
                                 "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                                 f"--user-data-dir={profile}", "--window-size=1600,1100",
                                 "about:blank"])

    def devtools_port():
        path = os.path.join(profile, "DevToolsActivePort")
        if processes.running["chromium"].poll() is not None:
            raise Failure(f"chromium exited:\n{processes.log('chromium')}")
        if os.path.exists(path):
            lines = open(path).read().split()
            return int(lines[0]) if lines else None
        return None
    cdp_port = wait_until("Chromium's DevTools port", devtools_port)

    def page_target():
        with urllib.request.urlopen(f"http://127.0.0.1:{cdp_port}/json/list", timeout=30) as r:
            targets = [t for t in json.load(r) if t.get("type") == "page"]
        return targets[0]["webSocketDebuggerUrl"] if targets else None
    page = DevTools(wait_until("a Chromium page", page_target))
    page.call("Page.enable")
    page.call("Runtime.enable")
    page.call("Emulation.setDeviceMetricsOverride", width=1600, height=1100, deviceScaleFactor=1,
              mobile=False)

    page.call("Page.navigate", url=f"{base}/")
    wait_until("the login page", lambda: page.evaluate(
        "location.pathname === '/login' && !!document.getElementById('token')"))
    page.evaluate(f"document.getElementById('token').value = {json.dumps(TOKEN)};"
                  "document.getElementById('login-button').click(); true")

    def page_state():
        return page.evaluate("""(() => {
          if (location.pathname !== '/' || typeof dashboard === 'undefined') return null;
          const items = [...document.querySelectorAll('#alerts li')].map(li => Number(li.dataset.sequence));
          return {
            rows: document.querySelectorAll('#providers tbody tr').length,
            firstRating: (document.querySelector('#providers tbody tr .rating') || {}).textContent,
            items: items,
            duplicates: dashboard.duplicates,
            upstream: dashboard.upstream,
            gateway: dashboard.gatewayConnected,
            outages: dashboard.outages,
            banner: document.getElementById('banner').hidden ? '' :
                    document.getElementById('banner').className + ': ' + document.getElementById('banner').textContent,
            regions: document.querySelectorAll('#regions .region').length,
          };
        })()""")

    def feed_matches(expected, what):
        def check():
            state = page_state()
            if not state:
                return None
            shown = sorted(state["items"])
            if state["duplicates"] != 0 or len(shown) != len(set(shown)):
                raise Failure(f"{what}: an alert was shown twice: {shown} (duplicates "
                              f"received: {state['duplicates']})")
            return state if shown == expected else None
        try:
            return wait_until(what, check)
        except Failure:
            state = page_state() or {}
            raise Failure(f"{what}: page shows {sorted(state.get('items', []))}, store has {expected}")

    # 1-2. The ranked table and the feed as the store has them.
    state = wait_until("the ranked table to list every provider",
                       lambda: (lambda s: s if s and s["rows"] == providers_expected else None)(page_state()))
    if state["firstRating"] not in ("red", "black"):
        raise Failure(f"the worst-ranked provider shows rating {state['firstRating']!r}, expected red or black")
    wait_until("the nine regions", lambda: (page_state() or {}).get("regions") == 9)
    feed_matches(initial, "the initial alerts on the page")
    print(f"dashboard: {providers_expected} providers ranked, {len(initial)} alerts in the feed "
          f"(#{initial[0]}..#{initial[-1]})")

    # 3. A new covenant breach arrives live.
    tighten_covenant("P001", "TLB", 4.0, "p001-breach")
    after_breach = store_sequences()
    if len(after_breach) <= len(initial):
        raise Failure("tightening P001's covenant raised no new alert")
    feed_matches(after_breach, "the P001 covenant alert on the page")
    new_titles = page.evaluate(
        "[...document.querySelectorAll('#alerts li')].filter(li => li.dataset.provider === 'P001')"
        ".map(li => li.textContent).join(' | ')")
    if "ovenant" not in new_titles:
        raise Failure(f"no covenant alert for P001 on the page: {new_titles}")
    print(f"dashboard: live alert(s) {after_breach[len(initial):]} appeared without a reload")

    # 4. oversightd killed: outage shown; restarted: recovery with nothing lost or doubled.
    outages_before = page_state()["outages"]
    processes.stop("oversightd", sig=signal.SIGKILL)
    state = wait_until("the page to show the lost connection", lambda: (lambda s: s if s and
                       s["upstream"] == "down" and "lost" in s["banner"] else None)(page_state()))
    print(f"dashboard: outage shown: {state['banner']}")
    page.screenshot(os.path.join(args.artifacts, "dashboard-outage.png"))
    start_oversightd(grpc_port)
    cli("health", "--wait=60s")
    wait_until("the page to show the connection back", lambda: (lambda s: s if s and
               s["upstream"] == "up" and s["gateway"] and "back" in s["banner"] else None)(page_state()))
    if page_state()["outages"] != outages_before + 1:
        raise Failure("the outage was not counted exactly once")
    tighten_covenant("P039", "TL", 1.0, "p039-breach")
    after_restart = store_sequences()
    if len(after_restart) <= len(after_breach):
        raise Failure("tightening P039's covenant raised no new alert")
    feed_matches(after_restart, "the alerts after oversightd's restart")
    print(f"dashboard: recovered after SIGKILL; alert(s) {after_restart[len(after_breach):]} "
          "arrived, none missing or doubled")

    # 5. The gateway restarts while an alert is raised: the browser resumes.
    code = processes.stop("dashboard")
    if code != 0:
        raise Failure(f"oversight-dashboard exited {code} on SIGTERM:\n{processes.log('dashboard')[-4000:]}")
    wait_until("the page to notice the gateway has gone",
               lambda: (lambda s: s if s and not s["gateway"] else None)(page_state()))
    tighten_covenant("P040", "TL", 1.0, "p040-breach")
    after_gateway = store_sequences()
    if len(after_gateway) <= len(after_restart):
        raise Failure("tightening P040's covenant raised no new alert")
    start_gateway(http_port)
    feed_matches(after_gateway, "the alerts after the gateway's restart (Last-Event-ID resume)")
    wait_until("the page to show the connection back",
               lambda: (lambda s: s if s and s["gateway"] and s["upstream"] == "up" else None)(page_state()))
    print(f"dashboard: browser resumed after the gateway restart; alert(s) "
          f"{after_gateway[len(after_restart):]} arrived, none missing or doubled")

    # 6. What a person sees.
    wait_until("the ranked table after the restart",
               lambda: (page_state() or {}).get("rows") == providers_expected)
    time.sleep(1.0)  # let the 3-second highlight of the newest alerts fade for a clean picture
    page.screenshot(os.path.join(args.artifacts, "dashboard.png"))
    page.evaluate("openDetail('P001'); true")
    wait_until("P001's detail view with its charts", lambda: page.evaluate(
        "!document.getElementById('detail').hidden && "
        "document.querySelectorAll('#detail-body .chart svg').length >= 5"))
    page.screenshot(os.path.join(args.artifacts, "dashboard-detail.png"))
    print(f"dashboard: screenshots in {args.artifacts}")

    code = processes.stop("dashboard")
    if code != 0:
        raise Failure(f"oversight-dashboard exited {code} on SIGTERM:\n{processes.log('dashboard')[-4000:]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--oversightd", required=True)
    parser.add_argument("--oversight", required=True)
    parser.add_argument("--dashboard", required=True)
    parser.add_argument("--sample", required=True)
    parser.add_argument("--artifacts", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    for binary in (args.oversightd, args.oversight, args.dashboard, args.chromium):
        if not os.access(binary, os.X_OK):
            print(f"dashboard e2e: {binary} is not an executable (deploy/install-deps.sh installs "
                  "chromium)", file=sys.stderr)
            return 1
    work = tempfile.mkdtemp(prefix="oversight-dashboard-e2e.")
    processes = Processes(work)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        run(args, work, processes)
        print("dashboard e2e: 1 passed, 0 failed")
        return 0
    except (Failure, subprocess.TimeoutExpired) as failure:
        print(f"dashboard e2e FAILED: {failure}", file=sys.stderr)
        for name in ("oversightd", "dashboard", "chromium"):
            log = processes.log(name)
            if log:
                print(f"--- {name} log (last 3000 characters) ---\n{log[-3000:]}", file=sys.stderr)
        return 1
    finally:
        processes.stop_all()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
