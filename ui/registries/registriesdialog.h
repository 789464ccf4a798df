// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/registry/registrysettings.h"
#include "ui/appservices.h"

#include <QDialog>
#include <QPointer>
#include <QSet>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace crossdock {

class ConnectionCheck;
class Job;

// Add, edit, remove and reorder the configured registries, test a
// connection in plain words, and open each registry's login (the
// CredentialsDialog, OS keychain). Only non-secret settings are saved, to
// services.registriesPath, and only when a change is valid.
class RegistriesDialog final : public QDialog {
    Q_OBJECT

public:
    explicit RegistriesDialog(const AppServices &services, QWidget *parent = nullptr);

    // Shows host's entry, or a new unsaved one for it.
    void selectHost(const QString &host);
    // An empty form for a new registry, the Host field focused ("Add
    // registry…" in a pane, the Add button).
    void addEntry();
    // Closing with unsaved changes asks to save, discard or stay.
    void reject() override;

Q_SIGNALS:
    void registriesChanged();
    // A login was stored or removed through this dialog.
    void loginChanged(const QString &host);

private:
    void reloadList(const QString &selectHost = {});
    void showEntry(const RegistryEntry &entry, bool saved);
    RegistryEntry entryFromForm() const;
    bool commit(const RegistrySettings &next);
    int rowOf(const QString &host) const;
    void showNewEntry();
    // The form differs from the entry it showed (or a new one was filled in).
    bool hasUnsavedChanges() const;
    // Runs proceed at once, or after the user saved or discarded the
    // changes; stay when they chose to keep editing (or saving failed).
    void settleUnsavedChanges(std::function<void()> proceed, std::function<void()> stay = {});
    void forgetLoginOfDiscarded(const RegistryEntry &discarded);
    void confirmRemove();
    void removeEntry(const QString &host);
    void moveEntry(int delta);
    void testConnection();
    bool save();
    void openCredentials();
    void openImport();
    void browseInto(QLineEdit *edit, const QString &title);
    void showResult(const QString &text, bool isError);

    AppServices m_services;
    RegistryEntry m_shown; // what the form showed last, to tell edits apart
    bool m_shownSaved = false;
    QSet<QString> m_loginsStored; // hosts logged in to from this dialog

    QListWidget *m_list;
    QLineEdit *m_name;
    QLineEdit *m_host;
    QComboBox *m_tls;
    QLineEdit *m_caFile;
    QLineEdit *m_clientCertificate;
    QLineEdit *m_clientKey;
    QLineEdit *m_bookmarks;
    QSpinBox *m_streams;
    QPushButton *m_test;
    QLabel *m_result;
    ConnectionCheck *m_connection;
    QPointer<Job> m_lookup;
};

} // namespace crossdock
