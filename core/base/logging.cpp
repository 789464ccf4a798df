// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/base/logging.h"

Q_LOGGING_CATEGORY(lcHttp, "crossdock.http", QtWarningMsg)
Q_LOGGING_CATEGORY(lcAuth, "crossdock.auth", QtWarningMsg)
Q_LOGGING_CATEGORY(lcCredentials, "crossdock.credentials", QtWarningMsg)
