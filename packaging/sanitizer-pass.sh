#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
# CI's sanitizer pass, all in one clang build (the asan preset: AddressSanitizer
# + UndefinedBehaviorSanitizer, and the libFuzzer harnesses) in build-asan:
#  1. the exit stress loop (tests/stress/exit-stress.sh), CROSSDOCK_EXIT_STRESS_RUNS
#     runs (100 by default, which CI's 35 minutes allow; the full proof is 2000,
#     see README);
#  2. the unit and integration tests, as the README's test command runs them,
#     except the two packaging tests: test_packaging runs the binaries in a
#     root holding only the packages' declared dependencies, where the
#     sanitizer runtimes are not (nor should they be), and
#     test_cli_only_build makes a build of its own, without sanitizers, that
#     the normal pass already checks; and, for CI's time, the three slowest
#     under the sanitizers, whose code the others run too: the skopeo oracle
#     suites (test_cli_skopeo_parity, test_compat: the same CLI paths as
#     test_cli, test_copy and test_transports, compared with skopeo's output)
#     and test_durable (hundreds of killed CLI runs; its writes run in
#     test_transports and test_layout). CROSSDOCK_SANITIZE_ALL=1 runs them too;
#  3. every fuzzer for CROSSDOCK_FUZZ_SECONDS seconds (15 by default) from its
#     seed corpus (tests/fuzz/run.sh).
# Leak checking is off: Qt's and D-Bus's process-lifetime allocations would
# drown real reports. Any other report fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh --with-tests --with-fuzz
cmake --preset asan ${CROSSDOCK_WERROR:+-DCROSSDOCK_WERROR=$CROSSDOCK_WERROR} >/dev/null
cmake --build build-asan -j"$(nproc)"

tests/stress/exit-stress.sh build-asan/app/crossdock-cli "${CROSSDOCK_EXIT_STRESS_RUNS:-100}"

excluded="^(test_packaging|test_cli_only_build|test_cli_skopeo_parity|test_compat|test_durable)$"
[ "${CROSSDOCK_SANITIZE_ALL:-0}" = 1 ] && excluded="^(test_packaging|test_cli_only_build)$"
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && exec dbus-run-session -- sh -c \
  'echo -n crossdock-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1;
   exec ctest --output-on-failure --timeout 600 -j2 -E "$0"' "$excluded")

tests/fuzz/run.sh "${CROSSDOCK_FUZZ_SECONDS:-15}"
