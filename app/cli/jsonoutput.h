// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QStringList>

namespace crossdock::cli {

// Serialises JSON the way skopeo (Go's json.MarshalIndent with four spaces)
// prints it. Go prints a struct's fields in declaration order and a map's
// keys sorted: an object whose keys all appear in one of structOrders is
// printed in that order (a struct), any other object sorted (a map).
QByteArray toIndentedJson(const QJsonValue &value, const QList<QStringList> &structOrders = {});

} // namespace crossdock::cli
