// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/registries/importloginsdialog.h"

#include "core/credentials/liststoredloginsjob.h"
#include "core/image/imagereference.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace crossdock {

namespace {
constexpr int KeyRole = Qt::UserRole;
}

ImportLoginsDialog::ImportLoginsDialog(const AppServices &services, QWidget *parent)
    : QDialog(parent)
    , m_services(services)
    , m_list(new QListWidget)
    , m_status(new QLabel)
    , m_import(new QPushButton(tr("Import")))
{
    setWindowTitle(tr("Import logins"));
    m_list->setObjectName(QStringLiteral("logins"));
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_import->setObjectName(QStringLiteral("importButton"));
    m_import->setEnabled(false);
    auto *explain
        = new QLabel(tr("Registries you logged in to with docker, podman, skopeo or crossdock-cli. Passwords are not "
                        "copied: Crossdock reads them where they are, like crossdock-cli does, and logins kept by a "
                        "credential helper stay with it."));
    explain->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    buttons->addButton(m_import, QDialogButtonBox::AcceptRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(explain);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(620, 380);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_import, &QPushButton::clicked, this, &ImportLoginsDialog::importChecked);
    listLogins();
}

void ImportLoginsDialog::listLogins()
{
    m_status->setText(tr("Looking for logins…"));
    auto *job = new ListStoredLoginsJob(this);
    connect(job, &Job::finished, this, [this, job] {
        for (const StoredLogin &login : job->logins()) {
            QString where;
            if (login.helper.isEmpty())
                where = tr("user %1, in %2").arg(login.username.isEmpty() ? tr("(token)") : login.username, login.path);
            else if (login.username.isEmpty())
                where = tr("kept by docker-credential-%1 (%2)").arg(login.helper, login.path);
            else
                where = tr("user %1, kept by docker-credential-%2 (%3)").arg(login.username, login.helper, login.path);
            auto *item = new QListWidgetItem(QStringLiteral("%1 - %2").arg(login.key, where), m_list);
            item->setData(KeyRole, login.key);
            const bool known = m_services.registries->find(login.registry()).has_value();
            item->setFlags(known ? Qt::ItemIsUserCheckable : Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
            item->setCheckState(known ? Qt::Unchecked : Qt::Checked);
            if (known)
                item->setToolTip(tr("%1 is already in the registry list").arg(login.registry()));
        }
        QStringList status;
        if (job->logins().isEmpty())
            status << tr("No logins found in the auth files (%1).")
                          .arg(AuthFile::searchPaths(QString()).join(QStringLiteral(", ")));
        status << job->problems();
        m_status->setText(status.join(QLatin1Char('\n')));
        m_import->setEnabled(!job->logins().isEmpty());
    });
    job->start();
}

void ImportLoginsDialog::importChecked()
{
    RegistrySettings next = *m_services.registries;
    QStringList hosts;
    for (int row = 0; row < m_list->count(); ++row) {
        const QListWidgetItem *item = m_list->item(row);
        if (item->checkState() != Qt::Checked || !(item->flags() & Qt::ItemIsEnabled))
            continue;
        const QString key = item->data(KeyRole).toString();
        RegistryEntry entry;
        entry.host = key.section(QLatin1Char('/'), 0, 0);
        if (const auto existing = next.find(entry.host))
            entry = *existing;
        // A login for host/namespace: bookmark the namespace, it may be all the user can see.
        const QString scope = key.section(QLatin1Char('/'), 1);
        if (!scope.isEmpty() && !entry.bookmarks.contains(scope))
            entry.bookmarks << scope;
        QString error;
        if (!next.upsert(entry, &error)) {
            m_status->setText(tr("%1 was not imported: %2").arg(key, error));
            return;
        }
        if (!hosts.contains(entry.host))
            hosts << entry.host;
    }
    if (hosts.isEmpty()) {
        m_status->setText(tr("Nothing selected."));
        return;
    }
    Q_EMIT imported(next, hosts);
    accept();
}

} // namespace crossdock
