// SPDX-FileCopyrightText: 2026 The Crossdock developers
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

#include "core/image/digest.h"
#include "core/image/layercompression.h"
#include "core/image/manifestconversion.h"
#include "core/image/platform.h"

#include <QList>
#include <QMetaType>

#include <memory>
#include <optional>

namespace crossdock {

class LookasideConfig;
class SigstorePrivateKey;

struct CopyOptions
{
    enum class MultiArch {
        All,    // the whole index, digests preserved (default)
        System,    // only the image for `platform` (skopeo's default without --all)
        IndexOnly, // only the index itself; its images must already be at the destination
    };
    MultiArch multiArch = MultiArch::All;
    Platform platform = Platform::host();
    // When not empty: copy only these platforms of an index and write a new
    // index listing them (its digest differs from the source's).
    QList<Platform> platforms;
    // Refuse any change of a manifest's bytes (a conversion a destination
    // would need) instead of converting, as skopeo's --preserve-digests.
    bool preserveDigests = false;
    // --format: the manifests' format at the destination (Keep: as they
    // are, unless the destination stores only another).
    ManifestConversion::Format format = ManifestConversion::Format::Keep;
    // --dest-compress-format, --dest-decompress: layers in another
    // compression are recompressed (decompressed) as they stream; none: as
    // they are. zstd layers need OCI manifests (Keep then means OCI).
    std::optional<LayerCompression::Target> layerCompression;
    bool forceCompression = false; // also layers already in the target compression
    // --remove-signatures: sigstore signatures attached to the image stay
    // behind (they travel between registries otherwise).
    bool removeSignatures = false;
    // --referrers: also cosign's attestations and SBOMs (".att", ".sbom")
    // and the OCI 1.1 referrers of every manifest copied.
    bool referrers = false;
    // --sign-by-sigstore-private-key: sign the image at the destination
    // (a registry) as signIdentity, or the destination reference.
    std::shared_ptr<const SigstorePrivateKey> signWith;
    QString signIdentity;
    // --sign-by: also sign with this GPG key (the user's GnuPG keyring),
    // written to the destination's lookaside; the passphrase for it, if
    // given (else gpg-agent asks).
    QString signByGpgKey;
    std::optional<QByteArray> gpgPassphrase;
    // registries.d: where GPG signatures are read at the source and written
    // at the destination (they travel with the image unless
    // removeSignatures). None: GPG signatures are neither read nor written.
    std::shared_ptr<const LookasideConfig> lookaside;
    // Set: the destination already holds this image, by this digest (a sync
    // found both ends alike). Only what is attached to it travels: sigstore
    // signatures, with `referrers` the rest, and GPG signatures added to the
    // destination's lookaside (none of the destination's removed). No manifest
    // or blob of the image is read or written; an index's platforms are not
    // looked into (that would download the index).
    std::optional<Digest> attachmentsOnlyOf;
    // Whether a format or compression conversion is asked for (the
    // destination's image then has a digest of its own).
    bool converts() const { return format != ManifestConversion::Format::Keep || layerCompression.has_value(); }

    // "linux/amd64,linux/arm64/v8" -> platforms; false with a message on bad input.
    static bool parsePlatforms(const QString &text, QList<Platform> *out, QString *error);
};

// What a finished copy did.
struct CopyResult
{
    Digest digest;           // the manifest the destination reference now names
    qint64 bytesStreamed = 0;
    int blobsSkipped = 0;
    int blobsMounted = 0;
    int blobsStreamed = 0;
    int manifestsPushed = 0;
    int signaturesCopied = 0; // sigstore signatures newly at the destination
    int signaturesVerified = 0; // by the signature policy before copying
    int artifactsCopied = 0; // attestations, SBOMs, other referrers newly at the destination
    bool signedHere = false; // signed at the destination (CopyOptions::signWith, signByGpgKey)
    int gpgSignaturesWritten = 0; // to the destination's lookaside (copied and made here)
    // The manifests were rewritten for the destination (Docker schema 2 into
    // an OCI layout, say): what and why, for the user; the digest changed.
    QString conversion;
    // Other things the user should know: temporary files an interrupted
    // earlier run left at the destination, found and removed.
    QStringList notes;

    // "1 signature(s) and 2 attachment(s) added", or empty: what an
    // attachments-only copy (CopyOptions::attachmentsOnlyOf) brought.
    QString attachmentsAdded() const;
};

} // namespace crossdock

Q_DECLARE_METATYPE(crossdock::CopyResult)
