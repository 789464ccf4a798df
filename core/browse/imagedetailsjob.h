// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"
#include "core/browse/imagesource.h"
#include "core/image/imageconfig.h"
#include "core/image/manifest.h"

#include <optional>

namespace crossdock {

class ContentCache;
class DocumentLoader;
class RegistryClient;

// Everything the details panel shows about one manifest: the manifest
// itself and, for an image, its config (raw and parsed). An index comes
// without a config; each of its platforms is opened on its own by digest.
// Documents come from the content cache when it has them.
class ImageDetailsJob final : public Job {
    Q_OBJECT

public:
    ImageDetailsJob(const ImageSource &source, ContentCache *cache, const QString &repository, const QString &reference,
        QObject *parent = nullptr);

    QString repository() const { return m_repository; }
    QString reference() const { return m_reference; }
    const Manifest &manifest() const { return *m_manifest; }
    const std::optional<ImageConfig> &config() const { return m_config; }
    const QByteArray &rawConfig() const { return m_rawConfig; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    QString m_repository;
    QString m_reference;
    DocumentLoader *m_documents;
    std::optional<Manifest> m_manifest;
    std::optional<ImageConfig> m_config;
    QByteArray m_rawConfig;
};

} // namespace crossdock
