#pragma once

#include "core/registry/registrysettings.h"
#include "ui/appservices.h"

#include <QDialog>
#include <QPointer>

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

Q_SIGNALS:
    void registriesChanged();

private:
    void reloadList(const QString &selectHost = {});
    void showEntry(const RegistryEntry &entry, bool saved);
    RegistryEntry entryFromForm() const;
    bool commit(const RegistrySettings &next);
    void addEntry();
    void confirmRemove();
    void removeEntry(const QString &host);
    void moveEntry(int delta);
    void testConnection();
    void save();
    void openCredentials();
    void openImport();
    void browseInto(QLineEdit *edit, const QString &title);
    void showResult(const QString &text, bool isError);

    AppServices m_services;

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
