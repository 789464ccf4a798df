#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
# [convert] benchmark: a 1 GiB image (8 gzip layers of 128 MiB of real files:
# this machine's /usr/lib as a tar stream) recompressed to zstd between two
# local registries, crossdock-cli against skopeo in the same run, each into
# a fresh destination registry every run. Reports the median wall time,
# peak RSS (GNU time) and the ratio; checks that both wrote zstd layers.
# Usage: bench/convert.sh [RUNS]   (needs a built tree: packaging/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
CLI=$PWD/build/app/crossdock-cli
[ -x "$CLI" ] || { echo "build first: packaging/build.sh" >&2; exit 1; }
packaging/install-deps.sh --with-bench

WORK=$(mktemp -d /tmp/crossdock-bench-convert.XXXXXX)
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

LAYERS=8
LAYER_BYTES=$((128 * 1024 * 1024))
echo "Preparing: $LAYERS gzip layers of $((LAYER_BYTES / 1024 / 1024)) MiB of /usr/lib..." >&2
dir=$WORK/gz
mkdir -p "$dir/blobs/sha256"
echo '{"imageLayoutVersion":"1.0.0"}' > "$dir/oci-layout"
(tar cf - --ignore-failed-read /usr/lib 2>/dev/null || true) | head -c $((LAYERS * LAYER_BYTES)) | split -b "$LAYER_BYTES" -d - "$WORK/part."
descs="" diffs=""
for part in "$WORK"/part.*; do gzip -6 -n "$part" & done; wait
for part in "$WORK"/part.*.gz; do
  diff=$(gzip -dc "$part" | sha256sum | cut -d' ' -f1)
  d=$(sha256sum "$part" | cut -d' ' -f1); size=$(stat -c %s "$part")
  mv "$part" "$dir/blobs/sha256/$d"
  descs+="${descs:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$d\",\"size\":$size}"
  diffs+="${diffs:+,}\"sha256:$diff\""
done
printf '{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":[%s]}}' "$diffs" > "$dir/config"
d=$(sha256sum "$dir/config" | cut -d' ' -f1); size=$(stat -c %s "$dir/config"); mv "$dir/config" "$dir/blobs/sha256/$d"
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[%s]}' "$d" "$size" "$descs" > "$dir/manifest"
d=$(sha256sum "$dir/manifest" | cut -d' ' -f1); size=$(stat -c %s "$dir/manifest"); mv "$dir/manifest" "$dir/blobs/sha256/$d"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"gz"}}]}' "$d" "$size" > "$dir/index.json"
SRC=$(start_registry source)
skopeo copy -q --dest-tls-verify=false "oci:$dir:gz" "docker://$SRC/bench/gz:1"
echo "Source: $(du -sh "$dir/blobs" | cut -f1) of gzip layers ($((LAYERS * LAYER_BYTES / 1024 / 1024)) MiB uncompressed)" >&2
rm -rf "$dir"

: > "$WORK/crossdock"; : > "$WORK/skopeo"
for run in $(seq "$RUNS"); do
  echo "Run $run of $RUNS..." >&2
  for tool in crossdock skopeo; do
    if [ $tool = crossdock ]; then COPY=("$CLI" copy -q)
    else COPY=(skopeo copy -q); fi
    DST=$(start_registry "dst-$tool-$run")
    measure "$WORK/$tool" "${COPY[@]}" --src-tls-verify=false --dest-tls-verify=false --dest-compress-format zstd \
      "docker://$SRC/bench/gz:1" "docker://$DST/bench/zstd:1"
    # Both must have written zstd layers (else the comparison means nothing).
    layers=$(skopeo inspect --raw --tls-verify=false "docker://$DST/bench/zstd:1" | grep -o 'tar+zstd' | wc -l)
    [ "$layers" -eq "$LAYERS" ] || { echo "$tool wrote $layers zstd layers, not $LAYERS" >&2; exit 1; }
    rm -rf "${WORK:?}/dst-$tool-$run"
  done
done

report_header "$RUNS" "$CLI"
report "(f) 1 GiB gzip image recompressed to zstd, registry to registry" "$WORK/crossdock" "$WORK/skopeo"
