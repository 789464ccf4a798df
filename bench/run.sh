#!/usr/bin/env bash
# Benchmarks crossdock-cli against Debian's skopeo on this machine, in one run:
#  (a) a 1 GiB image (10 incompressible 100 MiB layers) copied between two
#      local registries, into a fresh destination registry for every run;
#  (b) the same image promoted to another repository on the same registry;
#  (c) 50 small images copied one by one.
# Reports the median wall time of RUNS runs, peak RSS (GNU time), and ratios.
# Usage: bench/run.sh [RUNS]   (needs a built tree: packaging/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
CLI=$PWD/build/app/crossdock-cli
[ -x "$CLI" ] || { echo "build first: packaging/build.sh" >&2; exit 1; }
packaging/install-deps.sh --with-bench

WORK=$(mktemp -d /tmp/crossdock-bench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])' 2>/dev/null \
  || shuf -i 20000-60000 -n 1; }

# start_registry NAME -> prints host:port; storage under $WORK/NAME
start_registry() {
  local name=$1 port; port=$(free_port)
  mkdir -p "$WORK/$name"
  cat > "$WORK/$name.yml" <<YML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage:
  filesystem: {rootdirectory: $WORK/$name}
  delete: {enabled: true}
  maintenance: {uploadpurging: {enabled: false}}
http: {addr: 127.0.0.1:$port}
YML
  /usr/bin/docker-registry serve "$WORK/$name.yml" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && break; sleep 0.1; done
  echo "127.0.0.1:$port"
}

# make_layout DIR TAG LAYERS BYTES: an OCI layout with random (incompressible) layers
make_layout() {
  local dir=$1 tag=$2 layers=$3 bytes=$4 i d size diffs="" descs=""
  mkdir -p "$dir/blobs/sha256"
  echo '{"imageLayoutVersion":"1.0.0"}' > "$dir/oci-layout"
  for i in $(seq "$layers"); do
    head -c "$bytes" /dev/urandom > "$dir/layer"
    d=$(sha256sum "$dir/layer" | cut -d' ' -f1)
    mv "$dir/layer" "$dir/blobs/sha256/$d"
    descs+="${descs:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"sha256:$d\",\"size\":$bytes}"
    diffs+="${diffs:+,}\"sha256:$d\""
  done
  printf '{"architecture":"amd64","os":"linux","created":"2024-01-01T00:00:00Z","config":{},"rootfs":{"type":"layers","diff_ids":[%s]}}' "$diffs" > "$dir/config"
  d=$(sha256sum "$dir/config" | cut -d' ' -f1); size=$(stat -c %s "$dir/config"); mv "$dir/config" "$dir/blobs/sha256/$d"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[%s]}' "$d" "$size" "$descs" > "$dir/manifest"
  d=$(sha256sum "$dir/manifest" | cut -d' ' -f1); size=$(stat -c %s "$dir/manifest"); mv "$dir/manifest" "$dir/blobs/sha256/$d"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"%s"}}]}' "$d" "$size" "$tag" > "$dir/index.json"
}

# measure OUTFILE CMD...: appends "seconds maxrss_kib" to OUTFILE
measure() {
  local out=$1; shift
  /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/cmd.err" || { cat "$WORK/cmd.err" >&2; return 1; }
  cat "$WORK/time.txt" >> "$out"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
maxcol() { awk -v c="$1" 'BEGIN{m=0} {if ($c>m) m=$c} END {print m}'; }
report() { # report LABEL FILE_CROSSDOCK FILE_SKOPEO
  local cw sw cr sr
  cw=$(cut -d' ' -f1 "$2" | median); sw=$(cut -d' ' -f1 "$3" | median)
  cr=$(maxcol 2 < "$2"); sr=$(maxcol 2 < "$3")
  printf '| %s | %.2f s | %.2f s | %.2f | %d MiB | %d MiB |\n' "$1" "$cw" "$sw" "$(echo "$cw / $sw" | bc -l)" $((cr / 1024)) $((sr / 1024))
}

echo "Preparing: 1 GiB image (10 x 100 MiB random layers) and 50 small images..." >&2
SRC=$(start_registry source)
make_layout "$WORK/big" big 10 $((100 * 1024 * 1024))
skopeo copy -q --dest-tls-verify=false "oci:$WORK/big:big" "docker://$SRC/bench/big:1"
rm -rf "$WORK/big"
for i in $(seq -w 1 50); do
  make_layout "$WORK/small" "s$i" 3 $((64 * 1024))
  skopeo copy -q --dest-tls-verify=false "oci:$WORK/small:s$i" "docker://$SRC/bench/small$i:1"
  rm -rf "$WORK/small"
done

for tool in crossdock skopeo; do : > "$WORK/a.$tool"; : > "$WORK/b.$tool"; : > "$WORK/c.$tool"; done
for run in $(seq "$RUNS"); do
  echo "Run $run of $RUNS..." >&2
  for tool in crossdock skopeo; do
    if [ $tool = crossdock ]; then COPY=("$CLI" copy -q --src-tls-verify=false --dest-tls-verify=false)
    else COPY=(skopeo copy -q --src-tls-verify=false --dest-tls-verify=false); fi
    # (a) a fresh destination registry every run: both tools remember blob
    # locations and would otherwise mount instead of copy.
    DST=$(start_registry "dst-$tool-$run")
    measure "$WORK/a.$tool" "${COPY[@]}" "docker://$SRC/bench/big:1" "docker://$DST/bench/big:1"
    # (b) promotion inside one registry (mounts, no blob bytes should move)
    measure "$WORK/b.$tool" "${COPY[@]}" "docker://$DST/bench/big:1" "docker://$DST/prod/big-$run:1"
    # (c) 50 small images, one process each, as a pipeline would
    DST2=$(start_registry "dst2-$tool-$run")
    start=$(date +%s.%N); peak=0
    for i in $(seq -w 1 50); do
      /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "${COPY[@]}" "docker://$SRC/bench/small$i:1" "docker://$DST2/bench/small$i:1" >/dev/null
      rss=$(cut -d' ' -f2 "$WORK/time.txt"); [ "$rss" -gt "$peak" ] && peak=$rss
    done
    echo "$(echo "$(date +%s.%N) - $start" | bc -l) $peak" >> "$WORK/c.$tool"
    rm -rf "$WORK/dst-$tool-$run" "$WORK/dst2-$tool-$run"
  done
done

echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(skopeo --version); crossdock-cli $("$CLI" --version | cut -d' ' -f2); runs: $RUNS"
echo
echo "| case | crossdock (median) | skopeo (median) | ratio | crossdock peak RSS | skopeo peak RSS |"
echo "|---|---|---|---|---|---|"
report "(a) 1 GiB copy, registry to registry" "$WORK/a.crossdock" "$WORK/a.skopeo"
report "(b) 1 GiB promotion, same registry" "$WORK/b.crossdock" "$WORK/b.skopeo"
report "(c) 50 small images, one by one" "$WORK/c.crossdock" "$WORK/c.skopeo"

# (d) GUI responsiveness: a 20,000-tag repository opened in a registry pane
# (offscreen), event-loop stalls timestamped by a 10 ms timer.
echo
echo "(d) browsing a 20,000-tag repository (build/bench/bench-browse):"
QT_QPA_PLATFORM=offscreen "$PWD/build/bench/bench-browse" 2>/dev/null
