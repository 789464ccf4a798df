#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
# Builds the libFuzzer harnesses (in the asan preset's build: clang, ASan + UBSan) and
# runs each for SECONDS seconds (default 60) from its seed corpus in
# tests/fuzz/corpus/NAME. New inputs libFuzzer finds go to a scratch corpus,
# never into the tree. Exits non-zero at the first harness that crashes or
# breaks a property; the input that did it is left in build-asan/crashes/.
# Prints one line per harness: its executions and how long it ran.
#   tests/fuzz/run.sh [SECONDS] [NAME...]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
packaging/install-deps.sh --with-fuzz
cmake --preset asan ${CROSSDOCK_WERROR:+-DCROSSDOCK_WERROR=$CROSSDOCK_WERROR} >/dev/null
cmake --build build-asan -j"$(nproc)" --target crossdock-fuzzers
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  names=(reference digest manifest authchallenge authfile syncyaml semver headers template registriesconf layercompression trustpolicy registriesd)
fi
mkdir -p build-asan/crashes
for name in "${names[@]}"; do
  scratch=$(mktemp -d)
  log=build-asan/fuzz_$name.log
  # -rss_limit_mb: a parser that balloons is a failure too.
  if ! build-asan/tests/fuzz/fuzz_"$name" -max_total_time="$seconds" -rss_limit_mb=1024 -print_final_stats=1 \
      -artifact_prefix=build-asan/crashes/"$name"- "$scratch" tests/fuzz/corpus/"$name" >"$log" 2>&1; then
    rm -rf "$scratch"
    tail -n 40 "$log" >&2
    echo "fuzz_$name FAILED (log: $log; input: build-asan/crashes/$name-*)" >&2
    exit 1
  fi
  rm -rf "$scratch"
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  echo "fuzz_$name: $runs executions in ${seconds} s, no crash"
done
