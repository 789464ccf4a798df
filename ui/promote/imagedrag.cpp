// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "ui/promote/imagedrag.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeData>

namespace crossdock {

QString DraggedImage::reference() const
{
    // The local folder's id is "oci:DIR"; references into it read oci:DIR:repo:tag.
    const QString separator = registry.startsWith(QLatin1String("oci:")) ? QStringLiteral(":") : QStringLiteral("/");
    QString text = registry + separator + repository;
    if (!tag.isEmpty())
        text += QLatin1Char(':') + tag;
    return text;
}

namespace ImageDrag {

QMimeData *encode(const QList<DraggedImage> &images)
{
    QJsonArray array;
    QStringList references;
    for (const DraggedImage &image : images) {
        QJsonObject object {
            {QStringLiteral("registry"), image.registry},
            {QStringLiteral("repository"), image.repository},
        };
        if (!image.tag.isEmpty())
            object.insert(QStringLiteral("tag"), image.tag);
        if (!image.digest.isEmpty())
            object.insert(QStringLiteral("digest"), image.digest);
        if (!image.tags.isEmpty())
            object.insert(QStringLiteral("tags"), QJsonArray::fromStringList(image.tags));
        array.append(object);
        if (image.isRepository() && !image.tags.isEmpty())
            for (const QString &tag : image.tags)
                references << DraggedImage {image.registry, image.repository, tag, {}, {}}.reference();
        else
            references << image.reference();
    }
    auto *data = new QMimeData;
    data->setData(MimeType, QJsonDocument(array).toJson(QJsonDocument::Compact));
    data->setText(references.join(QLatin1Char('\n')));
    return data;
}

QList<DraggedImage> decode(const QMimeData *data, QString *error)
{
    QList<DraggedImage> images;
    if (!data || !data->hasFormat(MimeType))
        return images;
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(data->data(MimeType), &parse);
    if (!document.isArray()) {
        if (error)
            *error = QStringLiteral("the dropped data is not a list of images: %1").arg(parse.errorString());
        return images;
    }
    for (const QJsonValue &value : document.array()) {
        const QJsonObject object = value.toObject();
        DraggedImage image;
        image.registry = object.value(QStringLiteral("registry")).toString();
        image.repository = object.value(QStringLiteral("repository")).toString();
        image.tag = object.value(QStringLiteral("tag")).toString();
        image.digest = object.value(QStringLiteral("digest")).toString();
        for (const QJsonValue &tag : object.value(QStringLiteral("tags")).toArray())
            image.tags << tag.toString();
        if (image.registry.isEmpty() || image.repository.isEmpty()) {
            if (error)
                *error = QStringLiteral("a dropped image names no registry or repository");
            return {};
        }
        images.append(image);
    }
    return images;
}

bool canDrop(const QMimeData *data, const QString &receiverId)
{
    return data && data->hasFormat(MimeType) && !receiverId.isEmpty();
}

bool isOwnRepository(const QList<DraggedImage> &images, const QString &registryId, const QString &repository)
{
    return !images.isEmpty() && std::all_of(images.begin(), images.end(), [&](const DraggedImage &image) {
        return image.registry == registryId && image.repository == repository;
    });
}

} // namespace ImageDrag

} // namespace crossdock
