#!/bin/bash
# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
# The README's table of skopeo flags is the flag table's own rendering
# (crossdock-cli-docs --markdown): any change to a flag must be copied there.
# Usage: test_readme_flags.sh README.md crossdock-cli-docs
set -eu
readme=$1
docs=$2
in_readme=$(sed -n '/^<!-- flags:begin -->$/,/^<!-- flags:end -->$/p' "$readme" | sed '1d;$d')
generated=$("$docs" --markdown)
if [ "$in_readme" != "$generated" ]; then
  echo "FAIL: the flag table in $readme is stale; replace it with the output of: crossdock-cli-docs --markdown" >&2
  diff <(printf '%s\n' "$in_readme") <(printf '%s\n' "$generated") >&2 || true
  exit 1
fi
echo "ok: the README's flag table matches the parser's ($(printf '%s\n' "$generated" | wc -l) lines)"
