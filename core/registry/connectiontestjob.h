// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/base/job.h"

#include <QList>
#include <QPointer>

namespace crossdock {

class RegistryClient;

// "Test connection" for a registry: answers, in plain words, the questions
// a user has when a registry does not work - is it reachable, is its TLS
// certificate trusted, are the credentials accepted, does it list its
// repositories. The job succeeds when the registry can be used (reachable,
// trusted, credentials accepted or none needed); every step's outcome is in
// report() either way.
class ConnectionTestJob final : public Job
{
    Q_OBJECT

public:
    struct Step
    {
        enum class Outcome { Passed, Failed, Skipped };
        QString question; // "Reachable?"
        Outcome outcome = Outcome::Skipped;
        QString answer;   // one line, for the dialog
    };

    explicit ConnectionTestJob(RegistryClient *client, QObject *parent = nullptr);

    const QList<Step> &report() const { return m_report; }
    // The report as lines of text ("Reachable? yes - ...").
    QStringList reportLines() const;

protected:
    void doStart() override;
    void doCancel() override;

private:
    void checkCredentials();
    void checkCatalog();
    void record(const QString &question, Step::Outcome outcome, const QString &answer);
    void finishWith(const Error &error);

    RegistryClient *m_client;
    QList<Step> m_report;
    QPointer<Job> m_call;
};

} // namespace crossdock
