#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
# Remakes the README's screenshots (resources/screenshots/*.png): the real
# windows and dialogs, driven against the test registries, under Xvfb with a
# Secret Service of their own. Run after packaging/build.sh.
set -eu
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
export CROSSDOCK_FIXTURE_STORAGE="$PWD/$build/fixture-storage"
"$build/tests/make-fixtures"
xvfb-run -a -s "-screen 0 1280x800x24" \
  tests/with-keyring.sh "$build/tests/make-screenshots" "$PWD/resources/screenshots"
