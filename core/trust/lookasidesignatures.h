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

// Adds the GPG signatures one lookaside (a source's) has for a manifest to
// another (a destination's writable one) where they are missing, compared
// byte for byte: what the destination has stays, in its order, the new ones
// follow. Nothing is written when it has them all, so doing it again is a
// no-op. For an image that is at both ends already (a sync that finds it
// unchanged): signatures made at the source later still arrive.
class AddLookasideSignaturesJob final : public Job
{
    Q_OBJECT

public:
    // destinationBase must be file:// (else the job fails, naming it, when
    // there is something to add).
    AddLookasideSignaturesJob(QNetworkAccessManager *network, const QUrl &sourceBase, const QUrl &destinationBase,
        const Digest &manifest, QObject *parent = nullptr);

    int added() const { return m_added; }

protected:
    void doStart() override;

private:
    void addTo(const QList<QByteArray> &existing, const QList<QByteArray> &incoming);

    QNetworkAccessManager *m_network;
    QUrl m_sourceBase;
    QUrl m_destinationBase;
    Digest m_manifest;
    int m_added = 0;
};

namespace Lookaside {

// Writes `signatures` as signature-1..N of `manifest` under a file://
// `base` (each file replaced whole), then removes signature-N+1... left from
// before, so the set is exactly `signatures`. Other schemes cannot be
// written (containers/image cannot either): false with a message.
bool write(const QUrl &base, const Digest &manifest, const QList<QByteArray> &signatures, QString *error);

} // namespace Lookaside

} // namespace crossdock
