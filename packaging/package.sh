#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
# Builds the Debian packages (Release, stripped) into $BUILD_DIR/packages
# (default build-package/packages):
#   crossdock-cli_<version>_<arch>.deb   the CLI alone, no GUI libraries
#   crossdock_<version>_<arch>.deb       the desktop application
# Extra arguments go to cmake: -DCROSSDOCK_BUILD_GUI=OFF builds the CLI
# package alone (what packaging/Containerfile does).
# Install with: sudo apt install ./build-package/packages/*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh --with-packaging
dir=${BUILD_DIR:-build-package}
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCROSSDOCK_BUILD_TESTS=OFF \
  -DCROSSDOCK_WERROR="${CROSSDOCK_WERROR:-OFF}" "$@" >/dev/null
cmake --build "$dir" -j"$(nproc)"
(cd "$dir" && cpack -G DEB >/dev/null)
ls -1 "$dir"/packages/*.deb
