#pragma once

#include "appservices.h"
#include "tlssettings.h"

#include <QMainWindow>
#include <QPointer>

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace crossdock {

class Job;
class RegistryClient;

// The first Crossdock window: inspect one image reference and see its tags
// and details. The side-by-side registry panes arrive with [browse].
class MainWindow final : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(const AppServices &services, QWidget *parent = nullptr);

    // Starts inspecting a reference as if typed and confirmed by the user.
    void inspect(const QString &reference);

private:
    void onInspectRequested();
    void showStatus(const QString &text, bool isError);
    void offerLogin(const QString &host, const TlsSettings &tls);
    void openRegistries();
    TlsSettings tlsFor(const QString &host) const;

    AppServices m_services;
    QPushButton *m_loginButton;
    QLineEdit *m_referenceEdit;
    QPushButton *m_inspectButton;
    QListWidget *m_tagList;
    QPlainTextEdit *m_details;
    QLabel *m_status;
    QPointer<Job> m_current;
    QPointer<RegistryClient> m_client;
};

} // namespace crossdock
