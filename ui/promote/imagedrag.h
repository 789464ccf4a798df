// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

class QMimeData;

namespace crossdock {

// One image (or a whole repository) being dragged between panes. The
// registry is named by a stable identifier - the configured host, or
// "oci:DIR" for the local folder - never by credentials.
struct DraggedImage {
    QString registry;
    QString repository;
    QString tag; // empty: the whole repository (tags below, or all of them)
    QString digest; // when known
    QStringList tags; // a whole repository narrowed by the pane's filter; empty: all tags

    bool isRepository() const { return tag.isEmpty(); }
    // How a person writes it: host/repo:tag (or oci:DIR:repo:tag).
    QString reference() const;
};

namespace ImageDrag {

inline const QString MimeType = QStringLiteral("application/x-crossdock-images+json");

// The custom type for Crossdock panes plus text/plain references, one per
// line, for dropping into a terminal or an editor.
QMimeData *encode(const QList<DraggedImage> &images);
// Empty when the data holds no Crossdock images (error then says why, when
// it looked like ours but was damaged).
QList<DraggedImage> decode(const QMimeData *data, QString *error = nullptr);

// Whether data can land on a model of the registry receiverId: it holds
// Crossdock images, and the model knows its registry.
bool canDrop(const QMimeData *data, const QString &receiverId);
// True when every dragged image already lives in repository of registry
// registryId: dropped back where it came from (a click that slipped), which
// the models refuse rather than open the promote dialog.
bool isOwnRepository(const QList<DraggedImage> &images, const QString &registryId, const QString &repository);

} // namespace ImageDrag

} // namespace crossdock
