#!/usr/bin/env bash
# Installs the Debian 12 packages the project builds, tests and runs with.
# Does nothing when they are all present. Nothing else is ever downloaded.
set -euo pipefail

PACKAGES=(
  # build
  cmake ninja-build pkg-config g++ make
  # gRPC 1.51, Protobuf 3.21 and their code generators
  libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc grpc-proto
  # Abseil 20220623, QuantLib 1.29
  libabsl-dev libquantlib0-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # stores: SQLite (embedded default) and PostgreSQL (client library, and the
  # server the tests start on a loopback port)
  libsqlite3-dev libpq-dev postgresql
  # TLS material for development, JSON for the clients, the Python client
  openssl libssl-dev nlohmann-json3-dev python3 python3-grpcio python3-protobuf
  # tests/deploy: parses the compose file and Kubernetes manifests (kubectl is
  # not packaged in Debian 12, so the manifests are checked structurally)
  python3-yaml
  # the live dashboard's gateway (HTTP server), and the headless browser its
  # end-to-end test drives over the DevTools protocol
  libcpp-httplib-dev chromium
  # the real-data importers: zip archives read in place, a streaming XML
  # reader for (inline) XBRL; clang and its runtime for the libFuzzer targets
  libzip-dev libxml2-dev clang-14 libclang-rt-14-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
