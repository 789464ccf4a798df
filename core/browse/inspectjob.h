#pragma once

#include "core/base/job.h"
#include "core/image/imageconfig.h"
#include "core/image/imagereference.h"
#include "core/image/manifest.h"
#include "core/image/platform.h"

#include <QPointer>

#include <optional>

namespace crossdock {

class RegistryClient;

// Everything `inspect` shows about one image: the manifest the reference
// names, the platform image chosen from an index, its config and the
// repository's tags.
struct InspectResult
{
    ImageReference reference;
    std::optional<Manifest> topManifest;   // what the reference names (maybe an index)
    std::optional<Manifest> imageManifest; // the image itself (== top unless an index)
    std::optional<ImageConfig> config;
    QByteArray rawConfig;
    QStringList tags;
};

class InspectJob final : public Job
{
    Q_OBJECT

public:
    struct Options
    {
        bool manifestOnly = false; // --raw: the top manifest, nothing else
        bool listTags = true;
        Platform platform = Platform::host();
    };

    InspectJob(RegistryClient *client, const ImageReference &reference, const Options &options,
               QObject *parent = nullptr);

    const InspectResult &result() const { return m_result; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    void onTopManifest(Job *job);
    void fetchImageManifest(const Digest &digest);
    void fetchConfig();
    void partDone();
    // Finishes on the first failure, cancelling the other parts.
    bool failed(Job *job);
    void fail(const Error &error);

    RegistryClient *m_client;
    Options m_options;
    InspectResult m_result;
    int m_pending = 0;
    QList<QPointer<Job>> m_children;
};

} // namespace crossdock
