// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

namespace crossdock {

// Overwrites the bytes of a buffer that held a secret (a password, a
// decoded auth entry, a helper's answer) before it is freed, so the secret
// does not linger in freed heap memory. Only a buffer this object owns
// alone is overwritten: an implicitly shared one is released and left to its
// other owner. Either way the value is empty afterwards.
void wipe(QByteArray &bytes);
void wipe(QString &text);
void wipe(char *data, qsizetype size);

} // namespace crossdock
