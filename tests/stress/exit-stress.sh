#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
# Exit stress loop: runs `crossdock-cli inspect --raw` of an OCI index over
# and over, inside a private D-Bus session with an unlocked gnome-keyring
# (the lookup chain asks the Secret Service, so QtKeychain and Qt's network
# thread both run), while busy loops load every core. A crash at exit (a
# network object outliving QCoreApplication, a thread torn down under
# another) shows as a non-zero exit or a sanitizer report.
#
#   tests/stress/exit-stress.sh [CLI] [RUNS]
#
# CLI defaults to the ASan build (build-asan/app/crossdock-cli; make it with
# `cmake --preset asan && cmake --build build-asan --target crossdock-cli
# make-fixtures`), RUNS to 2000. Needs the fixture storage (make-fixtures).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cli=${1:-$top/build-asan/app/crossdock-cli}
runs=${2:-2000}
# make-fixtures from the CLI's build tree, else from the ASan or the default build.
fixtures_tool=$(dirname "$(dirname "$cli")")/tests/make-fixtures
for candidate in "$top/build-asan/tests/make-fixtures" "$top/build/tests/make-fixtures"; do
  [ -x "$fixtures_tool" ] || fixtures_tool=$candidate
done

if [ -z "${CROSSDOCK_IN_KEYRING:-}" ]; then
  export CROSSDOCK_IN_KEYRING=1
  exec dbus-run-session -- sh -c \
    'echo -n crossdock-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$0" "$@"' \
    "$0" "$cli" "$runs"
fi

work=$(mktemp -d)
cleanup() {
  [ -n "${load_pids:-}" ] && kill $load_pids 2>/dev/null || true
  [ -n "${registry_pid:-}" ] && kill "$registry_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

storage=$work/storage
CROSSDOCK_FIXTURE_STORAGE=$storage "$fixtures_tool" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$work/registry.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $storage
  maintenance:
    readonly:
      enabled: true
http:
  addr: 127.0.0.1:$port
  secret: crossdock-stress
YAML
/usr/bin/docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

# CPU load: busy loops at the same priority as the runs (two per core unless
# CROSSDOCK_STRESS_LOAD says), so a thread is often preempted at exit.
load_pids=""
for _ in $(seq "${CROSSDOCK_STRESS_LOAD:-$(( 2 * $(nproc) ))}"); do
  (while :; do :; done) &
  load_pids="$load_pids $!"
done

export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_RUNTIME_DIR=$work/run
mkdir -p "$HOME" "$XDG_RUNTIME_DIR"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=0:exitcode=99}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=98}
reference=docker://127.0.0.1:$port/fixtures/oci-index:multi

failures=0
start=$(date +%s)
for i in $(seq "$runs"); do
  status=0
  "$cli" inspect --raw "$reference" >"$work/out" 2>"$work/err" || status=$?
  if [ "$status" -ne 0 ]; then
    failures=$((failures + 1))
    echo "run $i failed (exit $status):" >&2
    head -n 60 "$work/err" >&2
  elif ! grep -q '"manifests"' "$work/out"; then
    failures=$((failures + 1))
    echo "run $i printed no index" >&2
  fi
done
echo "exit stress: $runs runs in $(( $(date +%s) - start )) s, ${CROSSDOCK_STRESS_LOAD:-$(( 2 * $(nproc) ))} busy loops on $(nproc) cores"
echo "exit stress: $((runs - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
