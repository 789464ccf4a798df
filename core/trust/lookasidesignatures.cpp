// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/trust/lookasidesignatures.h"

#include "core/base/durablefile.h"
#include "core/trust/lookasideconfig.h"
#include "core/trust/simplesigning.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>

namespace crossdock {

ReadLookasideJob::ReadLookasideJob(QNetworkAccessManager *network, const QUrl &base, const Digest &manifest, QObject *parent)
    : Job(parent)
    , m_network(network)
    , m_base(base)
    , m_manifest(manifest)
{
}

void ReadLookasideJob::doStart()
{
    if (m_base.isLocalFile())
        return readFiles();
    fetch(0);
}

void ReadLookasideJob::doCancel()
{
    if (m_reply)
        m_reply->abort();
}

void ReadLookasideJob::readFiles()
{
    // A few small local files: read at once (they are what a copy is about
    // to wait for anyway).
    for (int i = 0; i < SimpleSigning::MaxSignatures; ++i) {
        const QString path = LookasideConfig::signatureUrl(m_base, m_manifest, i).toLocalFile();
        QFile file(path);
        if (!file.exists())
            return emitSuccess();
        if (file.size() > SimpleSigning::MaxSignatureSize)
            return emitError(Error::Code::TooLarge,
                QStringLiteral("signature %1 is larger than %2 bytes").arg(path).arg(SimpleSigning::MaxSignatureSize));
        if (!file.open(QIODevice::ReadOnly))
            return emitError(Error::Code::Io, QStringLiteral("cannot read signature %1: %2").arg(path, file.errorString()));
        m_signatures << file.readAll();
    }
    emitSuccess();
}

void ReadLookasideJob::fetch(int index)
{
    if (index == SimpleSigning::MaxSignatures)
        return emitSuccess();
    const QUrl url = LookasideConfig::signatureUrl(m_base, m_manifest, index);
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setTransferTimeout(30000);
    m_reply = m_network->get(request);
    m_reply->setReadBufferSize(SimpleSigning::MaxSignatureSize + 1);
    connect(m_reply, &QNetworkReply::finished, this, [this, index, url] {
        QNetworkReply *reply = m_reply;
        m_reply = nullptr;
        reply->deleteLater();
        if (isFinished())
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 404)
            return emitSuccess();
        if (reply->error() != QNetworkReply::NoError || status != 200)
            return emitError(Error::Code::Unreachable,
                QStringLiteral("cannot read signature %1: %2").arg(url.toDisplayString(), reply->errorString()));
        const QByteArray body = reply->read(SimpleSigning::MaxSignatureSize + 1);
        if (body.size() > SimpleSigning::MaxSignatureSize)
            return emitError(Error::Code::TooLarge,
                QStringLiteral("signature %1 is larger than %2 bytes").arg(url.toDisplayString()).arg(SimpleSigning::MaxSignatureSize));
        m_signatures << body;
        fetch(index + 1);
    });
}

AddLookasideSignaturesJob::AddLookasideSignaturesJob(QNetworkAccessManager *network, const QUrl &sourceBase,
    const QUrl &destinationBase, const Digest &manifest, QObject *parent)
    : Job(parent)
    , m_network(network)
    , m_sourceBase(sourceBase)
    , m_destinationBase(destinationBase)
    , m_manifest(manifest)
{
}

void AddLookasideSignaturesJob::doStart()
{
    startSubjob(new ReadLookasideJob(m_network, m_sourceBase, m_manifest, this), [this](ReadLookasideJob *source) {
        const QList<QByteArray> incoming = source->signatures();
        if (incoming.isEmpty())
            return emitSuccess();
        startSubjob(new ReadLookasideJob(m_network, m_destinationBase, m_manifest, this),
            [this, incoming](ReadLookasideJob *destination) { addTo(destination->signatures(), incoming); });
    });
}

void AddLookasideSignaturesJob::addTo(const QList<QByteArray> &existing, const QList<QByteArray> &incoming)
{
    QList<QByteArray> all = existing;
    for (const QByteArray &signature : incoming) {
        if (!all.contains(signature)) {
            all << signature;
            ++m_added;
        }
    }
    if (m_added == 0)
        return emitSuccess();
    if (all.size() > SimpleSigning::MaxSignatures)
        return emitError(Error::Code::TooLarge,
            QStringLiteral("%1 would have %2 GPG signatures; at most %3 are read")
                .arg(m_manifest.toString())
                .arg(all.size())
                .arg(SimpleSigning::MaxSignatures));
    QString error;
    if (!Lookaside::write(m_destinationBase, m_manifest, all, &error))
        return emitError(Error::Code::Io, error);
    emitSuccess();
}

namespace Lookaside {

bool write(const QUrl &base, const Digest &manifest, const QList<QByteArray> &signatures, QString *error)
{
    if (!base.isLocalFile()) {
        *error = QStringLiteral("signatures cannot be written to %1: only a file:// lookaside (lookaside-staging in "
                                "registries.d) can be written")
                     .arg(base.toDisplayString());
        return false;
    }
    for (int i = 0; i < signatures.size(); ++i) {
        const QString path = LookasideConfig::signatureUrl(base, manifest, i).toLocalFile();
        if (!QDir().mkpath(QFileInfo(path).path())) {
            *error = QStringLiteral("cannot create the folder of %1").arg(path);
            return false;
        }
        QString why;
        if (!DurableFile::writeWhole(path, signatures.at(i), &why)) {
            *error = QStringLiteral("cannot write signature %1: %2").arg(path, why);
            return false;
        }
    }
    for (int i = int(signatures.size());; ++i) {
        const QString path = LookasideConfig::signatureUrl(base, manifest, i).toLocalFile();
        if (!QFileInfo::exists(path))
            break;
        if (!QFile::remove(path)) {
            *error = QStringLiteral("cannot remove the old signature %1").arg(path);
            return false;
        }
    }
    return true;
}

} // namespace Lookaside

} // namespace crossdock
