#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
# Configures and builds Crossdock into ./build (Release with debug info).
# CROSSDOCK_WERROR=ON (set by CI) turns warnings into errors.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  ${CROSSDOCK_WERROR:+-DCROSSDOCK_WERROR=$CROSSDOCK_WERROR} >/dev/null
cmake --build build -j"$(nproc)"
