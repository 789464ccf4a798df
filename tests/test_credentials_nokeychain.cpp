// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
// The Log in dialog where no OS keychain exists (CTest points D-Bus at a
// socket that is not there): it says so, writes nothing, and offers two
// explicit choices - this session only, or an auth file readable by the user
// alone.
#include "core/credentials/authfile.h"
#include "core/credentials/resolvecredentialsjob.h"
#include "core/credentials/sessioncredentials.h"
#include "dialogdriver.h"
#include "registryset.h"
#include "registrytestutil.h"
#include "testenv.h"
#include "ui/registries/credentialsdialog.h"
#include "ui/registries/registriesdialog.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QTemporaryDir>

using namespace crossdock;
using namespace crossdock::test;

class TestCredentialsNoKeychain : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void saysSoAndWritesNothing();
    void keepForThisSessionOnly();
    void authFileOnlyWhenChosen();

private:
    AppServices services()
    {
        return AppServices {
            &m_network, &m_settings, m_home.filePath(QStringLiteral("config/crossdock/registries.json")), &m_session};
    }
    // Saves a correct login and waits for the no-keychain choices.
    bool saveWithoutKeychain(CredentialsDialog &dialog);
    QString host() const { return m_set->htpasswd()->hostAndPort(); }

    std::unique_ptr<RegistrySet> m_set;
    QNetworkAccessManager m_network;
    QTemporaryDir m_home;
    RegistrySettings m_settings;
    SessionCredentials m_session;
};

void TestCredentialsNoKeychain::initTestCase()
{
    QVERIFY(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").contains(QStringLiteral("no-bus")));
    qputenv("HOME", m_home.path().toUtf8());
    qputenv("XDG_RUNTIME_DIR", m_home.filePath(QStringLiteral("run")).toUtf8());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    qunsetenv("REGISTRY_AUTH_FILE");
    m_set = std::make_unique<RegistrySet>(RegistrySet::Htpasswd);
    QVERIFY2(m_set->ok(), qPrintable(m_set->error()));
}

void TestCredentialsNoKeychain::init()
{
    m_session = SessionCredentials();
    QFile::remove(AuthFile::defaultWritePath());
}

bool TestCredentialsNoKeychain::saveWithoutKeychain(CredentialsDialog &dialog)
{
    type(&dialog, "username", RegistrySet::User);
    type(&dialog, "password", RegistrySet::Password);
    click(&dialog, "save");
    return QTest::qWaitFor(
               [&] { return text(&dialog, "result").contains(QStringLiteral("No OS keychain is available")); }, 30000)
        && child<QWidget>(&dialog, "noKeychain")->isVisible();
}

void TestCredentialsNoKeychain::saysSoAndWritesNothing()
{
    CredentialsDialog dialog(services(), host(), TlsSettings());
    dialog.show();
    QVERIFY2(saveWithoutKeychain(dialog), qPrintable(text(&dialog, "result")));
    QVERIFY(text(&dialog, "result").contains(QStringLiteral("the login was not stored")));
    QVERIFY(dialog.isVisible()); // waiting for the user's choice
    QVERIFY(!m_session.contains(host()));
    const QStringList leaks = filesContaining(m_home.path(),
        {RegistrySet::Password.toUtf8(),
            (RegistrySet::User + QLatin1Char(':') + RegistrySet::Password).toUtf8().toBase64()});
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char(' '))));
    // Cancelling then stores nothing either.
    dialog.reject();
    QVERIFY(!m_session.contains(host()));
    QVERIFY(!QFile::exists(AuthFile::defaultWritePath()));
}

void TestCredentialsNoKeychain::keepForThisSessionOnly()
{
    CredentialsDialog dialog(services(), host(), TlsSettings());
    dialog.show();
    QVERIFY(saveWithoutKeychain(dialog));
    QSignalSpy accepted(&dialog, &QDialog::accepted);
    click(&dialog, "sessionOnly");
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(m_session.get(host()).password, RegistrySet::Password);
    QVERIFY(!QFile::exists(AuthFile::defaultWritePath()));

    // The application now connects with it.
    RegistriesDialog registries(services());
    registries.show();
    type(&registries, "host", host());
    click(&registries, "testConnection");
    QTRY_VERIFY_WITH_TIMEOUT(text(&registries, "result").contains(QStringLiteral("Lists repositories?")), 30000);
    QVERIFY2(text(&registries, "result").contains(QStringLiteral("Login: alice (from this session)")),
        qPrintable(text(&registries, "result")));
    QVERIFY(text(&registries, "result").contains(QStringLiteral("Credentials accepted? yes")));
}

void TestCredentialsNoKeychain::authFileOnlyWhenChosen()
{
    CredentialsDialog dialog(services(), host(), TlsSettings());
    dialog.show();
    QVERIFY(saveWithoutKeychain(dialog));
    QVERIFY(!QFile::exists(AuthFile::defaultWritePath()));
    click(&dialog, "storeInFile");
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const QString path = AuthFile::defaultWritePath();
    QVERIFY(path.startsWith(m_home.path()));
    QCOMPARE(QFile(path).permissions()
            & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup | QFileDevice::WriteOther),
        QFileDevice::Permissions());
    // podman's and skopeo's format, found by the same lookup as the CLI's.
    ResolveCredentialsJob lookup(host(), QString(), QString());
    lookup.setKeychainFirst(true);
    QVERIFY(runJob(&lookup));
    QCOMPARE(lookup.credentials().password, RegistrySet::Password);
    QCOMPARE(lookup.source(), QStringLiteral("auths.%1 in %2").arg(host(), path));
}

QTEST_MAIN(TestCredentialsNoKeychain)
#include "test_credentials_nokeychain.moc"
