#!/bin/sh
# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
# Runs a command on a real X server of its own (Xvfb, a laptop-sized screen)
# with a window manager (openbox), for the tests that need what offscreen
# cannot give: real pointer input (xdotool) and a manager that places windows.
set -eu
exec xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" sh -c '
  openbox >/dev/null 2>&1 &
  manager=$!
  # Started once it has taken the screen (it sets the _NET_SUPPORTING_WM_CHECK root property).
  for i in $(seq 1 50); do
    xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q "window id" && break
    sleep 0.1
  done
  status=0
  QT_QPA_PLATFORM=xcb "$@" || status=$?
  kill "$manager" 2>/dev/null || true
  exit "$status"' sh "$@"
