#include "mainwindow.h"

#include "credentialsdialog.h"
#include "inspectjob.h"
#include "registriesdialog.h"
#include "registryclient.h"
#include "registrysettings.h"
#include "resolvecredentialsjob.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

namespace crossdock {

namespace {

QString describe(const InspectResult &r)
{
    QStringList lines;
    const Manifest &image = *r.imageManifest;
    const ImageConfig &config = *r.config;
    lines << QStringLiteral("Reference:     %1").arg(r.reference.toString())
          << QStringLiteral("Digest:        %1").arg(r.topManifest->digest().toString())
          << QStringLiteral("Media type:    %1").arg(r.topManifest->mediaType());
    if (r.topManifest->isIndex())
        lines << QStringLiteral("Platforms:     %1").arg(r.topManifest->platformNames().join(QStringLiteral(", ")));
    qint64 total = 0;
    for (const Descriptor &layer : image.layers())
        total += std::max<qint64>(0, layer.size);
    lines << QStringLiteral("Platform:      %1/%2%3")
                 .arg(config.os, config.architecture,
                     config.variant.isEmpty() ? QString() : QLatin1Char('/') + config.variant)
          << QStringLiteral("Created:       %1").arg(config.created)
          << QStringLiteral("Size:          %1 (compressed, %2 layers)")
                 .arg(QLocale().formattedDataSize(total))
                 .arg(image.layers().size())
          << QString() << QStringLiteral("Layers:");
    for (const Descriptor &layer : image.layers())
        lines << QStringLiteral("  %1  %2  %3")
                     .arg(layer.digest.shortHex(), QLocale().formattedDataSize(layer.size), layer.mediaType);
    if (!config.env.isEmpty())
        lines << QString() << QStringLiteral("Environment:");
    for (const QString &variable : config.env)
        lines << QStringLiteral("  ") + variable;
    return lines.join(QLatin1Char('\n'));
}

} // namespace

MainWindow::MainWindow(const AppServices &services, QWidget *parent)
    : QMainWindow(parent)
    , m_services(services)
    , m_loginButton(new QPushButton(tr("Log in…")))
    , m_referenceEdit(new QLineEdit)
    , m_inspectButton(new QPushButton(tr("Inspect")))
    , m_tagList(new QListWidget)
    , m_details(new QPlainTextEdit)
    , m_status(new QLabel)
{
    setWindowTitle(tr("Crossdock"));
    m_referenceEdit->setObjectName(QStringLiteral("referenceEdit"));
    m_inspectButton->setObjectName(QStringLiteral("inspectButton"));
    m_tagList->setObjectName(QStringLiteral("tagList"));
    m_details->setObjectName(QStringLiteral("details"));
    m_status->setObjectName(QStringLiteral("status"));
    m_referenceEdit->setPlaceholderText(tr("Image reference, e.g. localhost:5000/team/app:1.0"));
    m_referenceEdit->setClearButtonEnabled(true);
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setPlaceholderText(tr("Enter an image reference and press Inspect."));

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_referenceEdit, 1);
    bar->addWidget(m_inspectButton);

    auto *tagsBox = new QWidget;
    auto *tagsLayout = new QVBoxLayout(tagsBox);
    tagsLayout->setContentsMargins(0, 0, 0, 0);
    tagsLayout->addWidget(new QLabel(tr("Tags")));
    tagsLayout->addWidget(m_tagList);

    auto *splitter = new QSplitter;
    splitter->addWidget(tagsBox);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(1, 3);

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->addLayout(bar);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);
    statusBar()->addWidget(m_status, 1);
    m_loginButton->setObjectName(QStringLiteral("loginButton"));
    m_loginButton->hide();
    statusBar()->addPermanentWidget(m_loginButton);
    resize(1000, 640);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *registries = file->addAction(tr("&Registries…"), this, &MainWindow::openRegistries);
    registries->setObjectName(QStringLiteral("actionRegistries"));
    registries->setShortcut(QKeySequence::Preferences);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    connect(m_referenceEdit, &QLineEdit::returnPressed, this, &MainWindow::onInspectRequested);
    connect(m_inspectButton, &QPushButton::clicked, this, &MainWindow::onInspectRequested);
    connect(m_tagList, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const ImageReference ref = ImageReference::parse(m_referenceEdit->text());
        if (ref.isValid())
            inspect(ref.withTag(item->text()).toString());
    });
}

void MainWindow::inspect(const QString &reference)
{
    m_referenceEdit->setText(reference);
    onInspectRequested();
}

void MainWindow::showStatus(const QString &text, bool isError)
{
    m_loginButton->hide();
    m_status->setText(text);
    m_status->setStyleSheet(isError ? QStringLiteral("color: #b00020") : QString());
}

void MainWindow::onInspectRequested()
{
    QString error;
    const ImageReference ref = ImageReference::parse(m_referenceEdit->text().trimmed(), &error);
    if (!ref.isValid()) {
        showStatus(error, true);
        return;
    }
    if (m_current)
        m_current->cancel();
    showStatus(tr("Inspecting %1…").arg(ref.toString()), false);
    // What is shown always belongs to the reference in the field.
    m_tagList->clear();
    m_details->clear();

    auto *credentials = new ResolveCredentialsJob(ref.registry(), ref.repository(), QString(), this);
    credentials->setKeychainFirst(true); // a login saved in the app wins
    credentials->setSessionCredentials(m_services.sessionCredentials);
    m_current = credentials;
    connect(credentials, &Job::finished, this, [this, credentials, ref] {
        if (credentials->error().isError()) {
            showStatus(credentials->error().message, true);
            return;
        }
        if (m_client)
            m_client->deleteLater();
        const TlsSettings tls = tlsFor(ref.registry());
        m_client = new RegistryClient(ref.apiHost(), tls, credentials->credentials(), m_services.network, this);
        auto *job = new InspectJob(m_client, ref, InspectJob::Options(), this);
        m_current = job;
        connect(job, &Job::finished, this, [this, job, ref, tls] {
            if (job->error().isError()) {
                if (job->error().code != Error::Code::Unauthorized)
                    return showStatus(job->error().message, true);
                // The GUI's own words (the core's message suggests the CLI's login).
                showStatus(m_client->hasCredentials()
                               ? tr("%1 did not accept the stored login for %2. Log in again to continue.")
                                     .arg(ref.registry(), m_client->credentials().username)
                               : tr("%1 requires a login to read %2.").arg(ref.registry(), ref.repository()),
                           true);
                offerLogin(ref.registry(), tls);
                return;
            }
            const InspectResult &result = job->result();
            m_tagList->clear();
            m_tagList->addItems(result.tags);
            m_details->setPlainText(describe(result));
            showStatus(tr("%n tag(s)", nullptr, static_cast<int>(result.tags.size())), false);
        });
        job->start();
    });
    credentials->start();
}

TlsSettings MainWindow::tlsFor(const QString &host) const
{
    const auto entry = m_services.registries->find(host);
    return entry ? entry->tlsSettings() : TlsSettings();
}

void MainWindow::offerLogin(const QString &host, const TlsSettings &tls)
{
    // A 401 is not a dead end: log in, then the same inspection runs again.
    m_loginButton->disconnect(this);
    connect(m_loginButton, &QPushButton::clicked, this, [this, host, tls] {
        auto *dialog = new CredentialsDialog(m_services, host, tls, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this, &MainWindow::onInspectRequested);
        dialog->open();
    });
    m_loginButton->show();
}

void MainWindow::openRegistries()
{
    auto *dialog = new RegistriesDialog(m_services, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace crossdock
