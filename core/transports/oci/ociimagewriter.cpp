#include "core/transports/oci/ociimagewriter.h"

#include "core/transports/localjob.h"
#include "core/transports/putblobjob.h"
#include "core/transports/writeblobfilejob.h"

namespace crossdock {

namespace {

// A blob the layout holds already (a file of the right size).
class PresentBlobJob final : public PutBlobJob
{
public:
    using PutBlobJob::PutBlobJob;

protected:
    void doStart() override
    {
        setState(BlobState::Skipped);
        emitSuccess();
    }
};

class LocalCheckBlobJob final : public CheckBlobJob
{
public:
    LocalCheckBlobJob(bool present, QObject *parent)
        : CheckBlobJob(parent)
        , m_present(present)
    {
    }

protected:
    void doStart() override { succeedWith(m_present ? Presence::Present : Presence::Missing); }

private:
    bool m_present;
};

} // namespace

std::unique_ptr<OciImageWriter> OciImageWriter::open(
    const QString &directory, const QString &name, Manifests manifests, QString *error, QObject *parent)
{
    auto layout = OciLayout::open(directory, true, error);
    if (!layout)
        return nullptr;
    return std::unique_ptr<OciImageWriter>(new OciImageWriter(*layout, name, manifests, parent));
}

OciImageWriter::OciImageWriter(OciLayout layout, const QString &name, Manifests manifests, QObject *parent)
    : ImageWriter(parent)
    , m_layout(std::move(layout))
    , m_name(name)
    , m_manifests(manifests)
{
}

QString OciImageWriter::describe() const
{
    return QStringLiteral("oci:") + m_layout.directory() + (m_name.isEmpty() ? QString() : QLatin1Char(':') + m_name);
}

ImageWriter::Formats OciImageWriter::formats() const
{
    return m_manifests == Manifests::OciOnly ? Formats::OciOnly : Formats::Any;
}

QString OciImageWriter::streamKey() const
{
    return QStringLiteral("oci:") + m_layout.directory();
}

CheckBlobJob *OciImageWriter::checkBlob(const Descriptor &blob, const RegistryOrigin &, QObject *parent)
{
    return new LocalCheckBlobJob(m_layout.hasBlob(blob.digest, blob.size), parent);
}

PutBlobJob *OciImageWriter::putBlob(const Descriptor &blob, const BlobOpener &open, const RegistryOrigin &, QObject *parent)
{
    if (m_layout.hasBlob(blob.digest, blob.size))
        return new PresentBlobJob(blob, parent);
    return new WriteBlobFileJob(blob, open, m_layout.blobPath(blob.digest), parent);
}

Job *OciImageWriter::putManifest(const Manifest &manifest, bool, QObject *parent)
{
    return new LocalJob(
        [this, manifest] {
            QString error;
            if (m_layout.hasBlob(manifest.digest(), manifest.raw().size())
                || m_layout.writeBlob(manifest.digest(), manifest.raw(), &error))
                return Error();
            return Error::make(Error::Code::Io, error);
        },
        parent);
}

Job *OciImageWriter::commit(const Manifest &top, QObject *parent)
{
    return new LocalJob(
        [this, top] {
            // The index entry last: a reader never sees a name whose content
            // is incomplete.
            Descriptor descriptor;
            descriptor.mediaType = top.mediaType();
            descriptor.digest = top.digest();
            descriptor.size = top.raw().size();
            QString error;
            if (!m_layout.tag(descriptor, m_name, &error))
                return Error::make(Error::Code::Io, error);
            return Error();
        },
        parent);
}

} // namespace crossdock
