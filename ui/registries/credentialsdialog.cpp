// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/registries/credentialsdialog.h"

#include "core/credentials/authfile.h"
#include "core/credentials/keychainjob.h"
#include "core/credentials/resolvecredentialsjob.h"
#include "core/credentials/sessioncredentials.h"
#include "ui/registries/connectioncheck.h"
#include "ui/registries/loginlookup.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace crossdock {

CredentialsDialog::CredentialsDialog(
    const AppServices &services, const QString &host, const TlsSettings &tls, QWidget *parent)
    : QDialog(parent)
    , m_services(services)
    , m_host(host)
    , m_tls(tls)
    , m_current(new QLabel)
    , m_username(new QLineEdit)
    , m_password(new QLineEdit)
    , m_result(new QLabel)
    , m_noKeychain(new QWidget)
    , m_check(new QPushButton(tr("Check login")))
    , m_save(new QPushButton(tr("Save")))
    , m_forget(new QPushButton(tr("Remove stored login")))
    , m_connection(new ConnectionCheck(services.network, this))
{
    setWindowTitle(tr("Log in to %1").arg(host));
    auto *heading = new QLabel(tr("<b>Log in to %1</b>").arg(host.toHtmlEscaped()));
    m_current->setObjectName(QStringLiteral("current"));
    m_current->setWordWrap(true);
    m_username->setObjectName(QStringLiteral("username"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password); // never echoed
    m_password->setPlaceholderText(tr("password or access token"));
    m_result->setObjectName(QStringLiteral("result"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_check->setObjectName(QStringLiteral("check"));
    m_save->setObjectName(QStringLiteral("save"));
    m_save->setDefault(true);
    m_forget->setObjectName(QStringLiteral("forget"));

    // Shown only when no keychain is available: two explicit choices.
    m_noKeychain->setObjectName(QStringLiteral("noKeychain"));
    auto *sessionOnly = new QPushButton(tr("Keep for this session only"));
    sessionOnly->setObjectName(QStringLiteral("sessionOnly"));
    auto *toFile = new QPushButton(tr("Store in %1").arg(AuthFile::defaultWritePath()));
    toFile->setObjectName(QStringLiteral("storeInFile"));
    toFile->setToolTip(tr("An auth file readable by you alone (mode 0600), in the format podman and skopeo read. "
                          "The password is stored base64-encoded, not encrypted."));
    auto *choices = new QVBoxLayout(m_noKeychain);
    choices->setContentsMargins(0, 0, 0, 0);
    choices->addWidget(sessionOnly);
    choices->addWidget(toFile);
    m_noKeychain->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("User name"), m_username);
    form->addRow(tr("Password or token"), m_password);
    auto *buttons = new QDialogButtonBox;
    buttons->addButton(m_save, QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    auto *row = new QHBoxLayout;
    row->addWidget(m_check);
    row->addWidget(m_forget);
    row->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_current);
    layout->addLayout(form);
    layout->addLayout(row);
    layout->addWidget(m_result);
    layout->addWidget(m_noKeychain);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(520, 290);

    // Save accepts only once the login is stored, so QDialogButtonBox::accepted stays unconnected.
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_save, &QPushButton::clicked, this, &CredentialsDialog::save);
    connect(m_check, &QPushButton::clicked, this, &CredentialsDialog::check);
    connect(m_forget, &QPushButton::clicked, this, &CredentialsDialog::forget);
    // Accepted only once a login is stored somewhere.
    connect(this, &QDialog::accepted, this, [this] { Q_EMIT loginChanged(m_host); });
    connect(sessionOnly, &QPushButton::clicked, this, &CredentialsDialog::keepForSession);
    connect(toFile, &QPushButton::clicked, this, &CredentialsDialog::storeInAuthFile);
    lookUpStored();
}

void CredentialsDialog::showResult(const QString &text, bool isError)
{
    m_result->setText(text);
    m_result->setStyleSheet(isError ? QStringLiteral("color: #b00020") : QString());
}

void CredentialsDialog::setBusy(bool busy)
{
    m_check->setEnabled(!busy);
    m_save->setEnabled(!busy);
    m_forget->setEnabled(!busy);
}

void CredentialsDialog::lookUpStored()
{
    // The same lookup the GUI uses when it connects: say where today's login
    // comes from, and offer its user name (never its secret).
    m_current->setText(tr("Looking for a stored login…"));
    auto *job = lookUpLogin(m_services, m_host, this);
    connect(job, &Job::finished, this, [this, job] {
        if (job->error().isError())
            return m_current->setText(job->error().message);
        const Credentials &found = job->credentials();
        if (found.isEmpty())
            return m_current->setText(tr("No login stored; %1 is used anonymously.").arg(m_host));
        if (m_username->text().isEmpty())
            m_username->setText(found.username);
        m_current->setText(found.username.isEmpty()
                ? tr("A login is stored in %1.").arg(job->source())
                : tr("Logged in as %1 (stored in %2).").arg(found.username, job->source()));
    });
    job->start();
}

Credentials CredentialsDialog::typed() const
{
    return Credentials {m_username->text().trimmed(), m_password->text(), {}, {}};
}

bool CredentialsDialog::checkTyped()
{
    if (m_username->text().trimmed().isEmpty()) {
        showResult(tr("Enter a user name."), true);
        m_username->setFocus();
        return false;
    }
    if (m_password->text().isEmpty()) {
        showResult(tr("Enter a password or access token."), true);
        m_password->setFocus();
        return false;
    }
    return true;
}

void CredentialsDialog::check()
{
    if (!checkTyped())
        return;
    setBusy(true);
    showResult(tr("Checking the login at %1…").arg(m_host), false);
    disconnect(m_connection, nullptr, this, nullptr);
    connect(m_connection, &ConnectionCheck::finished, this, [this](const QStringList &lines, const Error &error) {
        setBusy(false);
        showResult(lines.isEmpty() ? error.message : lines.join(QLatin1Char('\n')), error.isError());
    });
    m_connection->start(m_host, m_tls, typed());
}

void CredentialsDialog::save()
{
    if (!checkTyped())
        return;
    // Like `login`: a login the registry rejects is not stored. One that
    // cannot be checked now (registry down) is stored, and the user told.
    setBusy(true);
    showResult(tr("Checking the login at %1…").arg(m_host), false);
    const Credentials credentials = typed();
    disconnect(m_connection, nullptr, this, nullptr);
    connect(m_connection, &ConnectionCheck::finished, this,
        [this, credentials](const QStringList &lines, const Error &error) {
            if (error.code == Error::Code::Unauthorized || error.code == Error::Code::Denied
                || error.code == Error::Code::InvalidInput) {
                setBusy(false);
                return showResult(tr("Not saved: %1").arg(error.message), true);
            }
            Q_UNUSED(lines)
            storeInKeychain(credentials);
        });
    m_connection->start(m_host, m_tls, credentials);
}

void CredentialsDialog::storeInKeychain(const Credentials &credentials)
{
    auto *job = KeychainJob::write(m_host, credentials, this);
    connect(job, &Job::finished, this, [this, job, credentials] {
        setBusy(false);
        if (!job->error().isError()) {
            // A login saved here replaces one kept for the session.
            m_services.sessionCredentials->remove(m_host);
            m_password->clear();
            return accept();
        }
        if (job->error().code == Error::Code::Unsupported)
            return offerNoKeychainChoices(credentials);
        showResult(job->error().message, true);
    });
    job->start();
}

void CredentialsDialog::offerNoKeychainChoices(const Credentials &credentials)
{
    // Nothing is written until the user picks a place.
    m_pending = credentials;
    showResult(tr("No OS keychain is available (no Secret Service is running), so the login was not stored. "
                  "Keep it for this session only, or store it in an auth file?"),
        true);
    m_noKeychain->show();
}

void CredentialsDialog::keepForSession()
{
    m_services.sessionCredentials->set(m_host, m_pending);
    m_pending = {};
    m_password->clear();
    accept();
}

void CredentialsDialog::storeInAuthFile()
{
    QString error;
    if (!AuthFile::store(AuthFile::defaultWritePath(), m_host, m_pending, &error))
        return showResult(error, true);
    m_pending = {};
    m_password->clear();
    accept();
}

void CredentialsDialog::forget()
{
    m_services.sessionCredentials->remove(m_host);
    setBusy(true);
    auto *job = KeychainJob::remove(m_host, this);
    connect(job, &Job::finished, this, [this, job] {
        setBusy(false);
        if (job->error().isError() && job->error().code != Error::Code::Unsupported)
            return showResult(job->error().message, true);
        showResult(tr("Removed the login stored by Crossdock for %1.").arg(m_host), false);
        Q_EMIT loginChanged(m_host);
        lookUpStored(); // an auth-file or helper login may still apply: say so
    });
    job->start();
}

} // namespace crossdock
