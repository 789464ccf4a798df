#include "core/base/logging.h"

Q_LOGGING_CATEGORY(lcHttp, "crossdock.http", QtWarningMsg)
Q_LOGGING_CATEGORY(lcAuth, "crossdock.auth", QtWarningMsg)
Q_LOGGING_CATEGORY(lcCredentials, "crossdock.credentials", QtWarningMsg)
