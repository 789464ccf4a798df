// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/image/imageconfig.h"
#include "core/image/imagereference.h"
#include "core/image/manifest.h"
#include "core/image/platform.h"

#include <memory>
#include <optional>

namespace crossdock {

class ImageReader;
class RegistryClient;

// Everything `inspect` shows about one image: the manifest the reference
// names, the platform image chosen from an index, its config and the
// repository's tags.
struct InspectResult
{
    // The docker reference ("" for a layout, an archive, a dir: folder).
    QString name;
    std::optional<Manifest> topManifest;   // what the reference names (maybe an index)
    std::optional<Manifest> imageManifest; // the image itself (== top unless an index)
    std::optional<ImageConfig> config;
    QByteArray rawConfig;
    QStringList tags;
};

// Inspects an image through any transport's ImageReader; for a registry
// image, also lists the repository's tags.
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

    // A registry image (tags listed when the options ask).
    InspectJob(RegistryClient *client, const ImageReference &reference, const Options &options,
               QObject *parent = nullptr);
    // Any transport's image; `name` for the result (tags are not listed).
    InspectJob(ImageReader *reader, const QString &name, const Options &options, QObject *parent = nullptr);
    ~InspectJob() override;

    const InspectResult &result() const { return m_result; }

protected:
    void doStart() override;

private:
    void onTopManifest(const Manifest &manifest);
    void readImageManifest(const Digest &digest);
    void readConfig();
    void partDone();

    std::unique_ptr<ImageReader> m_ownReader;
    ImageReader *m_reader;
    RegistryClient *m_tagsClient = nullptr;
    QString m_repository;
    Options m_options;
    InspectResult m_result;
    int m_pending = 0;
};

} // namespace crossdock
