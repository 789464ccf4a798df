// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/browse/imagedetailsjob.h"

#include "core/browse/documentloader.h"

namespace crossdock {

ImageDetailsJob::ImageDetailsJob(const ImageSource &source, ContentCache *cache, const QString &repository,
    const QString &reference, QObject *parent)
    : Job(parent)
    , m_repository(repository)
    , m_reference(reference)
    , m_documents(new DocumentLoader(source, cache, repository, this))
{
    connect(m_documents, &DocumentLoader::failed, this, [this](const Error &error) { emitError(error); });
}

void ImageDetailsJob::doStart()
{
    // A digest reference can be answered from the cache; a tag needs the registry.
    QString error;
    const Digest digest = m_reference.contains(QLatin1Char(':')) ? Digest::parse(m_reference, &error) : Digest();
    m_documents->manifest(m_reference, digest, [this](const Manifest &manifest) {
        m_manifest = manifest;
        if (manifest.kind() == Manifest::Kind::Schema1) {
            m_config = ImageConfig::fromSchema1(
                manifest.schema1Config(), manifest.schema1Config().value(QLatin1String("architecture")).toString());
            return emitSuccess();
        }
        if (manifest.kind() != Manifest::Kind::Image)
            return emitSuccess();
        m_documents->config(manifest.config(), [this](const QByteArray &bytes) {
            m_rawConfig = bytes;
            QString parseError;
            m_config = ImageConfig::parse(bytes, &parseError);
            if (!m_config)
                return emitError(Error::Code::BadResponse,
                    QStringLiteral("the image config of %1 is unreadable: %2").arg(m_repository, parseError));
            emitSuccess();
        });
    });
}

void ImageDetailsJob::doCancel()
{
    m_documents->cancel();
}

} // namespace crossdock
