// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/browse/imagesource.h"
#include "core/image/digest.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

class QWidget;

namespace crossdock {

class Job;
class RegistryClient;

// Deleting a tag as a careful user expects: the registry deletes a manifest
// by digest, which removes every tag naming it, so first find those tags,
// then ask (listing them all), then delete. A registry with deletion
// disabled gets the operator's setting named. Asynchronous throughout; the
// confirmation is a window-modal box opened with open(), not exec().
class DeleteTagFlow final : public QObject {
    Q_OBJECT

public:
    // shownName names the repository with its registry for the question
    // ("prod.example.com/team/app"): two panes may show the same path on
    // two registries.
    DeleteTagFlow(const ImageSource &source, const QString &repository, const QString &shownName, const QString &tag,
        const Digest &digest, QWidget *dialogParent);

    void start();

Q_SIGNALS:
    // What is happening, for a status line ("Finding tags that share…").
    void status(const QString &text);
    // Every tag that went with the digest.
    void deleted(const QStringList &tags);
    void failed(const QString &message);
    void cancelled();

private:
    void confirm(const QStringList &tags);
    void remove(const QStringList &tags);

    ImageSource m_source;
    QString m_repository;
    QString m_shownName;
    QString m_tag;
    Digest m_digest;
    QPointer<QWidget> m_dialogParent;
};

} // namespace crossdock
