// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/dockerarchive/layertarsink.h"

#include "core/image/mediatypes.h"
#include "core/transports/archive/tarwriter.h"

namespace crossdock {

LayerTarSink::LayerTarSink(TarWriter *archive, const Descriptor &blob)
    : m_archive(archive)
    , m_blob(blob)
    , m_decompressor(LayerCompression::Target {LayerCompression::Kind::None, 0})
{
}

LayerTarSink::~LayerTarSink()
{
    if (m_open)
        m_archive->abandonMember();
}

QString LayerTarSink::describe() const
{
    return QStringLiteral("layer %1 in %2").arg(m_blob.digest.toString(), m_archive->path());
}

bool LayerTarSink::open(QString *error)
{
    m_open = m_archive->beginMember(error);
    return m_open;
}

bool LayerTarSink::store(const QByteArray &bytes, QString *error)
{
    if (!m_archive->writeMember(bytes.constData(), bytes.size(), error))
        return false;
    m_stored += bytes.size();
    return true;
}

bool LayerTarSink::write(const char *data, qint64 size, QString *error)
{
    // Whatever the layer is (gzip, zstd, a plain tar), its tar goes in.
    QByteArray plain;
    QString why;
    if (!m_decompressor.write(data, static_cast<qsizetype>(size), &plain, &why)) {
        *error = QStringLiteral("%1: %2").arg(describe(), why);
        return false;
    }
    return store(plain, error);
}

bool LayerTarSink::commit(QString *error)
{
    QByteArray plain;
    QString why;
    if (!m_decompressor.finish(&plain, &why)) {
        *error = QStringLiteral("%1: %2").arg(describe(), why);
        return false;
    }
    if (!store(plain, error))
        return false;
    Descriptor written;
    written.mediaType = MediaType::DockerLayerUncompressed;
    written.digest = m_decompressor.diffId();
    written.size = m_stored;
    const QString name = written.digest.hex() + QStringLiteral(".tar");
    if (m_archive->contains(name)) {
        // Two blobs with one content (a layer stored compressed twice): one file.
        m_archive->abandonMember();
    } else if (!m_archive->endMember(name, error)) {
        m_open = false;
        return false;
    }
    m_open = false;
    m_written = written;
    return true;
}

} // namespace crossdock
