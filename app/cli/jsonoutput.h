#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QStringList>

namespace crossdock::cli {

// Serialises JSON the way skopeo (Go's json.MarshalIndent with four spaces)
// prints it: keys listed in keyOrder come first in that order (Go struct
// field order), other keys sorted (Go map order).
QByteArray toIndentedJson(const QJsonValue &value, const QStringList &keyOrder = {});

} // namespace crossdock::cli
