// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/credentials/credentials.h"
#include "core/net/tlssettings.h"
#include "ui/appservices.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace crossdock {

class ConnectionCheck;

// Log in to one registry: user name and password (or access token), checked
// against the registry and stored in the OS keychain. Where no keychain is
// available it says so and stores nothing until the user picks "this session
// only" or an auth file readable by them alone. Accepted once the login is
// stored somewhere; "Remove stored login" forgets the keychain and session
// entries.
class CredentialsDialog final : public QDialog {
    Q_OBJECT

public:
    CredentialsDialog(
        const AppServices &services, const QString &host, const TlsSettings &tls, QWidget *parent = nullptr);

    QString host() const { return m_host; }

Q_SIGNALS:
    // A login for host was stored (keychain, session or auth file) or removed.
    void loginChanged(const QString &host);

private:
    void lookUpStored();
    Credentials typed() const;
    bool checkTyped();
    void check();
    void save();
    void storeInKeychain(const Credentials &credentials);
    void offerNoKeychainChoices(const Credentials &credentials);
    void keepForSession();
    void storeInAuthFile();
    void forget();
    void showResult(const QString &text, bool isError);
    void setBusy(bool busy);

    AppServices m_services;
    QString m_host;
    TlsSettings m_tls;
    Credentials m_pending; // awaiting the user's no-keychain choice; memory only

    QLabel *m_current;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QLabel *m_result;
    QWidget *m_noKeychain;
    QPushButton *m_check;
    QPushButton *m_save;
    QPushButton *m_forget;
    ConnectionCheck *m_connection;
};

} // namespace crossdock
