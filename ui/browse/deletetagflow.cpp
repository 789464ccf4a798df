// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/browse/deletetagflow.h"

#include "core/browse/localstore.h"
#include "core/registry/deletemanifestjob.h"
#include "core/registry/findtagsfordigestjob.h"
#include "core/registry/resolvedigestjob.h"

#include <QMessageBox>
#include <QPushButton>

namespace crossdock {

DeleteTagFlow::DeleteTagFlow(const ImageSource &source, const QString &repository, const QString &shownName,
    const QString &tag, const Digest &digest, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_source(source)
    , m_repository(repository)
    , m_shownName(shownName)
    , m_tag(tag)
    , m_digest(digest)
    , m_dialogParent(dialogParent)
{
}

void DeleteTagFlow::start()
{
    if (m_source.isLocal()) // a local name goes alone; the image data stays
        return confirm({m_tag});
    Q_EMIT status(tr("Finding the tags that share %1…").arg(m_digest.shortHex()));
    auto *find = new FindTagsForDigestJob(m_source.client, m_repository, m_digest, this);
    connect(find, &Job::finished, this, [this, find] {
        if (find->error().isError())
            return Q_EMIT failed(find->error().message);
        QStringList tags = find->tags();
        if (!tags.contains(m_tag))
            tags.prepend(m_tag);
        confirm(tags);
    });
    find->start();
}

void DeleteTagFlow::confirm(const QStringList &tags)
{
    QStringList others = tags;
    others.removeAll(m_tag);
    QString text;
    if (m_source.isLocal())
        text = tr("Remove %1:%2 from the local folder?").arg(m_repository, m_tag);
    else if (others.isEmpty())
        text = tr("Delete %1:%2?").arg(m_shownName, m_tag);
    else
        text = tr("Delete %1:%2?\n\nThe registry deletes the manifest %3, so these tags go too:\n%4")
                   .arg(m_shownName, m_tag, m_digest.shortHex(), others.join(QStringLiteral(", ")));
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete tag"), text, QMessageBox::Cancel, m_dialogParent);
    box->setObjectName(QStringLiteral("confirmDelete"));
    box->setInformativeText(tr("This cannot be undone."));
    QPushButton *confirm = box->addButton(
        others.isEmpty() ? tr("Delete") : tr("Delete %1 tags").arg(tags.size()),
        QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirmDeleteButton"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    connect(box, &QMessageBox::finished, this, [this, box, confirm, tags] {
        if (box->clickedButton() == confirm)
            remove(tags);
        else
            Q_EMIT cancelled();
    });
    box->open();
}

void DeleteTagFlow::remove(const QStringList &tags)
{
    if (m_source.isLocal()) {
        QString error;
        if (!m_source.store->untag(m_repository, m_tag, &error))
            return Q_EMIT failed(error);
        return Q_EMIT deleted(tags);
    }
    Q_EMIT status(tr("Deleting %1…").arg(m_digest.shortHex()));
    auto *job = new DeleteManifestJob(m_source.client, m_repository, m_digest, this);
    connect(job, &Job::finished, this, [this, job, tags] {
        if (job->error().isError())
            return Q_EMIT failed(job->error().message);
        Q_EMIT deleted(tags);
    });
    job->start();
}

} // namespace crossdock
