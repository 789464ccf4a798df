#!/usr/bin/env bash
# CI's sanitizer pass: builds the asan preset (AddressSanitizer +
# UndefinedBehaviorSanitizer) into build-asan and runs, under it, the exit
# stress loop (tests/stress/exit-stress.sh; CROSSDOCK_EXIT_STRESS_RUNS runs,
# 300 by default - the full proof is 2000, see README).
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh --with-tests
cmake --preset asan -DCROSSDOCK_WERROR="${CROSSDOCK_WERROR:-OFF}" >/dev/null
cmake --build build-asan -j"$(nproc)" --target crossdock-cli make-fixtures
tests/stress/exit-stress.sh build-asan/app/crossdock-cli "${CROSSDOCK_EXIT_STRESS_RUNS:-300}"
