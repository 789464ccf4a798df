// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// Nothing of its own: the target that builds the tests' shared precompiled
// headers (tests/CMakeLists.txt), which each test's one file then reuses.
