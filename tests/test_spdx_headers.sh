#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
# Every source file, script and CMake file says its license in its first
# lines (SPDX, as Qt and KDE sources do), so a file copied out of the tree
# keeps it. Usage: test_spdx_headers.sh SOURCE_DIR
set -eu
cd "$1"
missing=$(find .ci app bench cmake core packaging resources tests ui CMakeLists.txt \
    \( -name '*.cpp' -o -name '*.h' -o -name '*.sh' -o -name '*.py' -o -name 'CMakeLists.txt' -o -name '*.cmake' -o -path './.ci/run' \) \
    -type f -print | sort | while read -r file; do
  head -n 3 "$file" | grep -q 'SPDX-License-Identifier: Apache-2.0' || echo "$file"
done)
if [ -n "$missing" ]; then
  echo "FAIL: no 'SPDX-License-Identifier: Apache-2.0' in the first 3 lines of:" >&2
  echo "$missing" >&2
  exit 1
fi
echo "ok: every source file names its license"
