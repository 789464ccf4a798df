#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
# [trust] benchmark: what verifying signatures costs a sync. 50 small signed
# images (3 layers of 64 KiB, each with a cosign signature made by openssl
# and a GPG signature made by gpg in a file:// lookaside) are synced from one
# local registry to another, ~2*DELAY_MS of round trip in front of each
# (bench/latencyproxy, as bench/sync.sh), by crossdock-cli sync three times
# per run into fresh destinations: with --insecure-policy (nothing verified;
# signatures still travel), with a sigstoreSigned policy and with a signedBy
# (GPG) policy (every image's signature fetched and verified before it is
# copied). skopeo sync runs the same YAML with --insecure-policy and with the
# signedBy policy (Debian's skopeo cannot verify sigstore signatures, but GPG
# ones it can). Reports medians, the verification overheads and peak memory.
# Usage: bench/trust.sh [RUNS]   (DELAY_MS=15 by default; needs packaging/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
DELAY=${DELAY_MS:-15}
CLI=$PWD/build/app/crossdock-cli
PROXY=$PWD/build/bench/latencyproxy
[ -x "$CLI" ] && [ -x "$PROXY" ] || { echo "build first: packaging/build.sh" >&2; exit 1; }
packaging/install-deps.sh --with-bench

WORK=$(mktemp -d /tmp/crossdock-trust-bench.XXXXXX)
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

# push_blob REGISTRY REPO FILE -> digest (monolithic POST + PUT)
push_blob() {
  local digest location
  digest=sha256:$(sha256sum "$3" | cut -d' ' -f1)
  location=$(curl -sf -X POST -D - -o /dev/null "http://$1/v2/$2/blobs/uploads/" | tr -d '\r' | awk 'tolower($1)=="location:"{print $2}')
  case "$location" in http*) ;; *) location="http://$1$location" ;; esac
  curl -sf -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$3" "$location&digest=$digest" >/dev/null \
    || curl -sf -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$3" "$location?digest=$digest" >/dev/null
  echo "$digest"
}
# sign REGISTRY REPO TAG: a cosign signature of the tag's manifest, as the tag's name
sign() {
  local digest payload sig config cdigest pdigest
  digest=$(curl -sf -I -H 'Accept: application/vnd.oci.image.manifest.v1+json' "http://$1/v2/$2/manifests/$3" \
    | tr -d '\r' | awk 'tolower($1)=="docker-content-digest:"{print $2}')
  payload=$WORK/payload.json; sig=$WORK/payload.sig; config=$WORK/sigconfig.json
  printf '{"critical":{"identity":{"docker-reference":"%s/%s:%s"},"image":{"docker-manifest-digest":"%s"},"type":"cosign container image signature"},"optional":null}' \
    "$SRC" "$2" "$3" "$digest" > "$payload"
  openssl dgst -sha256 -sign "$WORK/key.pem" -out "$sig" "$payload"
  printf '{"architecture":"","os":"","config":{},"rootfs":{"type":"layers","diff_ids":[]}}' > "$config"
  cdigest=$(push_blob "$1" "$2" "$config"); pdigest=$(push_blob "$1" "$2" "$payload")
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%s},"layers":[{"mediaType":"application/vnd.dev.cosign.simplesigning.v1+json","digest":"%s","size":%s,"annotations":{"dev.cosignproject.cosign/signature":"%s"}}]}' \
    "$cdigest" "$(stat -c %s "$config")" "$pdigest" "$(stat -c %s "$payload")" "$(base64 -w0 "$sig")" > "$WORK/sig.json"
  curl -sf -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' --data-binary "@$WORK/sig.json" \
    "http://$1/v2/$2/manifests/${digest/:/-}.sig" >/dev/null
}

# gpg_sign REGISTRY REPO TAG: a simple-signing signature in the lookaside, as skopeo --sign-by writes it
gpg_sign() {
  local digest
  digest=$(curl -sf -I -H 'Accept: application/vnd.oci.image.manifest.v1+json' "http://$1/v2/$2/manifests/$3" \
    | tr -d '\r' | awk 'tolower($1)=="docker-content-digest:"{print $2}')
  mkdir -p "$WORK/lookaside/$2@sha256=${digest#sha256:}"
  printf '{"critical":{"identity":{"docker-reference":"%s/%s:%s"},"image":{"docker-manifest-digest":"%s"},"type":"atomic container signature"},"optional":{}}' \
    "$SRC" "$2" "$3" "$digest" \
    | gpg --batch -q --pinentry-mode loopback --passphrase '' --local-user bench@crossdock.test --sign \
    > "$WORK/lookaside/$2@sha256=${digest#sha256:}/signature-1"
}

echo "Preparing 50 small signed images..." >&2
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$WORK/key.pem"
openssl pkey -in "$WORK/key.pem" -pubout -out "$WORK/key.pub"
export GNUPGHOME=$WORK/gnupg
mkdir -m 700 "$GNUPGHOME"
gpg --batch -q --pinentry-mode loopback --passphrase '' --quick-gen-key 'Bench <bench@crossdock.test>' ed25519 sign never
gpg --batch -q --export bench@crossdock.test > "$WORK/key.gpg"
mkdir -p "$WORK/registries.d"
printf 'default-docker:\n  lookaside: file://%s\n' "$WORK/lookaside" > "$WORK/registries.d/bench.yaml"
SRC=$(start_registry src)
for i in $(seq -w 1 50); do
  make_layout "$WORK/small$i" 1 3 65536
  skopeo copy -q --dest-tls-verify=false "oci:$WORK/small$i:1" "docker://$SRC/bench/small$i:1" >/dev/null
  sign "$SRC" "bench/small$i" 1
  gpg_sign "$SRC" "bench/small$i" 1
done
SRCP=$(start_proxy "$SRC")
{
  echo "$SRCP:"
  echo "  tls-verify: false"
  echo "  images:"
  for i in $(seq -w 1 50); do echo "    bench/small$i: [\"1\"]"; done
} > "$WORK/sync.yml"
# Signatures name the source registry; the proxy in front of it is another
# name for it, which the policy maps back (as a mirror would be).
printf '{"default":[{"type":"sigstoreSigned","keyPath":"%s","signedIdentity":{"type":"remapIdentity","prefix":"%s","signedPrefix":"%s"}}]}' \
  "$WORK/key.pub" "$SRCP" "$SRC" > "$WORK/policy.json"
printf '{"default":[{"type":"signedBy","keyType":"GPGKeys","keyPath":"%s","signedIdentity":{"type":"remapIdentity","prefix":"%s","signedPrefix":"%s"}}]}' \
  "$WORK/key.gpg" "$SRCP" "$SRC" > "$WORK/gpg-policy.json"

for run in $(seq "$RUNS"); do
  echo "Run $run of $RUNS..." >&2
  for mode in unverified verified gpg skopeo skopeo-gpg; do
    D=(--registries.d "$WORK/registries.d")
    case $mode in
      unverified) SYNC=("$CLI" --insecure-policy "${D[@]}" sync -q) ;;
      verified) SYNC=("$CLI" --policy "$WORK/policy.json" "${D[@]}" sync -q) ;;
      gpg) SYNC=("$CLI" --policy "$WORK/gpg-policy.json" "${D[@]}" sync -q) ;;
      skopeo) SYNC=(skopeo --insecure-policy "${D[@]}" sync) ;;
      skopeo-gpg) SYNC=(skopeo --policy "$WORK/gpg-policy.json" "${D[@]}" sync) ;;
    esac
    DST=$(start_registry "dst-$mode-$run")
    DSTP=$(start_proxy "$DST")
    measure "$WORK/$mode" "${SYNC[@]}" --src yaml --dest docker --dest-tls-verify=false "$WORK/sync.yml" "$DSTP/mirror"
    if [ $mode = verified ]; then # every signature arrived
      n=$(curl -sf "http://$DST/v2/mirror/small01/tags/list" | grep -o '\.sig' | wc -l)
      [ "$n" -eq 1 ] || { echo "the signature did not travel" >&2; exit 1; }
    fi
    if [ $mode = gpg ]; then # and the GPG ones, into the destination's lookaside
      n=$(find "$WORK/lookaside/mirror" -name signature-1 | wc -l)
      [ "$n" -eq 50 ] || { echo "GPG signatures did not travel ($n of 50)" >&2; exit 1; }
    fi
  done
done

echo
echo "Machine: $(nproc) cores; $(skopeo --version); crossdock-cli $("$CLI" --version | cut -d' ' -f2); runs: $RUNS;" \
  "added latency ${DELAY} ms each way ($((2 * DELAY)) ms round trip) in front of both registries"
echo
u=$(cut -d' ' -f1 "$WORK/unverified" | median); v=$(cut -d' ' -f1 "$WORK/verified" | median)
echo "| sync of 50 signed images | median | peak RSS |"
echo "|---|---|---|"
printf '| crossdock, --insecure-policy (signatures travel, none verified) | %.2f s | %d MiB |\n' "$u" $(( $(maxcol 2 < "$WORK/unverified") / 1024 ))
printf '| crossdock, sigstoreSigned policy (every signature verified) | %.2f s | %d MiB |\n' "$v" $(( $(maxcol 2 < "$WORK/verified") / 1024 ))
g=$(cut -d' ' -f1 "$WORK/gpg" | median)
printf '| crossdock, signedBy policy (every GPG signature verified by gpg) | %.2f s | %d MiB |\n' "$g" $(( $(maxcol 2 < "$WORK/gpg") / 1024 ))
s=$(cut -d' ' -f1 "$WORK/skopeo" | median); sg=$(cut -d' ' -f1 "$WORK/skopeo-gpg" | median)
printf '| skopeo --insecure-policy (cosign signatures not read: sigstore off in Debian) | %.2f s | %d MiB |\n' \
  "$s" $(( $(maxcol 2 < "$WORK/skopeo") / 1024 ))
printf '| skopeo, signedBy policy (every GPG signature verified) | %.2f s | %d MiB |\n' \
  "$sg" $(( $(maxcol 2 < "$WORK/skopeo-gpg") / 1024 ))
echo
printf 'Verification overhead, sigstore: %+.1f %% (target: at most +20 %%)\n' "$(echo "($v / $u - 1) * 100" | bc -l)"
printf 'Verification overhead, GPG: %+.1f %% (target: at most +20 %%); skopeo GPG: %+.1f %%\n' \
  "$(echo "($g / $u - 1) * 100" | bc -l)" "$(echo "($sg / $s - 1) * 100" | bc -l)"
printf 'crossdock / skopeo with a signedBy policy: %.2f\n' "$(echo "$g / $sg" | bc -l)"
