// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "clioptions.h"
#include "inspectformat.h"
#include "core/base/error.h"
#include "core/credentials/credentials.h"
#include "core/image/imagereference.h"

#include <QObject>

#include <functional>

class QNetworkAccessManager;

namespace crossdock {
class InspectJob;
class RegistryClient;
}

namespace crossdock::cli {

// Runs one CLI command asynchronously and reports its exit code once.
// Output goes to stdout; errors are one line on stderr.
class CommandRunner final : public QObject {
    Q_OBJECT

public:
    CommandRunner(CliOptions options, QNetworkAccessManager *network, QObject *parent = nullptr);
    void start();

Q_SIGNALS:
    void finished(int exitCode);

private:
    void runInspect();
    void showInspection(InspectJob *job);
    void runListTags();
    void runCatalog();
    void runManifestDigest();
    void runGenerateSigstoreKey();
    void runStandaloneSign();
    void runStandaloneVerify();
    void runCopy();
    void runSync();
    void runDelete();
    void runTag();
    void runLogin();

    // Resolves credentials for a registry, then builds its client.
    void withClient(const QString &registry, const QString &apiHost, const QString &repository,
        std::function<void(RegistryClient *)> then);
    void withClient(const EndpointOptions &endpoint, const QString &registry, const QString &apiHost,
        const QString &repository, std::function<void(RegistryClient *)> then);
    // --command-timeout ran out: a copy or sync is cancelled cleanly, anything
    // else ends at once.
    void timeOut();
    void fail(const Error &error);
    void fail(Error::Code code, const QString &message);
    void succeed(const QByteArray &output);

    CliOptions m_options;
    QNetworkAccessManager *m_network;
    // docker-archive: the inspected image's RepoTags.
    QStringList m_archiveTags;
    std::optional<InspectFormat> m_format; // inspect --format
    QString m_inspectedName; // a registries.conf mirror was inspected: the image's own name
    bool m_done = false;
    bool m_timedOut = false;
    std::function<void()> m_cancel; // the running copy's or sync's clean cancel
};

} // namespace crossdock::cli
