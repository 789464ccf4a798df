// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLoggingCategory>

// One category per subsystem. Nothing logged here ever carries a credential:
// Authorization headers show as "<redacted>", token bodies are never logged.
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcCredentials)
