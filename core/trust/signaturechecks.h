// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/image/digest.h"
#include "core/transports/transportreference.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>

namespace crossdock {

class CheckPolicyJob;
class RegistryClient;
class TrustPolicy;

// What the signature policy says about one signed image, for browsing.
struct SignatureVerdict
{
    enum class Kind {
        Verified,    // a signature verified under the policy's keys
        Refused,     // the policy would refuse it (reason says why)
        NotRequired, // signed, but the policy asks for no signature here
        Unchecked,   // its signatures could not be read (reason says why)
        Unsigned,    // no signature found, and the policy requires one (reason says why)
    };
    Kind kind = Kind::Unchecked;
    QString reason;
};

// Checks the images of one repository against the signature policy as a
// browser shows them: one at a time, in the order asked (rows in view
// first), each digest once. Reads only (the ".sig" attachment and its
// payloads, the lookaside's GPG signatures).
class SignatureChecks final : public QObject
{
    Q_OBJECT

public:
    SignatureChecks(RegistryClient *client, const QString &repository, std::shared_ptr<const TrustPolicy> policy,
        QObject *parent = nullptr);
    ~SignatureChecks() override;

    // Check the image `reference` names (its digest known); no-op when it
    // is checked, queued or running already. Verdicts are per reference and
    // digest: a signature names a tag, so two tags of one image can differ.
    void check(const TransportReference &reference, const Digest &digest);
    std::optional<SignatureVerdict> verdict(const TransportReference &reference, const Digest &digest) const;
    bool isPending(const TransportReference &reference, const Digest &digest) const;
    // Whether the policy asks for a signature for images read as `reference`.
    bool requiresSignature(const TransportReference &reference) const;
    // Whether it asks for a GPG one: those are in the registries.d
    // lookaside, so whether an image is signed shows only once checked.
    bool readsLookaside(const TransportReference &reference) const;

Q_SIGNALS:
    void checked(const crossdock::Digest &digest);

private:
    void startNext();

    RegistryClient *m_client;
    QString m_repository;
    std::shared_ptr<const TrustPolicy> m_policy;
    QList<std::pair<TransportReference, Digest>> m_queue;
    static QString keyOf(const TransportReference &reference, const Digest &digest);
    QHash<QString, SignatureVerdict> m_verdicts; // by keyOf()
    QPointer<CheckPolicyJob> m_running;
    QString m_runningKey;
};

} // namespace crossdock
