// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/oci/ocilayout.h"

#include "core/base/durablefile.h"
#include "core/base/error.h"
#include "core/image/mediatypes.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace crossdock {

namespace {

bool writeAtomically(const QString &path, const QByteArray &bytes, QString *error)
{
    return DurableFile::writeWhole(path, bytes, error);
}

const char EmptyIndex[] = R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]})";

// The lock every index update holds: flock on a file beside index.json (not
// index.json itself, which is replaced by rename and so changes inode).
class IndexLock
{
public:
    // False with error when another writer holds it now (then *busy, if
    // given, is set: the caller may try again) or it cannot be taken.
    bool tryLock(const QString &directory, bool *busy, QString *error)
    {
        const QString path = directory + QStringLiteral("/") + OciLayout::LockFileName;
        m_fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (m_fd < 0) {
            *error = QStringLiteral("cannot lock %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        if (::flock(m_fd, LOCK_EX | LOCK_NB) == 0)
            return true;
        const int code = errno;
        ::close(m_fd);
        m_fd = -1;
        if (code == EWOULDBLOCK || code == EINTR) {
            if (busy)
                *busy = true;
            *error = QStringLiteral("the index of OCI layout %1 is being updated by another writer").arg(directory);
            return false;
        }
        *error = QStringLiteral("cannot lock %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(code)));
        return false;
    }
    ~IndexLock()
    {
        if (m_fd >= 0)
            ::close(m_fd); // releases the flock
    }

private:
    int m_fd = -1;
};

QJsonObject readIndex(const QString &directory, QString *error)
{
    QFile file(directory + QStringLiteral("/index.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString());
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.read(Manifest::MaxSize + 1), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = QStringLiteral("%1 is not valid JSON (%2)").arg(file.fileName(), parseError.errorString());
        return {};
    }
    return document.object();
}

// A folder another writer is making into a layout right now holds nothing
// but what that writer makes (blobs/, index.json, the lock file,
// temporaries, and the marker itself: the caller looked for it a moment
// ago, but the other writer may have renamed its temporary into place
// since); any other folder is someone else's.
bool isLayoutBeingMade(const QDir &dir)
{
    const QStringList entries = dir.entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const QString &name : entries) {
        if (name != QLatin1String("blobs") && name != QLatin1String("index.json") && name != OciLayout::LockFileName
            && name != QLatin1String("oci-layout") && !DurableFile::isTemporary(name))
            return false;
    }
    return QFileInfo(dir.filePath(QStringLiteral("blobs"))).isDir();
}

} // namespace

bool OciLayout::canHoldLayout(const QString &directory)
{
    const QDir dir(directory);
    return !dir.exists() || dir.isEmpty() || QFile::exists(dir.filePath(QStringLiteral("oci-layout")))
        || isLayoutBeingMade(dir);
}

std::optional<OciLayout> OciLayout::open(const QString &directory, bool create, QString *error)
{
    const QDir dir(directory);
    const QString marker = dir.filePath(QStringLiteral("oci-layout"));
    if (!QFile::exists(marker)) {
        if (!create || !(!dir.exists() || dir.isEmpty() || isLayoutBeingMade(dir))) {
            *error = dir.exists() ? QStringLiteral("%1 is not an OCI image layout (no oci-layout file)").arg(directory)
                                  : QStringLiteral("OCI layout %1 does not exist").arg(directory);
            return std::nullopt;
        }
        // The marker first, so that a second writer creating the same
        // layout at the same moment finds a layout, not a folder that is
        // neither empty nor a layout; index.json after it, only where there
        // is none (the other writer may have tagged already).
        if (!QDir().mkpath(dir.filePath(QStringLiteral("blobs/sha256")))
            || !writeAtomically(marker, R"({"imageLayoutVersion":"1.0.0"})", error)) {
            if (error->isEmpty())
                *error = QStringLiteral("cannot create OCI layout %1").arg(directory);
            return std::nullopt;
        }
    }
    // A writer's layout always has an index: one made a moment ago by
    // another writer, or one a crash kept from being written after the
    // marker, is created here.
    if (create && !DurableFile::createIfAbsent(dir.filePath(QStringLiteral("index.json")), EmptyIndex, error))
        return std::nullopt;
    OciLayout layout;
    layout.m_directory = QFileInfo(directory).absoluteFilePath();
    return layout;
}

bool OciLayout::isValidRefName(const QString &name)
{
    static const QRegularExpression re(QRegularExpression::anchoredPattern(
        QStringLiteral("[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*(?:/[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*)*")));
    return re.match(name).hasMatch();
}

QString OciLayout::blobPath(const Digest &digest) const
{
    // Digest is validated: algorithm and hex cannot escape the directory.
    return m_directory + QStringLiteral("/blobs/") + digest.algorithm() + QLatin1Char('/') + digest.hex();
}

bool OciLayout::hasBlob(const Digest &digest, qint64 size) const
{
    const QFileInfo info(blobPath(digest));
    return info.isFile() && (size < 0 || info.size() == size);
}

std::optional<QByteArray> OciLayout::readBlob(const Digest &digest, qint64 maxSize, QString *error) const
{
    QFile file(blobPath(digest));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("blob %1 is missing from %2").arg(digest.toString(), m_directory);
        return std::nullopt;
    }
    if (file.size() > maxSize) {
        *error
            = QStringLiteral("blob %1 in %2 is larger than %3 bytes").arg(digest.toString(), m_directory).arg(maxSize);
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    DigestHasher hasher(digest.algorithm());
    hasher.addData(bytes);
    if (hasher.result() != digest) {
        *error = QStringLiteral("blob %1 in %2 is corrupt (its content hashes differently)")
                     .arg(digest.toString(), m_directory);
        return std::nullopt;
    }
    return bytes;
}

bool OciLayout::writeBlob(const Digest &digest, const QByteArray &bytes, QString *error)
{
    QDir().mkpath(QFileInfo(blobPath(digest)).absolutePath());
    return writeAtomically(blobPath(digest), bytes, error);
}

std::optional<Descriptor> OciLayout::resolve(const QString &reference, QString *error) const
{
    const QJsonObject index = readIndex(m_directory, error);
    if (!error->isEmpty())
        return std::nullopt;
    return resolveIn(index, reference, QStringLiteral("OCI layout ") + m_directory, error);
}

std::optional<Descriptor> OciLayout::resolveIn(
    const QJsonObject &index, const QString &reference, const QString &where, QString *error)
{
    const QJsonArray manifests = index.value(QLatin1String("manifests")).toArray();
    const Digest asDigest = Digest::parse(reference);
    QList<QJsonObject> matches;
    for (const QJsonValue &v : manifests) {
        const QJsonObject entry = v.toObject();
        const QString name = entry.value(QLatin1String("annotations")).toObject().value(RefNameAnnotation).toString();
        if (reference.isEmpty() || name == reference
            || (asDigest.isValid() && entry.value(QLatin1String("digest")).toString() == asDigest.toString()))
            matches << entry;
    }
    if (matches.size() != 1) {
        *error = matches.isEmpty() ? QStringLiteral("no image \"%1\" in %2").arg(printable(reference, 200), where)
                                   : QStringLiteral("%1 holds %2 images; name one (oci:DIR:NAME)")
                                         .arg(where)
                                         .arg(matches.size());
        return std::nullopt;
    }
    Descriptor d;
    d.mediaType = matches.first().value(QLatin1String("mediaType")).toString();
    d.digest = Digest::parse(matches.first().value(QLatin1String("digest")).toString(), error);
    d.size = matches.first().value(QLatin1String("size")).toInteger(-1);
    if (!d.digest.isValid())
        return std::nullopt;
    error->clear();
    return d;
}

bool OciLayout::tag(const Descriptor &manifest, const QString &refName, QString *error, bool *busy)
{
    if (!refName.isEmpty() && !isValidRefName(refName)) {
        *error = QStringLiteral("invalid image name \"%1\" for OCI layout %2: letters and digits joined by "
                                "'-', '.', '_', ':', '@', '+' or '--', in '/'-separated parts")
                     .arg(printable(refName, 200), m_directory);
        return false;
    }
    // Read, change and replace under the lock, reading inside it: a writer
    // next to this one (another process, a parallel sync image) cannot lose
    // the tag the other just added.
    IndexLock lock;
    if (!lock.tryLock(m_directory, busy, error))
        return false;
    QJsonObject index = readIndex(m_directory, error);
    if (!error->isEmpty())
        return false;
    QJsonArray kept;
    for (const QJsonValue &v : index.value(QLatin1String("manifests")).toArray()) {
        const QString name
            = v.toObject().value(QLatin1String("annotations")).toObject().value(RefNameAnnotation).toString();
        if (refName.isEmpty() || name != refName)
            kept.append(v);
    }
    QJsonObject entry {{QStringLiteral("mediaType"), manifest.mediaType},
        {QStringLiteral("digest"), manifest.digest.toString()}, {QStringLiteral("size"), manifest.size}};
    if (!refName.isEmpty())
        entry.insert(QStringLiteral("annotations"), QJsonObject {{RefNameAnnotation, refName}});
    kept.append(entry);
    index.insert(QStringLiteral("manifests"), kept);
    index.insert(QStringLiteral("schemaVersion"), 2);
    return writeAtomically(
        m_directory + QStringLiteral("/index.json"), QJsonDocument(index).toJson(QJsonDocument::Indented), error);
}

bool OciLayout::untag(const QString &refName, QString *error, bool *busy)
{
    IndexLock lock;
    if (!lock.tryLock(m_directory, busy, error))
        return false;
    QJsonObject index = readIndex(m_directory, error);
    if (!error->isEmpty())
        return false;
    QJsonArray kept;
    bool found = false;
    for (const QJsonValue &v : index.value(QLatin1String("manifests")).toArray()) {
        const QString name
            = v.toObject().value(QLatin1String("annotations")).toObject().value(RefNameAnnotation).toString();
        if (name == refName)
            found = true;
        else
            kept.append(v);
    }
    if (!found) {
        *error = QStringLiteral("no image \"%1\" in OCI layout %2").arg(refName, m_directory);
        return false;
    }
    index.insert(QStringLiteral("manifests"), kept);
    return writeAtomically(
        m_directory + QStringLiteral("/index.json"), QJsonDocument(index).toJson(QJsonDocument::Indented), error);
}

std::optional<QList<std::pair<QString, Descriptor>>> OciLayout::namedManifests(QString *error) const
{
    const QJsonObject index = readIndex(m_directory, error);
    if (!error->isEmpty())
        return std::nullopt;
    QList<std::pair<QString, Descriptor>> named;
    for (const QJsonValue &v : index.value(QLatin1String("manifests")).toArray()) {
        const QJsonObject entry = v.toObject();
        const QString name = entry.value(QLatin1String("annotations")).toObject().value(RefNameAnnotation).toString();
        QString digestError;
        Descriptor d;
        d.mediaType = entry.value(QLatin1String("mediaType")).toString();
        d.digest = Digest::parse(entry.value(QLatin1String("digest")).toString(), &digestError);
        d.size = entry.value(QLatin1String("size")).toInteger(-1);
        if (!name.isEmpty() && d.digest.isValid())
            named.append({name, d});
    }
    return named;
}

} // namespace crossdock
