// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "clioptions.h"
#include "core/base/job.h"
#include "core/image/imagereference.h"
#include "core/registry/registriesconf.h"

#include <QPointer>

class QNetworkAccessManager;

namespace crossdock::cli {

// Where to pull an image from when registries.conf gives it mirrors or a new
// location: each candidate in order (mirrors first) is asked for the
// manifest with a HEAD request, and the first that has it is the source -
// as containers/image picks a pull source. If none has it, the error is the
// last candidate's (the registry itself). chosen() is the reference to pull,
// endpoint() the flags to reach it with (an insecure mirror without TLS
// verification unless --tls-verify was given).
class ChoosePullSourceJob final : public Job {
    Q_OBJECT

public:
    ChoosePullSourceJob(const QList<RegistriesConf::PullSource> &candidates, const EndpointOptions &endpoint,
        QNetworkAccessManager *network, QObject *parent = nullptr);

    const ImageReference &chosen() const { return m_chosen; }
    // The image the chosen source serves, by its own name (not a mirror's).
    const QString &chosenImage() const { return m_chosenImage; }
    const EndpointOptions &endpoint() const { return m_chosenEndpoint; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    void tryNext();

    QList<RegistriesConf::PullSource> m_candidates;
    EndpointOptions m_endpoint;
    QNetworkAccessManager *m_network;
    int m_next = 0;
    ImageReference m_chosen;
    QString m_chosenImage;
    EndpointOptions m_chosenEndpoint;
    QPointer<Job> m_step;
};

} // namespace crossdock::cli
