// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace crossdock {

// One finished transfer as the history log keeps it.
struct TransferRecord {
    QDateTime time; // when it finished (UTC)
    QString source; // host/repo@digest, or oci:DIR:name
    QString destination; // host/repo:tag
    QString digest; // the manifest the destination tag names (or would have)
    qint64 bytes = 0; // bytes streamed
    QString outcome; // "copied", "up to date", "skipped", "failed", "cancelled"
    QString error; // why it failed or was skipped; empty otherwise
};

// The transfer history: one JSON object per line, appended as transfers
// finish, in the application data folder. Appending a whole line with one
// write keeps earlier lines intact even when the application dies
// mid-write; a damaged line is skipped when reading, not fatal.
class TransferHistory final {
public:
    explicit TransferHistory(QString path);

    // ~/.local/share/crossdock/transfers.jsonl
    static QString defaultPath();
    QString path() const { return m_path; }

    bool append(const TransferRecord &record, QString *error) const;
    // The last `limit` records, oldest first. A missing log is empty;
    // skipped counts lines that could not be read.
    QList<TransferRecord> read(int limit, int *skipped, QString *error) const;

private:
    QString m_path;
};

} // namespace crossdock
