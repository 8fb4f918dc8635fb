#!/usr/bin/env bash
# Builds one libFuzzer target with clang and runs it for a bounded time on a
# copy of its committed corpus; exits non-zero on any crash, leak, sanitizer
# report or timeout.
#
#   tests/fuzz/build-and-run.sh NAME SECONDS [BUILD_DIR]
#
# tests/fuzz/NAME/ holds NAME_fuzzer.cc (LLVMFuzzerTestOneInput), corpus/
# (small seed files), optionally NAME.dict (a libFuzzer dictionary), and
# sources.txt: one library source per line, relative to the repository root;
# a line "pkg-config: a b c" adds the compile and link flags of those
# packages, a line "ldflags: ..." adds raw link flags. Blank lines and lines
# starting with # are ignored.
#
# The main build uses g++; libFuzzer needs clang, so the fuzzer is compiled
# here with clang++-14 against the same sources (Debian's Abseil, libxml2,
# libzip and QuantLib are linked as shared libraries built by g++: the C++
# ABI of libstdc++ 12 is the same for both compilers).
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 NAME SECONDS [BUILD_DIR]" >&2
  exit 2
fi
name=$1
seconds=$2
repo=$(cd "$(dirname "$0")/../.." && pwd)
dir=$repo/tests/fuzz/$name
out=${3:-$repo/build/fuzz}/$name
cxx=${OVERSIGHT_FUZZ_CXX:-clang++-14}

[ -f "$dir/${name}_fuzzer.cc" ] || { echo "fuzz: no $dir/${name}_fuzzer.cc" >&2; exit 2; }
[ -d "$dir/corpus" ] || { echo "fuzz: no $dir/corpus" >&2; exit 2; }
command -v "$cxx" >/dev/null || { echo "fuzz: $cxx not found (Debian packages clang-14, libclang-rt-14-dev)" >&2; exit 2; }

sources=()
pkgs=()
ldflags=()
if [ -f "$dir/sources.txt" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%%#*}
    line=$(echo "$line" | xargs)
    [ -z "$line" ] && continue
    case $line in
      pkg-config:*) read -r -a more <<<"${line#pkg-config:}"; pkgs+=("${more[@]}") ;;
      ldflags:*) read -r -a more <<<"${line#ldflags:}"; ldflags+=("${more[@]}") ;;
      *) sources+=("$repo/$line") ;;
    esac
  done <"$dir/sources.txt"
fi
pkg_cflags=()
pkg_libs=()
if [ ${#pkgs[@]} -gt 0 ]; then
  read -r -a pkg_cflags <<<"$(pkg-config --cflags "${pkgs[@]}")"
  read -r -a pkg_libs <<<"$(pkg-config --libs "${pkgs[@]}")"
fi

mkdir -p "$out/obj"
common=(-std=c++20 -g -O1 -fno-omit-frame-pointer -I"$repo" "${pkg_cflags[@]}")
sanitizers=address,undefined
bin=$out/${name}_fuzzer

# Rebuild when any source, or any header next to one, is newer than the
# binary: a handful of files, so no dependency scanning.
rebuild=0
if [ ! -x "$bin" ]; then
  rebuild=1
else
  for s in "$dir/${name}_fuzzer.cc" "$dir/sources.txt" "${sources[@]}"; do
    [ -e "$s" ] || continue
    if [ -n "$(find "$(dirname "$s")" -maxdepth 1 \( -name '*.h' -o -name '*.cc' -o -name '*.txt' \) -newer "$bin" -print -quit)" ]; then
      rebuild=1
      break
    fi
  done
fi

if [ $rebuild -eq 1 ]; then
  echo "fuzz: building $bin" >&2
  objects=()
  for s in "${sources[@]}"; do
    o=$out/obj/$(echo "${s#"$repo"/}" | tr '/' '_').o
    "$cxx" "${common[@]}" -fsanitize=fuzzer-no-link,$sanitizers -fno-sanitize-recover=undefined \
      -c "$s" -o "$o"
    objects+=("$o")
  done
  "$cxx" "${common[@]}" -fsanitize=fuzzer,$sanitizers -fno-sanitize-recover=undefined \
    "$dir/${name}_fuzzer.cc" "${objects[@]}" "${pkg_libs[@]}" "${ldflags[@]}" -o "$bin.tmp"
  mv "$bin.tmp" "$bin"
fi

# Run on a copy: libFuzzer adds what it finds to the first corpus directory,
# and the committed corpus stays small and reviewed.
work=$(mktemp -d "${TMPDIR:-/tmp}/fuzz-$name.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -r "$dir/corpus/." "$work/"
dict=()
[ -f "$dir/$name.dict" ] && dict=(-dict="$dir/$name.dict")
cd "$out"
set +e
"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$out/" "${dict[@]}" "$work"
rc=$?
set -e
if [ $rc -ne 0 ]; then
  echo "fuzz: $name failed (exit $rc); the crashing input is in $out/ (crash-*, leak-*, timeout-*)" >&2
fi
exit $rc
