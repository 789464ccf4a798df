// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#include "core/transports/archive/tarmembersink.h"

#include "core/transports/archive/tarwriter.h"

namespace crossdock {

TarMemberSink::TarMemberSink(TarWriter *archive, const QString &name)
    : m_archive(archive)
    , m_name(name)
{
}

TarMemberSink::~TarMemberSink()
{
    if (m_open)
        m_archive->abandonMember();
}

bool TarMemberSink::open(QString *error)
{
    m_open = m_archive->beginMember(error);
    return m_open;
}

bool TarMemberSink::write(const char *data, qint64 size, QString *error)
{
    return m_archive->writeMember(data, size, error);
}

bool TarMemberSink::commit(QString *error)
{
    if (!m_archive->endMember(m_name, error))
        return false;
    m_open = false;
    return true;
}

QString TarMemberSink::describe() const
{
    return m_name + QStringLiteral(" in ") + m_archive->path();
}

} // namespace crossdock
