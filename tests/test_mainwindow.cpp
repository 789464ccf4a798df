// The first window, driven like a user would: type a reference, press
// Inspect, see tags and details; errors appear inline, never as a dialog.
#include "credentialsdialog.h"
#include "dialogdriver.h"
#include "fixtures.h"
#include "keychainjob.h"
#include "mainwindow.h"
#include "registriesdialog.h"
#include "registryset.h"
#include "registrysettings.h"
#include "registrytestutil.h"
#include "sessioncredentials.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace crossdock;
using namespace crossdock::test;

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void inspectShowsTagsAndDetails();
    void activatingATagInspectsIt();
    void errorsAreInline();
    void loginRequiredOffersLogIn();
    void registriesMenuOpensTheDialog();

private:
    AppServices services()
    {
        return AppServices {&m_network, &m_settings, m_dir.filePath(QStringLiteral("registries.json")), &m_session};
    }

    std::unique_ptr<RegistrySet> m_set;
    QNetworkAccessManager m_network;
    QTemporaryDir m_dir;
    RegistrySettings m_settings;
    SessionCredentials m_session;
};

void TestMainWindow::initTestCase()
{
    m_set = std::make_unique<RegistrySet>(RegistrySet::Anonymous | RegistrySet::Htpasswd);
    QVERIFY2(m_set->ok(), qPrintable(m_set->error()));
}

void TestMainWindow::inspectShowsTagsAndDetails()
{
    MainWindow window(services());
    window.show();
    auto *edit = window.findChild<QLineEdit *>(QStringLiteral("referenceEdit"));
    auto *tags = window.findChild<QListWidget *>(QStringLiteral("tagList"));
    auto *details = window.findChild<QPlainTextEdit *>(QStringLiteral("details"));
    QVERIFY(edit && tags && details);
    QTest::keyClicks(
        edit, m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciIndex + QStringLiteral(":multi"));
    QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("inspectButton")), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(tags->count(), 1, 10000);
    QCOMPARE(tags->item(0)->text(), QStringLiteral("multi"));
    QVERIFY2(
        details->toPlainText().contains(QStringLiteral("Platforms:     linux/amd64, linux/arm64/v8, linux/arm/v7")),
        qPrintable(details->toPlainText()));
    QVERIFY(details->toPlainText().contains(QStringLiteral("APP_SEED=index-amd64")));
}

void TestMainWindow::activatingATagInspectsIt()
{
    MainWindow window(services());
    window.show();
    window.inspect(
        m_set->anonymous()->hostAndPort() + QLatin1Char('/') + Fixtures::OciImage + QStringLiteral(":latest"));
    auto *tags = window.findChild<QListWidget *>(QStringLiteral("tagList"));
    QTRY_COMPARE_WITH_TIMEOUT(tags->count(), 2, 10000);
    const auto found = tags->findItems(QStringLiteral("1.0"), Qt::MatchExactly);
    QCOMPARE(found.size(), 1);
    Q_EMIT tags->itemActivated(found.first());
    auto *edit = window.findChild<QLineEdit *>(QStringLiteral("referenceEdit"));
    QTRY_VERIFY(edit->text().endsWith(QStringLiteral("fixtures/oci-image:1.0")));
}

void TestMainWindow::errorsAreInline()
{
    MainWindow window(services());
    window.show();
    auto *status = window.findChild<QLabel *>(QStringLiteral("status"));
    window.inspect(QStringLiteral("Not/A:Valid:Reference"));
    QVERIFY(status->text().contains(QStringLiteral("invalid reference")));
    window.inspect(m_set->anonymous()->hostAndPort() + QStringLiteral("/no/such:tag"));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("not found")), 10000);
    QVERIFY(QApplication::activeModalWidget() == nullptr);
}

void TestMainWindow::loginRequiredOffersLogIn()
{
    MainWindow window(services());
    window.show();
    const QString host = m_set->htpasswd()->hostAndPort();
    window.inspect(host + QLatin1Char('/') + Fixtures::OciImage + QStringLiteral(":latest"));
    auto *loginButton = window.findChild<QPushButton *>(QStringLiteral("loginButton"));
    QTRY_VERIFY_WITH_TIMEOUT(loginButton->isVisible(), 10000);
    QCOMPARE(text(&window, "status"), QStringLiteral("%1 requires a login to read fixtures/oci-image.").arg(host));

    QTest::mouseClick(loginButton, Qt::LeftButton);
    auto *login = visibleWindow<CredentialsDialog>();
    QVERIFY(login);
    QCOMPARE(login->host(), host);
    type(login, "username", RegistrySet::User);
    type(login, "password", RegistrySet::Password);
    click(login, "save");
    // Saved in the keychain, and the inspection runs again with it.
    auto *tags = window.findChild<QListWidget *>(QStringLiteral("tagList"));
    QTRY_COMPARE_WITH_TIMEOUT(tags->count(), 2, 15000);
    QVERIFY(!loginButton->isVisible());
    std::unique_ptr<KeychainJob> remove(KeychainJob::remove(host));
    QVERIFY(runJob(remove.get()));
}

void TestMainWindow::registriesMenuOpensTheDialog()
{
    MainWindow window(services());
    window.show();
    auto *action = window.findChild<QAction *>(QStringLiteral("actionRegistries"));
    QVERIFY(action);
    action->trigger();
    QVERIFY(visibleWindow<RegistriesDialog>());
}

QTEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
