#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
# The build packaging/Containerfile runs: configured without the GUI and the
# tests (-DCROSSDOCK_BUILD_GUI=OFF), only crossdock-cli is built, CPack makes
# the crossdock-cli package alone, and its binary links no GUI library.
# Usage: test_cli_only_build.sh SOURCE_DIR VERSION
set -euo pipefail
src=$(cd "$1" && pwd)
version=$2
work=$(mktemp -d /tmp/crossdock-cli-only.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cmake -S "$src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCROSSDOCK_BUILD_TESTS=OFF \
  -DCROSSDOCK_BUILD_GUI=OFF -DCROSSDOCK_WERROR=ON >"$work/configure.log" 2>&1 \
  || { cat "$work/configure.log" >&2; fail "configure without the GUI"; }
grep -q crossdock-ui "$work/build/build.ninja" && fail "the CLI-only build configures crossdock-ui"
cmake --build "$work/build" -j2 >"$work/build.log" 2>&1 || { tail -30 "$work/build.log" >&2; fail "build"; }
[ -x "$work/build/app/crossdock-cli" ] || fail "no crossdock-cli"
[ ! -e "$work/build/app/crossdock" ] || fail "the GUI was built"
(cd "$work/build" && cpack -G DEB >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack"; }
packages=$(cd "$work/build/packages" && ls ./*.deb)
[ "$packages" = "./crossdock-cli_${version}_$(dpkg --print-architecture).deb" ] || fail "packages: $packages"
needed=$(grep NEEDED <<<"$(readelf -d "$work/build/app/crossdock-cli")")
! grep -qiE "widgets|gui" <<<"$needed" || fail "crossdock-cli links GUI libraries"
echo "PASS: $packages"
