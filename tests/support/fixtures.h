// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

namespace crossdock::test {

// The images every registry test sees. They are pushed once through the raw
// HTTP API into a storage directory that every test registry (anonymous,
// htpasswd, token, TLS) then serves read-only.
namespace Fixtures {

inline const QString OciImage = QStringLiteral("fixtures/oci-image");          // tags 1.0, latest
inline const QString DockerImage = QStringLiteral("fixtures/docker-image");    // tag 2.1
inline const QString OciIndex = QStringLiteral("fixtures/oci-index");          // tag multi: amd64, arm64/v8, arm/v7
inline const QString DockerList = QStringLiteral("fixtures/docker-list");      // tag v1: amd64, arm64, s390x
inline const QString ManyTags = QStringLiteral("fixtures/many-tags");          // 2,500 tags t0000..t2499
inline const QString Nested = QStringLiteral("a/b/c");                         // tag nested
// Real gzip'd tar layers with true DiffIDs, the first layer shared: tags
// docker (v2s2), oci, list (Docker list: amd64, arm64/v8).
inline const QString Real = QStringLiteral("fixtures/real");
inline constexpr int ManyTagsCount = 2500;

// Every repository in the fixture storage, sorted as the catalog lists them.
QStringList repositories();

// The storage directory, built on first use (guarded by a lock file, so
// parallel tests build it once). Empty on failure, with error set.
QString storageDirectory(QString *error);

// Builds the fixture storage in directory (used by the CTest set-up step).
bool build(const QString &directory, QString *error);

} // namespace Fixtures

} // namespace crossdock::test
