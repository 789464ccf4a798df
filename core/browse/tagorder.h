// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace crossdock {

// The order people expect of tags, as a key that sorts right by plain
// string comparison (so a 20,000-tag table sorts as fast as text):
// versions by their numbers (1.0.2 before 1.0.10, v1.2 beside 1.2.0), a
// pre-release before its release (1.0.0-rc.1 before 1.0.0), and every other
// tag in natural order, numbers by value (pr-9 before pr-10), letters
// without regard to case. Tags that would tie keep a stable order.
QString tagSortKey(const QString &tag);

} // namespace crossdock
