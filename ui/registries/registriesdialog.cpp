// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/registries/registriesdialog.h"

#include "core/credentials/keychainjob.h"
#include "core/credentials/resolvecredentialsjob.h"
#include "core/credentials/sessioncredentials.h"
#include "ui/registries/connectioncheck.h"
#include "ui/registries/credentialsdialog.h"
#include "ui/registries/importloginsdialog.h"
#include "ui/registries/loginlookup.h"
#include "ui/registries/registriespolicy.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace crossdock {

namespace {

QPushButton *button(const QString &text, const char *objectName)
{
    auto *b = new QPushButton(text);
    b->setObjectName(QString::fromLatin1(objectName));
    // Enter in a field saves (the default button), never presses the
    // first button it comes across (Browse… opened a file picker).
    b->setAutoDefault(false);
    return b;
}

QLineEdit *lineEdit(const char *objectName, const QString &placeholder = {})
{
    auto *edit = new QLineEdit;
    edit->setObjectName(QString::fromLatin1(objectName));
    edit->setPlaceholderText(placeholder);
    return edit;
}

} // namespace

RegistriesDialog::RegistriesDialog(const AppServices &services, QWidget *parent)
    : QDialog(parent)
    , m_services(services)
    , m_list(new QListWidget)
    , m_name(lineEdit("name", tr("optional, e.g. Staging")))
    , m_host(lineEdit("host", tr("registry.example.com or localhost:5000")))
    , m_tls(new QComboBox)
    , m_caFile(lineEdit("caFile", tr("optional: an extra CA certificate (PEM)")))
    , m_clientCertificate(lineEdit("clientCertificate", tr("optional: for mutual TLS (PEM)")))
    , m_clientKey(lineEdit("clientKey", tr("the certificate's key (PEM file)")))
    , m_bookmarks(lineEdit("bookmarks", tr("optional: team/app, library/nginx")))
    , m_streams(new QSpinBox)
    , m_test(button(tr("Test connection"), "testConnection"))
    , m_result(new QLabel)
    , m_connection(new ConnectionCheck(services.network, this))
{
    setWindowTitle(tr("Registries"));
    m_list->setObjectName(QStringLiteral("registryList"));
    m_tls->setObjectName(QStringLiteral("tls"));
    m_tls->addItem(tr("Verify certificates"), static_cast<int>(TlsSettings::Mode::Verify));
    m_tls->addItem(tr("Skip certificate verification (insecure)"), static_cast<int>(TlsSettings::Mode::SkipVerify));
    m_tls->addItem(tr("Plain HTTP, no TLS (insecure)"), static_cast<int>(TlsSettings::Mode::PlainHttp));
    m_bookmarks->setToolTip(
        tr("Repositories to offer when the registry does not list its catalog (Docker Hub, GHCR, GitLab)."));
    m_streams->setObjectName(QStringLiteral("streams"));
    m_streams->setRange(1, 64);
    m_result->setObjectName(QStringLiteral("result"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_result->setMinimumHeight(110);

    QPushButton *add = button(tr("Add"), "add");
    QPushButton *remove = button(tr("Remove…"), "remove");
    QPushButton *up = button(tr("Up"), "up");
    QPushButton *down = button(tr("Down"), "down");
    QPushButton *import = button(tr("Import logins…"), "import");
    import->setToolTip(tr("Registries you logged in to with docker, podman, skopeo or crossdock-cli"));
    auto *listButtons = new QHBoxLayout;
    for (QPushButton *b : {add, remove, up, down})
        listButtons->addWidget(b);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);
    left->addWidget(import);

    auto withBrowse = [this](QLineEdit *edit, const QString &title) {
        auto *row = new QHBoxLayout;
        row->addWidget(edit, 1);
        auto *browse = button(tr("Browse…"), "browse");
        connect(browse, &QPushButton::clicked, this, [this, edit, title] { browseInto(edit, title); });
        row->addWidget(browse);
        return row;
    };
    auto *form = new QFormLayout;
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Host"), m_host);
    form->addRow(tr("TLS"), m_tls);
    form->addRow(tr("CA file"), withBrowse(m_caFile, tr("Extra CA certificate")));
    form->addRow(tr("Client certificate"), withBrowse(m_clientCertificate, tr("Client certificate")));
    form->addRow(tr("Client key"), withBrowse(m_clientKey, tr("Client key")));
    form->addRow(tr("Bookmarks"), m_bookmarks);
    form->addRow(tr("Parallel streams"), m_streams);
    QPushButton *credentials = button(tr("Log in…"), "credentials");
    credentials->setToolTip(tr("User name and password or token, kept in the OS keychain"));
    QPushButton *save = button(tr("Save"), "save");
    save->setDefault(true);
    auto *actions = new QHBoxLayout;
    actions->addWidget(credentials);
    actions->addWidget(m_test);
    actions->addStretch(1);
    actions->addWidget(save);
    auto *right = new QVBoxLayout;
    right->addLayout(form);
    right->addLayout(actions);
    right->addWidget(m_result, 1);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 2);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(close);
    resize(880, 500);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QAbstractButton *b : close->buttons())
        if (auto *push = qobject_cast<QPushButton *>(b))
            push->setAutoDefault(false);
    connect(add, &QPushButton::clicked, this, &RegistriesDialog::addEntry);
    connect(remove, &QPushButton::clicked, this, &RegistriesDialog::confirmRemove);
    connect(up, &QPushButton::clicked, this, [this] { moveEntry(-1); });
    connect(down, &QPushButton::clicked, this, [this] { moveEntry(+1); });
    connect(import, &QPushButton::clicked, this, &RegistriesDialog::openImport);
    connect(credentials, &QPushButton::clicked, this, &RegistriesDialog::openCredentials);
    connect(m_test, &QPushButton::clicked, this, &RegistriesDialog::testConnection);
    connect(save, &QPushButton::clicked, this, &RegistriesDialog::save);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0)
            return;
        const QString host = m_list->item(row)->data(Qt::UserRole).toString();
        // Unsaved changes in the form are not dropped by a click in the list.
        settleUnsavedChanges(
            [this, host] {
                if (const auto entry = m_services.registries->find(host))
                    showEntry(*entry, true);
            },
            [this] {
                const QSignalBlocker blocker(m_list);
                m_list->setCurrentRow(rowOf(m_shown.host));
            });
    });
    reloadList();
    if (m_list->count() == 0)
        showNewEntry();
}

void RegistriesDialog::showResult(const QString &text, bool isError)
{
    m_result->setText(text);
    m_result->setStyleSheet(isError ? QStringLiteral("color: #b00020") : QString());
}

void RegistriesDialog::reloadList(const QString &selectHost)
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    int current = -1;
    for (const RegistryEntry &e : m_services.registries->entries()) {
        auto *item = new QListWidgetItem(
            e.displayName.isEmpty() ? e.host : QStringLiteral("%1 (%2)").arg(e.displayName, e.host));
        item->setData(Qt::UserRole, e.host);
        m_list->addItem(item);
        if (e.host == selectHost || current < 0)
            current = m_list->count() - 1;
    }
    m_list->setCurrentRow(current);
    if (current >= 0)
        showEntry(m_services.registries->entries().at(current), true);
}

void RegistriesDialog::showEntry(const RegistryEntry &entry, bool saved)
{
    m_shown = entry;
    m_shownSaved = saved;
    m_name->setText(entry.displayName);
    m_host->setText(entry.host);
    // A saved entry keeps its host: its login in the keychain is keyed by it.
    m_host->setReadOnly(saved);
    m_host->setToolTip(saved ? tr("To use another host, add a new registry.") : QString());
    m_tls->setCurrentIndex(std::max(0, m_tls->findData(static_cast<int>(entry.tlsMode))));
    m_caFile->setText(entry.caFile);
    m_clientCertificate->setText(entry.clientCertificate);
    m_clientKey->setText(entry.clientKey);
    m_bookmarks->setText(entry.bookmarks.join(QStringLiteral(", ")));
    m_streams->setValue(entry.maxStreams);
    m_result->clear();
}

void RegistriesDialog::selectHost(const QString &host)
{
    if (m_services.registries->find(host))
        return reloadList(host);
    RegistryEntry fresh;
    fresh.host = host;
    m_list->setCurrentRow(-1);
    showEntry(fresh, false);
}

RegistryEntry RegistriesDialog::entryFromForm() const
{
    RegistryEntry e;
    e.displayName = m_name->text().trimmed();
    e.host = m_host->text().trimmed();
    e.tlsMode = static_cast<TlsSettings::Mode>(m_tls->currentData().toInt());
    e.caFile = m_caFile->text().trimmed();
    e.clientCertificate = m_clientCertificate->text().trimmed();
    e.clientKey = m_clientKey->text().trimmed();
    for (const QString &bookmark : m_bookmarks->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!bookmark.trimmed().isEmpty())
            e.bookmarks << bookmark.trimmed();
    }
    e.maxStreams = m_streams->value();
    return e;
}

bool RegistriesDialog::commit(const RegistrySettings &next)
{
    // Saved first, adopted after: a failed write changes nothing.
    QString error;
    if (!next.save(m_services.registriesPath, &error)) {
        showResult(error, true);
        return false;
    }
    *m_services.registries = next;
    Q_EMIT registriesChanged();
    return true;
}

void RegistriesDialog::addEntry()
{
    settleUnsavedChanges([this] { showNewEntry(); });
}

void RegistriesDialog::showNewEntry()
{
    const QSignalBlocker blocker(m_list);
    m_list->setCurrentRow(-1);
    showEntry(RegistryEntry(), false);
    m_host->setFocus();
}

int RegistriesDialog::rowOf(const QString &host) const
{
    for (int row = 0; row < m_list->count(); ++row)
        if (m_list->item(row)->data(Qt::UserRole).toString() == host)
            return row;
    return -1;
}

bool RegistriesDialog::hasUnsavedChanges() const
{
    const RegistryEntry form = entryFromForm();
    // A new registry someone logged in to is worth keeping even untouched.
    return !(form == m_shown) || (!m_shownSaved && m_loginsStored.contains(form.host));
}

void RegistriesDialog::settleUnsavedChanges(std::function<void()> proceed, std::function<void()> stay)
{
    if (!hasUnsavedChanges())
        return proceed();
    const RegistryEntry form = entryFromForm();
    const QString name = form.host.isEmpty() ? tr("the new registry") : form.host;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Unsaved changes"),
        m_shownSaved ? tr("Save the changes to %1?").arg(name) : tr("Save %1? It is not in the list yet.").arg(name),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("unsavedChanges"));
    box->setDefaultButton(QMessageBox::Save);
    box->setAttribute(Qt::WA_DeleteOnClose);
    // open(), not exec(): no nested event loop.
    connect(box, &QMessageBox::finished, this, [this, box, proceed, stay, form](int) {
        const QMessageBox::StandardButton chosen = box->standardButton(box->clickedButton());
        if (chosen == QMessageBox::Save) {
            if (save())
                return proceed();
            return stay ? stay() : void();
        }
        if (chosen == QMessageBox::Discard) {
            forgetLoginOfDiscarded(form);
            return proceed();
        }
        if (stay)
            stay();
    });
    box->open();
}

void RegistriesDialog::forgetLoginOfDiscarded(const RegistryEntry &discarded)
{
    // A login stored here for a registry that was then discarded would stay
    // in the keychain for nothing: it goes with it.
    if (m_shownSaved || !m_loginsStored.contains(discarded.host) || m_services.registries->find(discarded.host))
        return;
    m_services.sessionCredentials->remove(discarded.host);
    KeychainJob::remove(discarded.host, nullptr)->start();
}

void RegistriesDialog::reject()
{
    settleUnsavedChanges([this] { QDialog::reject(); });
}

bool RegistriesDialog::save()
{
    const RegistryEntry entry = entryFromForm();
    const auto refuse = [this](const QString &why) {
        showResult(why, true);
        return false;
    };
    if (entry.host.isEmpty())
        return refuse(tr("Enter the registry's host, e.g. registry.example.com or localhost:5000."));
    if (entry.clientCertificate.isEmpty() != entry.clientKey.isEmpty())
        return refuse(tr("A client certificate needs its key, and a key its certificate."));
    RegistrySettings next = *m_services.registries;
    QString error;
    if (!next.upsert(entry, &error))
        return refuse(error);
    if (!commit(next))
        return false;
    reloadList(entry.host);
    showResult(tr("Saved %1.").arg(entry.host), false);
    return true;
}

void RegistriesDialog::confirmRemove()
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const QString host = item->data(Qt::UserRole).toString();
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove registry"),
        tr("Remove %1 and the login Crossdock stored for it in the OS keychain?\n"
           "Logins in auth files (docker, podman, skopeo) are left alone.")
            .arg(host),
        QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("confirmRemove"));
    QPushButton *confirm = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirmRemoveButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(confirm, &QPushButton::clicked, this, [this, host] { removeEntry(host); });
    box->open();
}

void RegistriesDialog::removeEntry(const QString &host)
{
    RegistrySettings next = *m_services.registries;
    next.remove(host);
    if (!commit(next))
        return;
    m_services.sessionCredentials->remove(host);
    reloadList();
    if (m_list->count() == 0)
        showNewEntry();
    showResult(tr("Removing %1…").arg(host), false);
    // Its secret goes with it; no keychain means nothing was stored there.
    auto *job = KeychainJob::remove(host, this);
    connect(job, &Job::finished, this, [this, job, host] {
        if (job->error().isError() && job->error().code != Error::Code::Unsupported)
            return showResult(tr("Removed %1, but its login could not be removed from the OS keychain: %2")
                                  .arg(host, job->error().message),
                true);
        showResult(tr("Removed %1 and its stored login.").arg(host), false);
    });
    job->start();
}

void RegistriesDialog::moveEntry(int delta)
{
    const QListWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const QString host = item->data(Qt::UserRole).toString();
    RegistrySettings next = *m_services.registries;
    next.move(host, m_list->currentRow() + delta);
    if (commit(next))
        reloadList(host);
}

void RegistriesDialog::testConnection()
{
    const RegistryEntry entry = entryFromForm();
    if (entry.host.isEmpty())
        return showResult(tr("Enter the registry's host first."), true);
    if (const QString blocked = RegistriesPolicy::blockedReason(m_services, entry.host); !blocked.isEmpty())
        return showResult(blocked, true); // not contacted, not even to test it
    // The login the application would use for this host, right now.
    if (m_lookup)
        m_lookup->cancel();
    auto *lookup = lookUpLogin(m_services, entry.host, this);
    m_lookup = lookup;
    m_test->setEnabled(false);
    showResult(tr("Testing %1…").arg(entry.host), false);
    connect(lookup, &Job::finished, this, [this, lookup, entry] {
        if (lookup->error().isError()) {
            m_test->setEnabled(true);
            return showResult(lookup->error().message, true);
        }
        const Credentials credentials = lookup->credentials();
        const QString login = credentials.isEmpty()
            ? tr("Login: none stored (anonymous)")
            : tr("Login: %1 (from %2)")
                  .arg(credentials.username.isEmpty() ? tr("token") : credentials.username, lookup->source());
        disconnect(m_connection, nullptr, this, nullptr);
        connect(m_connection, &ConnectionCheck::finished, this,
            [this, login](const QStringList &lines, const Error &error) {
                m_test->setEnabled(true);
                showResult((QStringList {login} << (lines.isEmpty() ? QStringList {error.message} : lines))
                               .join(QLatin1Char('\n')),
                    error.isError());
            });
        m_connection->start(entry.host, RegistriesPolicy::tlsFor(m_services, entry), credentials);
    });
    lookup->start();
}

void RegistriesDialog::openCredentials()
{
    const RegistryEntry entry = entryFromForm();
    if (entry.host.isEmpty())
        return showResult(tr("Enter the registry's host first."), true);
    auto *dialog = new CredentialsDialog(m_services, entry.host, RegistriesPolicy::tlsFor(m_services, entry), this);
    connect(dialog, &CredentialsDialog::loginChanged, this, &RegistriesDialog::loginChanged);
    connect(dialog, &QDialog::accepted, this, [this, host = entry.host] { m_loginsStored.insert(host); });
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
        [this, host = entry.host] { showResult(tr("Login for %1 saved.").arg(host), false); });
    dialog->open();
}

void RegistriesDialog::openImport()
{
    auto *dialog = new ImportLoginsDialog(m_services, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(
        dialog, &ImportLoginsDialog::imported, this, [this](const RegistrySettings &next, const QStringList &hosts) {
            if (!commit(next))
                return;
            reloadList(hosts.value(0));
            showResult(tr("Imported %1.").arg(hosts.join(QStringLiteral(", "))), false);
        });
    dialog->open();
}

void RegistriesDialog::browseInto(QLineEdit *edit, const QString &title)
{
    auto *picker = new QFileDialog(this, title, edit->text());
    picker->setAttribute(Qt::WA_DeleteOnClose);
    picker->setFileMode(QFileDialog::ExistingFile);
    picker->setNameFilters({tr("PEM files (*.pem *.crt *.cert *.key)"), tr("All files (*)")});
    connect(picker, &QFileDialog::fileSelected, edit, &QLineEdit::setText);
    picker->open();
}

} // namespace crossdock
