#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
# Sync over a slow network: 50 small images (3 layers of 64 KiB each) synced
# from one local registry to another with ~2*DELAY_MS of round trip added in
# front of each (bench/latencyproxy), by crossdock-cli sync and skopeo sync
# from the same YAML file, in the same run; then the same sync again with
# nothing changed. Reports median wall times, ratios and peak memory.
# Usage: bench/sync.sh [RUNS]   (DELAY_MS=15 by default; needs packaging/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
DELAY=${DELAY_MS:-15}
CLI=$PWD/build/app/crossdock-cli
PROXY=$PWD/build/bench/latencyproxy
[ -x "$CLI" ] && [ -x "$PROXY" ] || { echo "build first: packaging/build.sh" >&2; exit 1; }
packaging/install-deps.sh --with-bench

WORK=$(mktemp -d /tmp/crossdock-sync-bench.XXXXXX)
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"


echo "Preparing 50 small images..." >&2
SRC=$(start_registry src)
for i in $(seq -w 1 50); do
  make_layout "$WORK/small$i" 1 3 65536
  skopeo copy -q --dest-tls-verify=false "oci:$WORK/small$i:1" "docker://$SRC/bench/small$i:1" >/dev/null
done
SRCP=$(start_proxy "$SRC")
{
  echo "$SRCP:"
  echo "  tls-verify: false"
  echo "  images:"
  for i in $(seq -w 1 50); do echo "    bench/small$i: [\"1\"]"; done
} > "$WORK/sync.yml"

for run in $(seq "$RUNS"); do
  echo "Run $run of $RUNS..." >&2
  for tool in crossdock skopeo; do
    if [ $tool = crossdock ]; then SYNC=("$CLI" sync -q); else SYNC=(skopeo sync); fi
    DST=$(start_registry "dst-$tool-$run")
    DSTP=$(start_proxy "$DST")
    measure "$WORK/first.$tool" "${SYNC[@]}" --src yaml --dest docker --dest-tls-verify=false "$WORK/sync.yml" "$DSTP/mirror"
    measure "$WORK/again.$tool" "${SYNC[@]}" --src yaml --dest docker --dest-tls-verify=false "$WORK/sync.yml" "$DSTP/mirror"
  done
done

echo
echo "Machine: $(nproc) cores; $(skopeo --version); crossdock-cli $("$CLI" --version | cut -d' ' -f2); runs: $RUNS;" \
  "added latency ${DELAY} ms each way ($((2 * DELAY)) ms round trip) in front of both registries"
echo
echo "| case | crossdock (median) | skopeo (median) | ratio | crossdock peak RSS | skopeo peak RSS |"
echo "|---|---|---|---|---|---|"
report "sync 50 small images" "$WORK/first.crossdock" "$WORK/first.skopeo"
report "re-sync, nothing changed" "$WORK/again.crossdock" "$WORK/again.skopeo"
