#!/usr/bin/env bash
# The benchmarks behind `make bench` (docs/performance.md):
#   1. core_bench: the risk core on the synthetic market (Google Benchmark);
#   2. oversight_load: oversightd on SQLite against an empty gRPC baseline,
#      both started on 127.0.0.1 by the load generator and stopped by it;
#   3. import_bench and import_archive_bench: the Companies House importer,
#      parse + map on one core, and a synthetic monthly archive imported end
#      to end through oversightd (docs/import-performance.md).
# Usage: bench/run.sh BUILD_DIR   (a Release build; binaries in BUILD_DIR/bin)
# Results: BUILD_DIR/bench-results/{core.json,load.json,*.txt}.
# Bounded: each step runs under `timeout`; the whole script takes about
# 5.5 minutes on a 2-core machine (core_bench ~3, oversight_load ~1.5,
# importer ~0.5) and never more than 10 (timeouts 330 + 240 + 45 + 45 s).
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
BUILD=$(cd "$1" && pwd)
BIN="$BUILD/bin"
OUT="$BUILD/bench-results"
for binary in core_bench oversight_load oversight_empty_server oversightd oversight import_bench import_archive_bench; do
  if [ ! -x "$BIN/$binary" ]; then
    echo "bench: $BIN/$binary not found; build first (make build)" >&2
    exit 1
  fi
done
if grep -q 'CMAKE_BUILD_TYPE:[A-Z]*=Debug' "$BUILD/CMakeCache.txt" 2>/dev/null; then
  echo "bench: $BUILD is a Debug build; the figures are meaningless without optimisation" >&2
  exit 1
fi
mkdir -p "$OUT"

echo "== machine =="
echo "nproc: $(nproc)"
grep -m 1 'model name' /proc/cpuinfo || true
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "== risk core (core_bench) =="
# CPU time is the one-core figure: AssessMarket and RunStress run on the
# calling thread only.
timeout --kill-after=10 330 "$BIN/core_bench" \
  --benchmark_min_time=0.2 \
  --benchmark_counters_tabular=true \
  --benchmark_out="$OUT/core.json" --benchmark_out_format=json | tee "$OUT/core.txt"

echo
echo "== service (oversight_load) =="
timeout --kill-after=20 240 "$BIN/oversight_load" \
  --providers="${BENCH_PROVIDERS:-10000}" \
  --json="$OUT/load.json" | tee "$OUT/load.txt"

echo
echo "== importer (import_bench, import_archive_bench) =="
timeout --kill-after=5 45 "$BIN/import_bench" \
  --benchmark_min_time=0.2 \
  --benchmark_counters_tabular=true \
  --benchmark_out="$OUT/import.json" --benchmark_out_format=json | tee "$OUT/import.txt"
timeout --kill-after=5 45 "$BIN/import_archive_bench" \
  --json="$OUT/import-archive.json" | tee "$OUT/import-archive.txt"

echo
echo "results in $OUT"
