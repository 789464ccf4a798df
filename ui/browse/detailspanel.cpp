// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/browse/detailspanel.h"

#include "core/browse/imagedetailsjob.h"
#include "core/registry/registryclient.h"
#include "ui/browse/elidedtitle.h"
#include "ui/browse/historyformat.h"
#include "ui/browse/jsonhighlighter.h"
#include "ui/browse/supplychainview.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace crossdock {

namespace {

QPlainTextEdit *monospaceView(const char *name)
{
    auto *view = new QPlainTextEdit;
    view->setObjectName(QString::fromLatin1(name));
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    return view;
}

QString prettyJson(const QByteArray &raw)
{
    const QJsonDocument document = QJsonDocument::fromJson(raw);
    return document.isNull() ? QString::fromUtf8(raw) : QString::fromUtf8(document.toJson(QJsonDocument::Indented));
}

QString row(const QString &label, const QString &value)
{
    return QStringLiteral("<tr><td style='padding-right:12px'><b>%1</b></td><td>%2</td></tr>")
        .arg(label.toHtmlEscaped(), value);
}

} // namespace

DetailsPanel::DetailsPanel(ContentCache *cache, std::shared_ptr<const TrustPolicy> policy, QWidget *parent)
    : QWidget(parent)
    , m_cache(cache)
    , m_title(new ElidedTitle)
    , m_status(new QLabel)
    , m_back(new QPushButton(tr("Back to index")))
    , m_copyDigest(new QPushButton(tr("Copy digest")))
    , m_tabs(new QTabWidget)
    , m_overview(new QLabel)
    , m_overviewScroll(new QScrollArea)
    , m_platforms(new QTreeWidget)
    , m_layers(new QTreeWidget)
    , m_config(monospaceView("config"))
    , m_history(monospaceView("history"))
    , m_raw(monospaceView("raw"))
    , m_supplyChain(new SupplyChainView(std::move(policy)))
{
    m_title->setObjectName(QStringLiteral("detailsTitle"));
    m_status->setObjectName(QStringLiteral("detailsStatus"));
    m_status->setWordWrap(true);
    m_back->setObjectName(QStringLiteral("backToIndex"));
    m_back->hide();
    m_copyDigest->setObjectName(QStringLiteral("copyDigest"));
    m_copyDigest->setEnabled(false);
    m_tabs->setObjectName(QStringLiteral("detailsTabs"));
    m_overview->setObjectName(QStringLiteral("overview"));
    m_overview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_overview->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_overview->setWordWrap(true);
    m_platforms->setObjectName(QStringLiteral("platforms"));
    m_platforms->setHeaderLabels({tr("Platform"), tr("Digest"), tr("Media type")});
    m_platforms->setRootIsDecorated(false);
    m_platforms->setToolTip(tr("Double-click or press Enter to open a platform's image"));
    m_layers->setObjectName(QStringLiteral("layers"));
    m_layers->setHeaderLabels({tr("#"), tr("Size"), tr("Created by"), tr("Digest"), tr("Media type")});
    m_layers->setRootIsDecorated(false);
    m_layers->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    new JsonHighlighter(m_raw->document());

    // Scrolled, not squeezed: a digest is one long word, and a label asks
    // for its longest word's width - which would push the pane wider.
    m_overviewScroll->setObjectName(QStringLiteral("overviewScroll"));
    m_overviewScroll->setWidget(m_overview);
    m_overviewScroll->setWidgetResizable(true);
    m_overviewScroll->setFrameShape(QFrame::NoFrame);
    // Sideways only: the overview is always shown whole in height.
    m_overviewScroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_overviewScroll->viewport()->installEventFilter(this);
    auto *overviewPage = new QWidget;
    auto *overviewLayout = new QVBoxLayout(overviewPage);
    overviewLayout->addWidget(m_overviewScroll);
    overviewLayout->addWidget(m_platforms, 1);
    m_tabs->addTab(overviewPage, tr("Overview"));
    m_tabs->addTab(m_layers, tr("Layers"));
    m_tabs->addTab(m_config, tr("Config"));
    m_tabs->addTab(m_history, tr("History"));
    m_tabs->addTab(m_raw, tr("Raw"));
    m_tabs->addTab(m_supplyChain, tr("Supply chain"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { showSupplyChainIfVisible(); });

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_back);
    header->addWidget(m_copyDigest);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_status);
    layout->addWidget(m_tabs, 1);

    connect(m_copyDigest, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setText(m_digest); });
    connect(m_back, &QPushButton::clicked, this, [this] { load(m_topReference, false); });
    connect(m_platforms, &QTreeWidget::itemActivated, this,
        [this](QTreeWidgetItem *item) { load(item->data(1, Qt::UserRole).toString(), true); });
    clear(tr("Select a tag to see what it is."));
}

bool DetailsPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_overviewScroll->viewport() && event->type() == QEvent::Resize)
        fitOverviewHeight();
    return QWidget::eventFilter(watched, event);
}

void DetailsPanel::fitOverviewHeight()
{
    // As tall as the overview at the width it gets (never narrower than its
    // longest word, a digest), plus the sideways scroll bar when it shows.
    const int width = std::max(m_overviewScroll->viewport()->width(), m_overview->minimumSizeHint().width());
    const int content = m_overview->hasHeightForWidth() ? m_overview->heightForWidth(width) : m_overview->sizeHint().height();
    const bool scrolls = m_overview->minimumSizeHint().width() > m_overviewScroll->viewport()->width();
    const int height = std::max(0, content) + (scrolls ? m_overviewScroll->horizontalScrollBar()->sizeHint().height() : 0);
    if (m_overviewScroll->minimumHeight() != height)
        m_overviewScroll->setMinimumHeight(height);
}

void DetailsPanel::clear(const QString &message)
{
    if (m_job)
        m_job->cancel();
    m_digest.clear();
    m_title->clearLines();
    m_status->setText(message);
    m_status->setStyleSheet(QString());
    m_back->hide();
    m_copyDigest->setEnabled(false);
    m_overview->clear();
    m_platforms->clear();
    m_platforms->hide();
    m_layers->clear();
    m_config->clear();
    m_history->clear();
    m_raw->clear();
    m_supplyChain->clear(QString());
    m_supplyChainShown.clear();
    m_tabs->setEnabled(false);
}

void DetailsPanel::showImage(
    const ImageSource &source, const QString &name, const QString &repository, const QString &reference)
{
    m_source = source;
    m_name = name;
    m_repository = repository;
    m_topReference = reference;
    load(reference, false);
}

void DetailsPanel::showError(const QString &message)
{
    m_status->setText(message);
    m_status->setStyleSheet(QStringLiteral("color: #b00020"));
}

void DetailsPanel::load(const QString &reference, bool isPlatformOfIndex)
{
    clear(tr("Loading %1…").arg(reference));
    if (!m_source.client && !m_source.store)
        return;
    auto *job = new ImageDetailsJob(m_source, m_cache, m_repository, reference, this);
    m_job = job;
    connect(job, &Job::finished, this, [this, job, isPlatformOfIndex] {
        if (job->error().code == Error::Code::Cancelled)
            return;
        if (job->error().isError()) {
            if (job->error().code == Error::Code::Unreachable || job->error().code == Error::Code::Tls)
                Q_EMIT registryFailed(job->error());
            return showError(job->error().message);
        }
        present(*job);
        m_back->setVisible(isPlatformOfIndex);
        Q_EMIT loaded();
    });
    job->start();
}

void DetailsPanel::present(const ImageDetailsJob &job)
{
    const Manifest &manifest = job.manifest();
    m_digest = manifest.digest().toString();
    m_status->clear();
    m_tabs->setEnabled(true);
    m_copyDigest->setEnabled(true);
    const QString &name = m_name;
    const bool byDigest = job.reference().contains(QLatin1Char(':'));
    m_title->setLines(byDigest ? name : name + QLatin1Char(':') + job.reference(), name + QLatin1Char('@') + m_digest);

    QString rows = row(tr("Digest"), m_digest) + row(tr("Media type"), manifest.mediaType().toHtmlEscaped());
    QByteArray raw = manifest.raw();
    if (manifest.isIndex()) {
        m_platforms->show();
        for (const Descriptor &child : manifest.manifests()) {
            auto *item = new QTreeWidgetItem(m_platforms,
                {child.platform ? child.platform->toString() : tr("(no platform)"), child.digest.shortHex(),
                    child.mediaType});
            item->setData(1, Qt::UserRole, child.digest.toString());
            item->setToolTip(1, child.digest.toString());
        }
        rows += row(tr("Platforms"), QString::number(manifest.manifests().size()));
    }
    qint64 total = 0;
    for (const Descriptor &layer : manifest.layers())
        total += std::max<qint64>(0, layer.size);
    const std::optional<ImageConfig> &config = job.config();
    if (manifest.kind() == Manifest::Kind::Image)
        rows += row(tr("Size"),
            tr("%1 compressed, %n layer(s)", nullptr, static_cast<int>(manifest.layers().size()))
                .arg(QLocale().formattedDataSize(total)));
    if (config) {
        rows += row(tr("Platform"),
            QStringLiteral("%1/%2%3").arg(config->os, config->architecture,
                config->variant.isEmpty() ? QString() : QLatin1Char('/') + config->variant));
        rows += row(tr("Created"), config->created.toHtmlEscaped());
        if (!config->author.isEmpty())
            rows += row(tr("Author"), config->author.toHtmlEscaped());
    }
    m_overview->setText(QStringLiteral("<table>%1</table>").arg(rows));
    fitOverviewHeight();

    // Layers, each with the history entry that made it (empty-layer entries skipped).
    QStringList layerCommands;
    if (config)
        for (const ImageConfig::HistoryEntry &entry : config->history)
            if (!entry.emptyLayer)
                layerCommands << dockerfileLine(entry.createdBy);
    for (int i = 0; i < manifest.layers().size(); ++i) {
        const Descriptor &layer = manifest.layers().at(i);
        auto *item = new QTreeWidgetItem(m_layers,
            {QString::number(i + 1), QLocale().formattedDataSize(std::max<qint64>(0, layer.size)),
                layerCommands.value(i), layer.digest.shortHex(), layer.mediaType});
        item->setToolTip(2, layerCommands.value(i));
        item->setToolTip(3, layer.digest.toString());
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    }

    if (config) {
        QStringList lines;
        auto list = [&lines](const QString &label, const QStringList &values) {
            if (values.isEmpty())
                return;
            lines << label;
            for (const QString &value : values)
                lines << QStringLiteral("  ") + value;
        };
        list(tr("Entrypoint:"), config->entrypoint);
        list(tr("Cmd:"), config->cmd);
        list(tr("Env:"), config->env);
        QStringList labels;
        for (auto it = config->labels.begin(); it != config->labels.end(); ++it)
            labels << it.key() + QLatin1Char('=') + it.value().toString();
        list(tr("Labels:"), labels);
        list(tr("Exposed ports:"), config->exposedPorts);
        if (!config->user.isEmpty())
            lines << tr("User: %1").arg(config->user);
        if (!config->workingDir.isEmpty())
            lines << tr("Working directory: %1").arg(config->workingDir);
        m_config->setPlainText(lines.join(QLatin1Char('\n')));

        QStringList history;
        for (const ImageConfig::HistoryEntry &entry : config->history)
            history << dockerfileLine(entry.createdBy)
                    + (entry.comment.isEmpty() ? QString() : QStringLiteral("   # ") + entry.comment);
        m_history->setPlainText(history.join(QLatin1Char('\n')));
    }
    QString rawText = QStringLiteral("// manifest %1\n").arg(m_digest) + prettyJson(raw);
    if (!job.rawConfig().isEmpty())
        rawText += QStringLiteral("\n// config %1\n").arg(manifest.config().digest.toString())
            + prettyJson(job.rawConfig());
    m_raw->setPlainText(rawText);
    m_shownReference = job.reference();
    showSupplyChainIfVisible();
}

void DetailsPanel::showSupplyChainIfVisible()
{
    if (m_tabs->currentWidget() != m_supplyChain || m_digest.isEmpty() || m_supplyChainShown == m_digest)
        return;
    m_supplyChainShown = m_digest;
    if (!m_source.client)
        return m_supplyChain->clear(tr("Signatures, attestations and SBOMs live in registries; the local folder keeps none."));
    // The image as its name says (what signatures name and the policy scopes).
    const bool byDigest = m_shownReference.contains(QLatin1Char(':'));
    const TransportReference reference = TransportReference::parse(
        QStringLiteral("docker://") + m_name + (byDigest ? QLatin1Char('@') : QLatin1Char(':')) + m_shownReference);
    m_supplyChain->show(m_source.client, m_repository, Digest::parse(m_digest), reference);
}

} // namespace crossdock
