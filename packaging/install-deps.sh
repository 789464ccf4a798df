#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian 12 packages Crossdock needs to build, run and test.
# Idempotent: packages already present are not touched, and apt is only
# consulted when something is missing.
set -euo pipefail

build_packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools libgl-dev
  qtkeychain-qt6-dev libssl-dev libyaml-cpp-dev zlib1g-dev libtomlplusplus-dev
  libzstd-dev libisal-dev  # layers recompressed while streaming ([convert]): zstd, and ISA-L's fast gzip reader
  libsodium-dev  # cosign's encrypted key files ([trust]): nacl/secretbox
  libgpgme-dev  # GPG simple signing ([trust]): signedBy policies, --sign-by, standalone-sign/verify
)
runtime_packages=(
  libsecret-1-0 ca-certificates libyaml-cpp0.7 libtomlplusplus3 libzstd1 libisal2 libsodium23
  libgpgme11 gpg gpg-agent  # GPGME runs gpg itself; signing goes through gpg-agent
  libqt6svg6  # renders the SVG icons (Qt's svg icon engine and image format plugins)
)
# Test-only: a real registry, the skopeo and umoci oracles, strace (to show
# refused references make no request), GNU time (peak memory of a CLI run
# against a hostile registry), bcrypt htpasswd, a real
# Secret Service on a private D-Bus, an X server for GUI screenshots, and
# for the real drag and drop: a window manager, its pointer driven by xdotool;
# the shells whose completion scripts crossdock-cli prints.
test_packages=(
  docker-registry skopeo umoci strace time apache2-utils openssl
  dbus gnome-keyring xvfb xauth
  openbox xdotool x11-utils
  zsh fish  # the completion scripts must parse
  zstd gzip  # converted layers are decompressed by other tools than ours
  python3-nacl python3-cryptography  # a second implementation of cosign's key file format ([trust])
)

# Debian packages (packaging/package.sh, and test_packaging): dpkg-shlibdeps
# finds the runtime dependencies; the rest validate what the packages hold.
packaging_packages=(
  dpkg-dev file python3
  appstream desktop-file-utils groff-base
)

# Fuzzing (tests/fuzz/run.sh): clang with libFuzzer and the sanitizer runtimes.
fuzz_packages=(
  clang libclang-rt-14-dev
)

# Benchmarks only (bench/run.sh): GNU time for peak RSS, and small helpers.
bench_packages=(
  time bc curl
)

wanted=("${build_packages[@]}" "${runtime_packages[@]}")
for arg in "$@"; do
  case "$arg" in
    --with-tests) wanted+=("${test_packages[@]}" "${packaging_packages[@]}") ;;
    --with-bench) wanted+=("${test_packages[@]}" "${packaging_packages[@]}" "${bench_packages[@]}") ;;
    --with-packaging) wanted+=("${packaging_packages[@]}") ;;
    --with-fuzz) wanted+=("${fuzz_packages[@]}") ;;
    *) echo "usage: $0 [--with-tests] [--with-bench] [--with-packaging] [--with-fuzz]" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Installing: ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
