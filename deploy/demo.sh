#!/usr/bin/env bash
# The product's main job, end to end, on the illustrative sample market:
#   oversightd on a fresh SQLite store (loopback, plaintext), a live alert
#   subscriber, `oversight load` of deploy/sample, the nightly re-scoring as of
#   deploy/sample/AS_OF, the ranked table, and the alerts the subscriber
#   received. Run by `make demo` after the release build:
#       deploy/demo.sh build/bin
# Exit 0 only when every step succeeded and the subscriber received every
# alert the nightly job reported (at least one). Never leaves a server running.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 BINDIR   (the directory holding oversightd and oversight)" >&2
  exit 1
fi
BINDIR=$(cd "$1" && pwd)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SAMPLE="$ROOT/deploy/sample"
for binary in oversightd oversight; do
  if [ ! -x "$BINDIR/$binary" ]; then
    echo "demo: $BINDIR/$binary not found; build first (make build)" >&2
    exit 1
  fi
done
AS_OF=$(tr -d '[:space:]' < "$SAMPLE/AS_OF")

WORK=$(mktemp -d "${TMPDIR:-/tmp}/oversight-demo.XXXXXX")
SERVER_PID=""
TAIL_PID=""
FAILED=1

stop() {  # stop PID: SIGTERM, then SIGKILL after 10 s
  local pid=$1
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  stop "$TAIL_PID"
  stop "$SERVER_PID"
  if [ "$FAILED" -ne 0 ]; then
    echo >&2
    echo "demo FAILED; server log:" >&2
    sed 's/^/  /' "$WORK/oversightd.log" >&2 2>/dev/null || true
    if [ -s "$WORK/tail.err" ]; then
      echo "alert subscriber log:" >&2
      sed 's/^/  /' "$WORK/tail.err" >&2
    fi
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

heading() {
  echo
  echo "== $* =="
}

heading "Starting oversightd on a fresh SQLite store"
"$BINDIR/oversightd" --listen=127.0.0.1:0 --store="sqlite:$WORK/oversight.db" --insecure \
  >"$WORK/oversightd.log" 2>&1 &
SERVER_PID=$!
PORT=""
for _ in $(seq 1 300); do  # up to 30 s for the first line
  PORT=$(sed -n 's/^oversightd listening on 127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$WORK/oversightd.log" | head -n 1)
  [ -n "$PORT" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "demo: oversightd exited at start-up" >&2; exit 1; }
  sleep 0.1
done
[ -n "$PORT" ] || { echo "demo: oversightd did not report its port" >&2; exit 1; }
export OVERSIGHT_SERVER="127.0.0.1:$PORT" OVERSIGHT_INSECURE=1
OVERSIGHT="$BINDIR/oversight"
grep -m 1 "listening on" "$WORK/oversightd.log"
"$OVERSIGHT" health --wait=30s

heading "Subscribing to the live alert stream"
"$OVERSIGHT" alerts tail --state="$WORK/alerts.seq" >"$WORK/alerts.txt" 2>"$WORK/tail.err" &
TAIL_PID=$!
echo "alerts tail running (pid $TAIL_PID)"

heading "Loading the sample market (deploy/sample)"
"$OVERSIGHT" load "$SAMPLE"/*.csv

heading "Nightly re-scoring as of $AS_OF"
"$OVERSIGHT" nightly --as-of="$AS_OF" --report="$WORK/nightly.json"

heading "Providers ranked by failure risk, worst first"
"$OVERSIGHT" providers

heading "Alerts received by the live subscriber"
# The sequences the nightly job reported as new: every one must reach the
# subscriber. Bounded wait: 30 s.
EXPECTED=$(grep -o '"sequence": *"\{0,1\}[0-9]*' "$WORK/nightly.json" | grep -o '[0-9]*$' | sort -u)
EXPECTED_COUNT=$(printf '%s\n' "$EXPECTED" | grep -c . || true)
if [ "$EXPECTED_COUNT" -eq 0 ]; then
  echo "demo: the nightly run reported no new alerts" >&2
  exit 1
fi
missing="$EXPECTED"
for _ in $(seq 1 300); do
  received=$(grep -o '^#[0-9]*' "$WORK/alerts.txt" | tr -d '#' | sort -u || true)
  missing=$(comm -23 <(printf '%s\n' "$EXPECTED") <(printf '%s\n' "$received"))
  [ -z "$missing" ] && break
  kill -0 "$TAIL_PID" 2>/dev/null || { echo "demo: the alert subscriber exited" >&2; exit 1; }
  sleep 0.1
done
if [ -n "$missing" ]; then
  echo "demo: the subscriber did not receive alert(s) $(echo $missing) within 30 s" >&2
  exit 1
fi
cat "$WORK/alerts.txt"
echo
echo "the live subscriber received all $EXPECTED_COUNT alerts the nightly run reported"

heading "State-of-the-market report"
# Kept after the demo (the work directory is removed on exit) so it can be
# opened in a browser or printed.
REPORT_DIR=$(mktemp -d "${TMPDIR:-/tmp}/oversight-report.XXXXXX")
"$OVERSIGHT" report --out="$REPORT_DIR"
echo "open file://$REPORT_DIR/report.html"

heading "Done"
FAILED=0
