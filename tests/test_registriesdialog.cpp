// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// The Registries, Log in and Import dialogs, offscreen, driven like a user
// against the real htpasswd and token registries, with a real Secret Service
// (with-keyring.sh). Every text the dialogs showed, every log line and every
// file they wrote is scanned for the test secrets at the end.
#include "core/credentials/authfile.h"
#include "core/credentials/keychainjob.h"
#include "core/credentials/sessioncredentials.h"
#include "dialogdriver.h"
#include "registryset.h"
#include "registrytestutil.h"
#include "ui/registries/credentialsdialog.h"
#include "ui/registries/importloginsdialog.h"
#include "ui/registries/registriesdialog.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QListWidget>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QTemporaryDir>

using namespace crossdock;
using namespace crossdock::test;

namespace {

QStringList g_log;

void captureLog(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_log << message;
}

} // namespace

class TestRegistriesDialog : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void addEditAndReorder();
    void badInputIsNamed();
    void unsavedEntryIsNotDroppedSilently_data();
    void unsavedEntryIsNotDroppedSilently();
    void enterInAFieldSaves();
    void loginThenTestConnection_data();
    void loginThenTestConnection();
    void wrongPasswordIsSaidPlainly_data();
    void wrongPasswordIsSaidPlainly();
    void removeAsksAndForgetsTheSecret();
    void importListsExistingLogins();
    void secretsNeverLeak();

private:
    RegistryServer *server(const QString &name) const
    {
        return name == QLatin1String("token") ? m_set->token() : m_set->htpasswd();
    }
    AppServices services() { return AppServices {&m_network, &m_settings, m_settingsPath, &m_session}; }
    // Opens "Log in…" from the registries dialog and returns the dialog.
    CredentialsDialog *openLogin(RegistriesDialog &dialog);
    void remember(const QWidget *dialog, const char *label) { m_seen << text(dialog, label); }
    bool keychainHas(const QString &host, Credentials *found = nullptr);

    std::unique_ptr<RegistrySet> m_set;
    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    QString m_settingsPath;
    RegistrySettings m_settings;
    SessionCredentials m_session;
    QStringList m_seen; // every result text the dialogs showed
};

void TestRegistriesDialog::initTestCase()
{
    QLoggingCategory::setFilterRules(QStringLiteral("crossdock.*=true"));
    qInstallMessageHandler(captureLog);
    m_set = std::make_unique<RegistrySet>(RegistrySet::Htpasswd | RegistrySet::Token);
    QVERIFY2(m_set->ok(), qPrintable(m_set->error()));
}

void TestRegistriesDialog::init()
{
    static int n = 0;
    m_settingsPath = m_dir.filePath(QStringLiteral("config%1/crossdock/registries.json").arg(++n));
    m_settings = RegistrySettings();
    m_session = SessionCredentials();
}

void TestRegistriesDialog::cleanup()
{
    // Nothing a test stored may leak into the next one.
    for (const QString &host : {m_set->htpasswd()->hostAndPort(), m_set->token()->hostAndPort()}) {
        std::unique_ptr<KeychainJob> remove(KeychainJob::remove(host));
        QVERIFY(runJob(remove.get()));
    }
}

bool TestRegistriesDialog::keychainHas(const QString &host, Credentials *found)
{
    std::unique_ptr<KeychainJob> read(KeychainJob::read(host));
    if (!runJob(read.get()) || read->error().isError())
        return false;
    if (found)
        *found = read->credentials();
    return read->found();
}

CredentialsDialog *TestRegistriesDialog::openLogin(RegistriesDialog &dialog)
{
    click(&dialog, "credentials");
    auto *login = visibleWindow<CredentialsDialog>();
    // Ready once it has said where today's login comes from.
    if (!login
        || !QTest::qWaitFor([login] { return !text(login, "current").startsWith(QStringLiteral("Looking")); }, 10000))
        return nullptr;
    return login;
}

void TestRegistriesDialog::addEditAndReorder()
{
    RegistriesDialog dialog(services());
    dialog.show();
    QSignalSpy changed(&dialog, &RegistriesDialog::registriesChanged);
    type(&dialog, "name", QStringLiteral("Staging"));
    type(&dialog, "host", QStringLiteral("staging.example.com:5000"));
    type(&dialog, "bookmarks", QStringLiteral("team/app, library/nginx"));
    click(&dialog, "save");
    click(&dialog, "add");
    type(&dialog, "name", QStringLiteral("Production"));
    type(&dialog, "host", QStringLiteral("prod.example.com"));
    click(&dialog, "save");
    remember(&dialog, "result");
    QCOMPARE(changed.count(), 2);
    QCOMPARE(m_settings.entries().size(), 2);
    QCOMPARE(m_settings.entries().at(0).bookmarks,
        (QStringList {QStringLiteral("team/app"), QStringLiteral("library/nginx")}));

    // Production is selected; Up moves it first, on disk too.
    click(&dialog, "up");
    RegistrySettings onDisk;
    QString error;
    QVERIFY2(onDisk.load(m_settingsPath, &error), qPrintable(error));
    QCOMPARE(onDisk.entries().size(), 2);
    QCOMPARE(onDisk.entries().at(0).host, QStringLiteral("prod.example.com"));
    QCOMPARE(onDisk.entries().at(1).displayName, QStringLiteral("Staging"));

    // Editing keeps the host (the login is keyed by it) and updates the rest.
    auto *list = child<QListWidget>(&dialog, "registryList");
    list->setCurrentRow(1);
    QVERIFY(child<QLineEdit>(&dialog, "host")->isReadOnly());
    type(&dialog, "name", QStringLiteral("Staging EU"));
    click(&dialog, "save");
    QVERIFY(onDisk.load(m_settingsPath, &error));
    QCOMPARE(onDisk.entries().at(1).displayName, QStringLiteral("Staging EU"));
    QCOMPARE(list->item(1)->text(), QStringLiteral("Staging EU (staging.example.com:5000)"));
}

void TestRegistriesDialog::badInputIsNamed()
{
    RegistriesDialog dialog(services());
    dialog.show();
    type(&dialog, "host", QStringLiteral("https://not a host/"));
    click(&dialog, "save");
    QVERIFY2(text(&dialog, "result").contains(QStringLiteral("is not a registry host")),
        qPrintable(text(&dialog, "result")));
    type(&dialog, "host", QStringLiteral("ok.example.com"));
    type(&dialog, "clientCertificate", QStringLiteral("/etc/ssl/client.pem"));
    click(&dialog, "save");
    QVERIFY(text(&dialog, "result").contains(QStringLiteral("needs its key")));
    type(&dialog, "clientCertificate", QString());
    type(&dialog, "bookmarks", QStringLiteral("Upper/Case"));
    click(&dialog, "save");
    QVERIFY2(text(&dialog, "result").contains(QStringLiteral("bookmark \"Upper/Case\"")),
        qPrintable(text(&dialog, "result")));
    QVERIFY(m_settings.entries().isEmpty());
    QVERIFY(!QFile::exists(m_settingsPath)); // nothing half-written
}

void TestRegistriesDialog::unsavedEntryIsNotDroppedSilently_data()
{
    QTest::addColumn<int>("answer"); // QMessageBox::StandardButton
    QTest::newRow("save") << int(QMessageBox::Save);
    QTest::newRow("discard") << int(QMessageBox::Discard);
    QTest::newRow("cancel") << int(QMessageBox::Cancel);
}

void TestRegistriesDialog::unsavedEntryIsNotDroppedSilently()
{
    // A new registry filled in, then the dialog closed (Esc, Close, the
    // window's X): it asks, and does what was chosen.
    QFETCH(int, answer);
    RegistriesDialog dialog(services());
    dialog.show();
    type(&dialog, "name", QStringLiteral("Mirror"));
    type(&dialog, "host", QStringLiteral("mirror.example.com"));
    dialog.reject();
    QMessageBox *box = nullptr;
    QVERIFY(QTest::qWaitFor([&] { return (box = dialog.findChild<QMessageBox *>(QStringLiteral("unsavedChanges"))) && box->isVisible(); }, 3000));
    QVERIFY2(box->text().contains(QStringLiteral("mirror.example.com")), qPrintable(box->text()));
    QVERIFY(dialog.isVisible());
    QTest::mouseClick(box->button(static_cast<QMessageBox::StandardButton>(answer)), Qt::LeftButton);
    QTRY_VERIFY(!box || !box->isVisible());
    switch (answer) {
    case QMessageBox::Save:
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(m_settings.entries().size(), 1);
        QCOMPARE(m_settings.entries().first().displayName, QStringLiteral("Mirror"));
        break;
    case QMessageBox::Discard:
        QTRY_VERIFY(!dialog.isVisible());
        QVERIFY(m_settings.entries().isEmpty());
        break;
    default:
        QVERIFY(dialog.isVisible());
        QCOMPARE(child<QLineEdit>(&dialog, "host")->text(), QStringLiteral("mirror.example.com"));
        QVERIFY(m_settings.entries().isEmpty());
    }
}

void TestRegistriesDialog::enterInAFieldSaves()
{
    // Enter in Host saves (Save is the default button); it opened the CA
    // file picker before (the first button with autoDefault).
    RegistriesDialog dialog(services());
    dialog.show();
    type(&dialog, "host", QStringLiteral("enter.example.com"));
    QTest::keyClick(child<QLineEdit>(&dialog, "host"), Qt::Key_Return);
    QTRY_COMPARE(m_settings.entries().size(), 1);
    QCOMPARE(m_settings.entries().first().host, QStringLiteral("enter.example.com"));
    QVERIFY(QApplication::activeModalWidget() == nullptr || QApplication::activeModalWidget() == &dialog);
    QVERIFY(dialog.findChildren<QFileDialog *>().isEmpty());
    QVERIFY(dialog.isVisible());
}

void TestRegistriesDialog::loginThenTestConnection_data()
{
    QTest::addColumn<QString>("registry");
    QTest::newRow("htpasswd") << "htpasswd";
    QTest::newRow("token") << "token";
}

void TestRegistriesDialog::loginThenTestConnection()
{
    QFETCH(QString, registry);
    const QString host = server(registry)->hostAndPort();
    RegistriesDialog dialog(services());
    dialog.show();
    type(&dialog, "host", host);
    click(&dialog, "save");

    // Without a login the registry wants one.
    click(&dialog, "testConnection");
    QTRY_VERIFY_WITH_TIMEOUT(text(&dialog, "result").contains(QStringLiteral("Credentials accepted?")), 10000);
    remember(&dialog, "result");
    QVERIFY2(
        text(&dialog, "result").contains(QStringLiteral("Credentials accepted? no - %1 requires a login").arg(host)),
        qPrintable(text(&dialog, "result")));

    CredentialsDialog *login = openLogin(dialog);
    QVERIFY(login);
    QVERIFY(text(login, "current").contains(QStringLiteral("No login stored")));
    QCOMPARE(child<QLineEdit>(login, "password")->echoMode(), QLineEdit::Password);
    type(login, "username", RegistrySet::User);
    type(login, "password", RegistrySet::Password);
    QSignalSpy accepted(login, &QDialog::accepted);
    click(login, "save");
    QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 1, 15000);
    Credentials stored;
    QVERIFY(keychainHas(host, &stored));
    QCOMPARE(stored.username, RegistrySet::User);
    QCOMPARE(stored.password, RegistrySet::Password);

    click(&dialog, "testConnection");
    QTRY_VERIFY_WITH_TIMEOUT(text(&dialog, "result").contains(QStringLiteral("Lists repositories?")), 10000);
    const QString result = text(&dialog, "result");
    m_seen << result;
    QVERIFY2(result.contains(QStringLiteral("Login: alice (from the OS keychain)")), qPrintable(result));
    QVERIFY2(result.contains(QStringLiteral("Reachable? yes")), qPrintable(result));
    QVERIFY2(result.contains(QStringLiteral("Credentials accepted? yes")), qPrintable(result));
    QVERIFY2(result.contains(QStringLiteral("Lists repositories? yes")), qPrintable(result));

    // Reopened, the dialog says where the login is and offers the user name only.
    login = openLogin(dialog);
    QVERIFY(login);
    m_seen << text(login, "current");
    QCOMPARE(text(login, "current"), QStringLiteral("Logged in as alice (stored in the OS keychain)."));
    QCOMPARE(child<QLineEdit>(login, "username")->text(), RegistrySet::User);
    QVERIFY(child<QLineEdit>(login, "password")->text().isEmpty());
    login->reject();
}

void TestRegistriesDialog::wrongPasswordIsSaidPlainly_data()
{
    loginThenTestConnection_data();
}

void TestRegistriesDialog::wrongPasswordIsSaidPlainly()
{
    QFETCH(QString, registry);
    const QString host = server(registry)->hostAndPort();
    const QString wrong = QStringLiteral("not-her-password");
    CredentialsDialog login(services(), host, TlsSettings());
    login.show();
    type(&login, "username", RegistrySet::User);
    type(&login, "password", wrong);
    click(&login, "check");
    QTRY_VERIFY_WITH_TIMEOUT(text(&login, "result").contains(QStringLiteral("Credentials accepted?")), 10000);
    remember(&login, "result");
    QVERIFY2(
        text(&login, "result")
            .contains(QStringLiteral("Credentials accepted? no - %1 rejected the user name or password").arg(host)),
        qPrintable(text(&login, "result")));

    // Save refuses what the registry rejects, and stores nothing.
    click(&login, "save");
    QTRY_VERIFY_WITH_TIMEOUT(text(&login, "result").startsWith(QStringLiteral("Not saved")), 10000);
    remember(&login, "result");
    QVERIFY(login.isVisible());
    QVERIFY(!keychainHas(host));

    // The registries dialog says the same about a wrong session login.
    m_session.set(host, Credentials {RegistrySet::User, wrong, {}, {}});
    RegistriesDialog dialog(services());
    dialog.show();
    type(&dialog, "host", host);
    click(&dialog, "testConnection");
    QTRY_VERIFY_WITH_TIMEOUT(text(&dialog, "result").contains(QStringLiteral("Credentials accepted?")), 10000);
    remember(&dialog, "result");
    QVERIFY2(text(&dialog, "result").contains(QStringLiteral("Login: alice (from this session)")),
        qPrintable(text(&dialog, "result")));
    QVERIFY(
        text(&dialog, "result")
            .contains(QStringLiteral("Credentials accepted? no - %1 rejected the user name or password").arg(host)));
}

void TestRegistriesDialog::removeAsksAndForgetsTheSecret()
{
    const QString host = m_set->htpasswd()->hostAndPort();
    RegistriesDialog dialog(services());
    dialog.show();
    type(&dialog, "host", host);
    click(&dialog, "save");
    CredentialsDialog *login = openLogin(dialog);
    QVERIFY(login);
    type(login, "username", RegistrySet::User);
    type(login, "password", RegistrySet::Password);
    click(login, "save");
    QTRY_VERIFY_WITH_TIMEOUT(keychainHas(host), 15000);

    // Cancel keeps everything.
    click(&dialog, "remove");
    auto *box = visibleWindow<QMessageBox>();
    QVERIFY(box);
    QVERIFY(box->text().contains(host));
    box->button(QMessageBox::Cancel)->click();
    QCOMPARE(m_settings.entries().size(), 1);
    QVERIFY(keychainHas(host));

    click(&dialog, "remove");
    box = visibleWindow<QMessageBox>();
    QVERIFY(box);
    click(box, "confirmRemoveButton");
    QVERIFY(m_settings.entries().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(text(&dialog, "result").contains(QStringLiteral("and its stored login")), 10000);
    remember(&dialog, "result");
    QVERIFY(!keychainHas(host));
}

void TestRegistriesDialog::importListsExistingLogins()
{
    // What docker and podman left behind: an auth.json with an inline login
    // (scoped to a namespace), a docker config.json with a credHelpers entry
    // and a credsStore whose helper lists two more.
    const QString home = QDir::homePath();
    const QStringList chain = AuthFile::searchPaths(QString());
    const QString containersAuth = chain.first();
    QString error;
    QVERIFY2(AuthFile::store(containersAuth, QStringLiteral("inline.example.com/team"),
                 {RegistrySet::User, RegistrySet::Password, {}}, &error),
        qPrintable(error));
    const QString dockerConfig = home + QStringLiteral("/.docker/config.json");
    QVERIFY(chain.contains(dockerConfig));
    QDir().mkpath(QFileInfo(dockerConfig).absolutePath());
    QFile config(dockerConfig);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(R"({"credHelpers": {"helped.example.com": "fakestore"}, "credsStore": "fakestore"})");
    config.close();
    const QString bin = home + QStringLiteral("/bin");
    QDir().mkpath(bin);
    QFile helper(bin + QStringLiteral("/docker-credential-fakestore"));
    QVERIFY(helper.open(QIODevice::WriteOnly));
    helper.write(
        "#!/bin/sh\n[ \"$1\" = list ] && echo '{\"https://index.docker.io/v1/\":\"hubuser\",\"quay.io\":\"quser\"}'\n");
    helper.close();
    helper.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    qputenv("PATH", (bin + QLatin1Char(':') + qEnvironmentVariable("PATH")).toUtf8());

    RegistryEntry known;
    known.host = QStringLiteral("quay.io");
    QVERIFY(m_settings.upsert(known, &error));

    RegistriesDialog dialog(services());
    dialog.show();
    click(&dialog, "import");
    auto *import = visibleWindow<ImportLoginsDialog>();
    QVERIFY(import);
    QTRY_VERIFY_WITH_TIMEOUT(!text(import, "status").startsWith(QStringLiteral("Looking")), 10000);
    remember(import, "status");
    QVERIFY2(text(import, "status").isEmpty(), qPrintable(text(import, "status")));
    auto *list = child<QListWidget>(import, "logins");
    QStringList rows;
    for (int i = 0; i < list->count(); ++i)
        rows << list->item(i)->text()
                + (list->item(i)->flags() & Qt::ItemIsEnabled ? QString() : QStringLiteral(" [already configured]"));
    m_seen << rows;
    QCOMPARE(rows,
        (QStringList {QStringLiteral("inline.example.com/team - user alice, in %1").arg(containersAuth),
            QStringLiteral("helped.example.com - kept by docker-credential-fakestore (%1)").arg(dockerConfig),
            QStringLiteral("docker.io - user hubuser, kept by docker-credential-fakestore (%1)").arg(dockerConfig),
            QStringLiteral("quay.io - user quser, kept by docker-credential-fakestore (%1) [already configured]")
                .arg(dockerConfig)}));
    click(import, "importButton");
    QStringList hosts;
    for (const RegistryEntry &e : m_settings.entries())
        hosts << e.host;
    QCOMPARE(hosts,
        (QStringList {QStringLiteral("quay.io"), QStringLiteral("inline.example.com"),
            QStringLiteral("helped.example.com"), QStringLiteral("docker.io")}));
    QCOMPARE(m_settings.find(QStringLiteral("inline.example.com"))->bookmarks, QStringList {QStringLiteral("team")});
    QVERIFY(QFile::exists(m_settingsPath));
    remember(&dialog, "result");

    QFile::remove(containersAuth);
    QFile::remove(dockerConfig);
}

void TestRegistriesDialog::secretsNeverLeak()
{
    QVERIFY(m_seen.size() > 10);
    QVERIFY(!g_log.isEmpty()); // crossdock.* debug output was on
    const QStringList secrets {RegistrySet::Password, QStringLiteral("not-her-password"),
        QString::fromLatin1((RegistrySet::User + QLatin1Char(':') + RegistrySet::Password).toUtf8().toBase64())};
    auto scan = [&](const QString &where, const QString &content) {
        for (const QString &secret : secrets)
            QVERIFY2(!content.contains(secret), qPrintable(where + QStringLiteral(": ") + content));
        QVERIFY2(!content.contains(QLatin1String("eyJ")), qPrintable(where)); // no JWT
    };
    for (const QString &seen : std::as_const(m_seen))
        scan(QStringLiteral("dialog text"), seen);
    for (const QString &line : std::as_const(g_log))
        scan(QStringLiteral("log"), line);
    // Every settings file the dialogs wrote.
    QDirIterator it(m_dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
        QFile file(it.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        scan(it.filePath(), QString::fromUtf8(file.readAll()));
        ++files;
    }
    QVERIFY(files >= 4);
}

QTEST_MAIN(TestRegistriesDialog)
#include "test_registriesdialog.moc"
