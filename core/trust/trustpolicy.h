// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace crossdock {

class ImageReference;
class LookasideConfig;
class TransportReference;

// Which signature identities a signature may claim for an image
// (containers-policy.json(5) "signedIdentity").
struct SignedIdentity
{
    enum class Kind { MatchExact, MatchRepoDigestOrExact, MatchRepository, ExactReference, ExactRepository,
        RemapIdentity };
    Kind kind = Kind::MatchRepoDigestOrExact;
    QString dockerReference;  // exactReference
    QString dockerRepository; // exactRepository
    QString prefix, signedPrefix; // remapIdentity

    // Whether a signature claiming `signedReference` may stand for the image
    // read as `intended` (invalid when the source is not a registry, which
    // only exactReference and exactRepository accept). `why` says what did
    // not match.
    bool accepts(const ImageReference &intended, const QString &signedReference, QString *why) const;
};

// One requirement of a policy; every requirement in a scope's list must hold.
struct PolicyRequirement
{
    enum class Kind { InsecureAcceptAnything, Reject, SignedBy, SigstoreSigned };
    Kind kind = Kind::Reject;
    // sigstoreSigned: PEM public keys (from keyPath(s) or keyData(s)); a
    // signature made by any of them is accepted.
    QList<QByteArray> publicKeys;
    // signedBy: OpenPGP public keys (binary or armored; from keyPath(s) or
    // keyData), and where each came from for messages.
    QList<QByteArray> gpgKeys;
    QStringList gpgKeySources;
    SignedIdentity identity;

    QString describe() const;
};

// containers-policy.json(5): what must hold before an image is copied from a
// source, by transport and scope ("docker" + "registry.example.com/team"),
// as containers/image evaluates it: the most specific scope that has an
// entry wins, then the transport's "" entry, then "default". Loaded once;
// read-only after.
class TrustPolicy final
{
public:
    // Parses a policy file; nullopt with a message naming the file and the
    // field on bad input. Sigstore's Fulcio and Rekor fields are refused as
    // not supported (they cannot be honoured offline here).
    static std::optional<TrustPolicy> parse(const QByteArray &json, const QString &path, QString *error);
    static std::optional<TrustPolicy> load(const QString &path, QString *error);
    // The file skopeo reads: $HOME/.config/containers/policy.json, then
    // /etc/containers/policy.json; empty when neither exists.
    static QString defaultPath();

    QString path() const { return m_path; }

    // Where signedBy finds GPG signatures (registries.d); set by whoever
    // loads the policy, before sharing it. Without one, the built-in
    // default lookaside (LookasideConfig's) is read.
    void setLookaside(std::shared_ptr<const LookasideConfig> lookaside) { m_lookaside = std::move(lookaside); }
    std::shared_ptr<const LookasideConfig> lookaside() const;

    // The requirements for an image read from `source`, and the scope they
    // were found under ("" for the transport default, "default" for the
    // global one) for messages.
    struct Match {
        QList<PolicyRequirement> requirements;
        QString scope;
    };
    Match requirementsFor(const TransportReference &source) const;

    // The scopes a reference is looked up under, most specific first
    // (without "" and the default). Public for tests and messages.
    static QStringList scopesFor(const TransportReference &source);

private:
    QString m_path;
    std::shared_ptr<const LookasideConfig> m_lookaside;
    QList<PolicyRequirement> m_default;
    QHash<QString, QHash<QString, QList<PolicyRequirement>>> m_transports; // transport -> scope -> requirements
};

// The policy a program enforces, as found at start: none (no policy file
// exists), a policy, or why the file there cannot be used - then every copy
// is refused with that reason rather than made unchecked.
struct EnforcedTrustPolicy
{
    std::shared_ptr<const TrustPolicy> policy;
    QString error;
    // registries.d: where GPG signatures are read and written (the policy
    // carries it too, for signedBy).
    std::shared_ptr<const LookasideConfig> lookaside;
    // TrustPolicy::defaultPath() and LookasideConfig::defaultDir(), loaded.
    static EnforcedTrustPolicy loadDefault();
    // `policyPath` (empty: no policy) with `registriesD`, as loadDefault.
    static EnforcedTrustPolicy load(const QString &policyPath, const QString &registriesD);
};

} // namespace crossdock
