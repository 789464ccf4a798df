#include "core/transports/transports.h"

#include "core/transports/docker/dockerimagereader.h"
#include "core/transports/docker/dockerimagewriter.h"
#include "core/transports/oci/ociimagereader.h"
#include "core/transports/oci/ociimagewriter.h"

namespace crossdock::Transports {

namespace {

QString notYet(const TransportReference &reference)
{
    return QStringLiteral("the %1: transport is not supported yet (%2)")
        .arg(reference.transportName(), reference.toString());
}

} // namespace

std::unique_ptr<ImageReader> reader(const TransportReference &reference, RegistryClient *client, QString *error)
{
    switch (reference.transport()) {
    case TransportReference::Transport::Docker:
        return std::make_unique<DockerImageReader>(client, reference.image());
    case TransportReference::Transport::Oci:
        return std::make_unique<OciImageReader>(reference.path(), reference.name());
    default:
        *error = notYet(reference);
        return nullptr;
    }
}

std::unique_ptr<ImageWriter> writer(
    const TransportReference &reference, RegistryClient *client, const WriterOptions &options, QString *error)
{
    switch (reference.transport()) {
    case TransportReference::Transport::Docker:
        return std::make_unique<DockerImageWriter>(client, reference.image(), options.locations);
    case TransportReference::Transport::Oci:
        return OciImageWriter::open(reference.path(), reference.name().isEmpty() ? options.defaultName : reference.name(),
            options.keepManifests ? OciImageWriter::Manifests::KeepAsTheyAre : OciImageWriter::Manifests::OciOnly, error);
    default:
        *error = notYet(reference);
        return nullptr;
    }
}

QString defaultName(const TransportReference &source)
{
    switch (source.transport()) {
    case TransportReference::Transport::Docker:
        return source.image().tag();
    case TransportReference::Transport::Oci:
    case TransportReference::Transport::OciArchive:
        return source.name();
    default:
        return {};
    }
}

} // namespace crossdock::Transports
