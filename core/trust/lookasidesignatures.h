// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/image/digest.h"

#include <QList>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace crossdock {

// Reads the GPG signatures of one manifest from a lookaside (registries.d):
// signature-1, signature-2, ... until one is missing, as containers/image
// reads them. file:// roots are read directly, http(s):// ones with GET
// (no credentials: a lookaside is a plain web server). At most
// SimpleSigning::MaxSignatures, each at most MaxSignatureSize bytes.
class ReadLookasideJob final : public Job
{
    Q_OBJECT

public:
    ReadLookasideJob(QNetworkAccessManager *network, const QUrl &base, const Digest &manifest, QObject *parent = nullptr);

    QList<QByteArray> signatures() const { return m_signatures; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    void readFiles();
    void fetch(int index);

    QNetworkAccessManager *m_network;
    QUrl m_base;
    Digest m_manifest;
    QList<QByteArray> m_signatures;
    QNetworkReply *m_reply = nullptr;
};

namespace Lookaside {

// Writes `signatures` as signature-1..N of `manifest` under a file://
// `base` (each file replaced whole), then removes signature-N+1... left from
// before, so the set is exactly `signatures`. Other schemes cannot be
// written (containers/image cannot either): false with a message.
bool write(const QUrl &base, const Digest &manifest, const QList<QByteArray> &signatures, QString *error);

} // namespace Lookaside

} // namespace crossdock
