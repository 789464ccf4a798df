#include "localstore.h"

#include <QStandardPaths>

namespace crossdock {

LocalStore::LocalStore(QString directory)
    : m_directory(std::move(directory))
{
}

QString LocalStore::defaultDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/crossdock/local");
}

QString LocalStore::referencePrefix() const
{
    return QStringLiteral("oci:") + m_directory + QLatin1Char(':');
}

std::pair<QString, QString> LocalStore::splitName(const QString &refName)
{
    // The tag follows the last ':' that comes after the last '/'.
    const qsizetype slash = refName.lastIndexOf(QLatin1Char('/'));
    const qsizetype colon = refName.lastIndexOf(QLatin1Char(':'));
    if (colon > slash && colon > 0)
        return {refName.left(colon), refName.mid(colon + 1)};
    return {refName, QStringLiteral("latest")};
}

std::optional<OciLayout> LocalStore::layout(QString *error) const
{
    return OciLayout::open(m_directory, false, error);
}

bool LocalStore::ensureExists(QString *error) const
{
    return OciLayout::open(m_directory, true, error).has_value();
}

QStringList LocalStore::repositories(QString *error) const
{
    const auto store = layout(error);
    const auto named = store ? store->namedManifests(error) : std::nullopt;
    if (!named)
        return {};
    QStringList repositories;
    for (const auto &[name, descriptor] : *named) {
        const QString repository = splitName(name).first;
        if (!repositories.contains(repository))
            repositories << repository;
    }
    repositories.sort();
    return repositories;
}

QStringList LocalStore::tags(const QString &repository, QString *error) const
{
    const auto store = layout(error);
    const auto named = store ? store->namedManifests(error) : std::nullopt;
    if (!named)
        return {};
    QStringList tags;
    for (const auto &[name, descriptor] : *named) {
        const auto [repo, tag] = splitName(name);
        if (repo == repository && !tags.contains(tag))
            tags << tag;
    }
    return tags;
}

std::optional<Descriptor> LocalStore::resolve(const QString &repository, const QString &tag, QString *error) const
{
    const auto store = layout(error);
    const auto named = store ? store->namedManifests(error) : std::nullopt;
    if (!named)
        return std::nullopt;
    for (const auto &[name, descriptor] : *named) {
        if (splitName(name) == std::pair {repository, tag})
            return descriptor;
    }
    *error = QStringLiteral("no image %1:%2 in the local folder %3").arg(repository, tag, m_directory);
    return std::nullopt;
}

std::optional<QByteArray> LocalStore::read(const Digest &digest, qint64 maxSize, QString *error) const
{
    const auto store = layout(error);
    return store ? store->readBlob(digest, maxSize, error) : std::nullopt;
}

bool LocalStore::untag(const QString &repository, const QString &tag, QString *error) const
{
    auto store = layout(error);
    if (!store)
        return false;
    const auto named = store->namedManifests(error);
    if (!named)
        return false;
    for (const auto &[name, descriptor] : *named) {
        if (splitName(name) == std::pair {repository, tag})
            return store->untag(name, error);
    }
    *error = QStringLiteral("no image %1:%2 in the local folder %3").arg(repository, tag, m_directory);
    return false;
}

} // namespace crossdock
