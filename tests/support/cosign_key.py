#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
"""cosign's encrypted private key format, implemented a second time (PyNaCl
and python3-cryptography from Debian) so the [trust] tests check crossdock's
against something it did not write (cosign is not packaged in Debian 12):

  cosign_key.py make PRIVATE PUBLIC PASSPHRASE-FILE   write a key pair
  cosign_key.py check PRIVATE PASSPHRASE-FILE PUBLIC  decrypt, and compare
                                                      with the public key

The file: a PEM block "ENCRYPTED SIGSTORE PRIVATE KEY" around JSON {kdf:
scrypt N r p salt, cipher: nacl/secretbox nonce, ciphertext} of the PKCS#8
key; the passphrase is the file's first line."""
import base64
import hashlib
import json
import os
import re
import sys

import nacl.secret
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec


def passphrase(path):
    with open(path, "rb") as f:
        return f.read().split(b"\n")[0].rstrip(b"\r")


def main():
    mode = sys.argv[1]
    if mode == "make":
        private_path, public_path, pass_path = sys.argv[2:5]
        key = ec.generate_private_key(ec.SECP256R1())
        der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        salt, nonce = os.urandom(32), os.urandom(24)
        n, r, p = 32768, 8, 1
        secret = hashlib.scrypt(passphrase(pass_path), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=128 * 1024 * 1024)
        ciphertext = nacl.secret.SecretBox(secret).encrypt(der, nonce).ciphertext
        document = {"kdf": {"name": "scrypt", "params": {"N": n, "r": r, "p": p}, "salt": base64.b64encode(salt).decode()},
                    "cipher": {"name": "nacl/secretbox", "nonce": base64.b64encode(nonce).decode()},
                    "ciphertext": base64.b64encode(ciphertext).decode()}
        with open(private_path, "w") as f:
            f.write("-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n" + base64.encodebytes(json.dumps(document).encode()).decode()
                    + "-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n")
        with open(public_path, "wb") as f:
            f.write(key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
        return 0
    private_path, pass_path, public_path = sys.argv[2:5]
    text = open(private_path).read()
    body = re.search(r"-----BEGIN ENCRYPTED (SIGSTORE|COSIGN) PRIVATE KEY-----(.*?)-----END", text, re.S).group(2)
    document = json.loads(base64.b64decode("".join(body.split())))
    params = document["kdf"]["params"]
    secret = hashlib.scrypt(passphrase(pass_path), salt=base64.b64decode(document["kdf"]["salt"]), n=params["N"],
                            r=params["r"], p=params["p"], dklen=32, maxmem=128 * 1024 * 1024)
    der = nacl.secret.SecretBox(secret).decrypt(base64.b64decode(document["ciphertext"]),
                                                 base64.b64decode(document["cipher"]["nonce"]))
    key = serialization.load_der_private_key(der, password=None)
    mine = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    if mine != open(public_path, "rb").read():
        print("the private key does not match the public key", file=sys.stderr)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
