#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
# Runs a test with a real Secret Service of its own: a private D-Bus session
# and an unlocked gnome-keyring in a scratch home, so it never touches the
# user's keyring and works the same on a developer machine and in CI.
set -eu
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export HOME="$scratch" XDG_DATA_HOME="$scratch/.local/share" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset DBUS_SESSION_BUS_ADDRESS
exec dbus-run-session -- sh -c '
  printf %s crossdock-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  exec "$@"' sh "$@"
