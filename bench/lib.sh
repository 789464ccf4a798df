# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
# Shared by the benchmark scripts: local registries, OCI layouts of random
# layers, timing with peak memory, medians and report rows. Expects $WORK.
PIDS=()
# Servers start inside $(...) subshells, so their PIDs are not seen here: they
# are found by the work directory on their command line.
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; pkill -f "$WORK" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

# crossdock's blob location cache starts empty in each benchmark run (it is
# per user and grows with every copy: results would depend on what ran before).
export XDG_CACHE_HOME="$WORK/cache"

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

# start_proxy HOST:PORT -> the latency proxy's host:port in front of it,
# $DELAY ms each way (bench/latencyproxy at $PROXY)
start_proxy() {
  local port; port=$(free_port)
  "$PROXY" "$port" "${1%:*}" "${1#*:}" "$DELAY" "$WORK" >"$WORK/proxy-$port.log" 2>&1 &
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
# The machine and the table's head, before report rows.
report_header() { # report_header RUNS CLI
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(skopeo --version); crossdock-cli $("$2" --version | cut -d' ' -f2); runs: $1"
  echo
  echo "| case | crossdock (median) | skopeo (median) | ratio | crossdock peak RSS | skopeo peak RSS |"
  echo "|---|---|---|---|---|---|"
}
report() { # report LABEL FILE_CROSSDOCK FILE_SKOPEO
  local cw sw cr sr
  cw=$(cut -d' ' -f1 "$2" | median); sw=$(cut -d' ' -f1 "$3" | median)
  cr=$(maxcol 2 < "$2"); sr=$(maxcol 2 < "$3")
  printf '| %s | %.2f s | %.2f s | %.2f | %d MiB | %d MiB |\n' "$1" "$cw" "$sw" "$(echo "$cw / $sw" | bc -l)" $((cr / 1024)) $((sr / 1024))
}
