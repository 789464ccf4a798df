#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
# Benchmarks crossdock-cli against Debian's skopeo on this machine, in one run:
#  (a) a 1 GiB image (10 incompressible 100 MiB layers) copied between two
#      local registries, into a fresh destination registry for every run;
#  (b) the same image promoted to another repository on the same registry;
#  (c) 50 small images copied one by one.
# Reports the median wall time of RUNS runs, peak RSS (GNU time), and ratios.
# Usage: bench/run.sh [RUNS] [CASES]   (needs a built tree: packaging/build.sh)
#   CASES: the letters of the cases to run, "abcdef" by default ("a": the 1 GiB copy only).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
CASES=${2:-abcdef}
want() { [[ $CASES == *$1* ]]; }
CLI=$PWD/build/app/crossdock-cli
[ -x "$CLI" ] || { echo "build first: packaging/build.sh" >&2; exit 1; }
packaging/install-deps.sh --with-bench

WORK=$(mktemp -d /tmp/crossdock-bench.XXXXXX)
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

echo "Preparing: 1 GiB image (10 x 100 MiB random layers) and 50 small images..." >&2
SRC=$(start_registry source)
make_layout "$WORK/big" big 10 $((100 * 1024 * 1024))
skopeo copy -q --dest-tls-verify=false "oci:$WORK/big:big" "docker://$SRC/bench/big:1"
rm -rf "$WORK/big"
if want c; then for i in $(seq -w 1 50); do
  make_layout "$WORK/small" "s$i" 3 $((64 * 1024))
  skopeo copy -q --dest-tls-verify=false "oci:$WORK/small:s$i" "docker://$SRC/bench/small$i:1"
  rm -rf "$WORK/small"
done; fi

for tool in crossdock skopeo; do : > "$WORK/a.$tool"; : > "$WORK/b.$tool"; : > "$WORK/c.$tool"; done
for run in $(seq "$RUNS"); do
  echo "Run $run of $RUNS..." >&2
  for tool in crossdock skopeo; do
    if [ $tool = crossdock ]; then COPY=("$CLI" copy -q --src-tls-verify=false --dest-tls-verify=false)
    else COPY=(skopeo copy -q --src-tls-verify=false --dest-tls-verify=false); fi
    # (a) a fresh destination registry every run: both tools remember blob
    # locations and would otherwise mount instead of copy.
    DST=$(start_registry "dst-$tool-$run")
    if want a || want b; then
      measure "$WORK/a.$tool" "${COPY[@]}" "docker://$SRC/bench/big:1" "docker://$DST/bench/big:1"
    fi
    # (b) promotion inside one registry (mounts, no blob bytes should move)
    if want b; then measure "$WORK/b.$tool" "${COPY[@]}" "docker://$DST/bench/big:1" "docker://$DST/prod/big-$run:1"; fi
    # (c) 50 small images, one process each, as a pipeline would
    if want c; then
      DST2=$(start_registry "dst2-$tool-$run")
      start=$(date +%s.%N); peak=0
      for i in $(seq -w 1 50); do
        /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "${COPY[@]}" "docker://$SRC/bench/small$i:1" "docker://$DST2/bench/small$i:1" >/dev/null
        rss=$(cut -d' ' -f2 "$WORK/time.txt"); [ "$rss" -gt "$peak" ] && peak=$rss
      done
      echo "$(echo "$(date +%s.%N) - $start" | bc -l) $peak" >> "$WORK/c.$tool"
    fi
    rm -rf "$WORK/dst-$tool-$run" "$WORK/dst2-$tool-$run"
  done
done

report_header "$RUNS" "$CLI"
if want a; then report "(a) 1 GiB copy, registry to registry" "$WORK/a.crossdock" "$WORK/a.skopeo"; fi
if want b; then report "(b) 1 GiB promotion, same registry" "$WORK/b.crossdock" "$WORK/b.skopeo"; fi
if want c; then report "(c) 50 small images, one by one" "$WORK/c.crossdock" "$WORK/c.skopeo"; fi

# (d) GUI responsiveness: a 20,000-tag repository opened in a registry pane
# (offscreen), event-loop stalls timestamped by a 10 ms timer.
if want d; then
  echo
  echo "(d) browsing a 20,000-tag repository (build/bench/bench-browse):"
  QT_QPA_PLATFORM=offscreen "$PWD/build/bench/bench-browse" 2>/dev/null
fi

# (e) GUI responsiveness during a 1 GiB promotion driven from the GUI
# (offscreen): drag, promote dialog, copy through the engine's thread while
# 2,000 tags are re-sorted and filtered; compared with skopeo copy.
if want e; then
  echo
  echo "(e) promoting a 1 GiB image from the GUI (build/bench/bench-promote):"
  QT_QPA_PLATFORM=offscreen "$PWD/build/bench/bench-promote" 2>/dev/null
fi

# (f) the search across registries (Ctrl+K) over 3 x 10,000 repositories:
# catalogs listed by the app's own code, then queries typed a key at a time.
if want f; then
  echo
  echo "(f) searching 3 registries of 10,000 repositories (build/bench/bench-search):"
  QT_QPA_PLATFORM=offscreen "$PWD/build/bench/bench-search" 2>/dev/null
fi
