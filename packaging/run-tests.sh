#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
# Runs the whole test suite inside a private D-Bus session with an unlocked
# gnome-keyring, so keychain tests talk to a real Secret Service.
set -euo pipefail
cd "$(dirname "$0")/../build"
exec dbus-run-session -- sh -c \
  'echo -n crossdock-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1;
   exec ctest --output-on-failure --timeout 300 -j2'
