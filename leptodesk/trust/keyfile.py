"""How a key file (PKCS#12) is protected (DESIGN "Passphrases").

Written: the key bag and the certificate bag encrypted with AES-256-CBC under PBES2 with
PBKDF2-HMAC-SHA256 at :data:`KDF_ROUNDS` iterations (cryptography's ``PrivateFormat.PKCS12``
encryption builder), and the integrity MAC as PBMAC1 (RFC 9579): HMAC-SHA256 keyed by
PBKDF2-HMAC-SHA256 at the same count. cryptography's builder keeps the classic MAC at 2,048
iterations of the PKCS#12 KDF, which would let a guesser test passphrases against the cheap
MAC; so the MAC is recomputed here with the standard library's PBKDF2 and HMAC, and the file
is read back by OpenSSL (through cryptography) before it is kept. Files written by earlier
versions (20,000 / 2,048 iterations) still open; ``identity rekey`` rewrites one.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass

from asn1crypto import algos, core

KDF_ROUNDS = 600_000  # OWASP's figure for PBKDF2-HMAC-SHA256 (2023)
PBMAC1 = "1.2.840.113549.1.5.14"
PBKDF2 = "1.2.840.113549.1.5.12"
SALT_BYTES = 16


class _Pbkdf2Params(core.Sequence):
    _fields = [("salt", core.OctetString), ("iteration_count", core.Integer),
               ("key_length", core.Integer), ("prf", algos.HmacAlgorithm)]


class _Kdf(core.Sequence):
    _fields = [("algorithm", core.ObjectIdentifier), ("parameters", _Pbkdf2Params)]


class _Pbmac1Params(core.Sequence):
    _fields = [("key_derivation_func", _Kdf), ("message_auth_scheme", algos.HmacAlgorithm)]


class _MacAlgorithm(core.Sequence):
    _fields = [("algorithm", core.ObjectIdentifier), ("parameters", core.Any,
                                                      {"optional": True})]


class _DigestInfo(core.Sequence):
    _fields = [("digest_algorithm", _MacAlgorithm), ("digest", core.OctetString)]


class _MacData(core.Sequence):
    _fields = [("mac", _DigestInfo), ("mac_salt", core.OctetString),
               ("iterations", core.Integer, {"default": 1})]


class _Pfx(core.Sequence):
    _fields = [("version", core.Integer), ("auth_safe", core.Any),
               ("mac_data", _MacData, {"optional": True})]


PBMAC1_OPENSSL = 0x30400000  # OpenSSL reads PBMAC1 from 3.4 on


def openssl_reads_pbmac1() -> tuple[bool, str]:
    """Whether the OpenSSL under cryptography checks a PBMAC1 MAC, and its name. The lock
    file's cryptography wheel carries its own; a system build may be older."""
    from cryptography.hazmat.backends.openssl.backend import backend

    return backend.openssl_version_number() >= PBMAC1_OPENSSL, backend.openssl_version_text()


def protect(name: bytes, key, cert, chain, passphrase: bytes) -> bytes:
    """The PKCS#12 bytes of ``key``, ``cert`` and ``chain`` under ``passphrase``
    (``ValueError`` when this installation's OpenSSL cannot read PBMAC1 back)."""
    from asn1crypto import pkcs12 as asn1_pkcs12
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    encryption = (serialization.PrivateFormat.PKCS12.encryption_builder()
                  .kdf_rounds(KDF_ROUNDS)
                  .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
                  .hmac_hash(hashes.SHA256()).build(passphrase))
    data = pkcs12.serialize_key_and_certificates(name, key, cert, list(chain) or None,
                                                 encryption)
    auth_safe = asn1_pkcs12.Pfx.load(data)["auth_safe"]
    salt = os.urandom(SALT_BYTES)
    mac_key = hashlib.pbkdf2_hmac("sha256", passphrase, salt, KDF_ROUNDS, 32)
    digest = hmac.new(mac_key, auth_safe["content"].native, "sha256").digest()
    params = _Pbmac1Params({
        "key_derivation_func": {"algorithm": PBKDF2, "parameters": {
            "salt": salt, "iteration_count": KDF_ROUNDS, "key_length": 32,
            "prf": {"algorithm": "sha256"}}},
        "message_auth_scheme": {"algorithm": "sha256"}})
    mac_data = _MacData({
        "mac": {"digest_algorithm": {"algorithm": PBMAC1,
                                     "parameters": core.Any.load(params.dump())},
                "digest": digest},
        "mac_salt": b"NOT USED",  # RFC 9579: ignored with PBMAC1
        "iterations": 1})
    out = _Pfx({"version": 3, "auth_safe": core.Any.load(auth_safe.dump()),
                "mac_data": mac_data}).dump()
    pkcs12.load_key_and_certificates(out, passphrase)  # ValueError if OpenSSL disagrees
    return out


@dataclass(frozen=True)
class Protection:
    """How a PKCS#12 file is protected, read back from its structure."""

    key_bag_iterations: int | None
    key_bag_prf: str | None
    key_bag_cipher: str | None
    mac: str  # "pbmac1", "pkcs12-kdf" (the classic MAC) or "none"
    mac_iterations: int | None
    mac_hash: str | None

    @property
    def current(self) -> bool:
        """As strong as LeptoDesk writes today."""
        return (self.mac == "pbmac1" and (self.mac_iterations or 0) >= KDF_ROUNDS
                and (self.key_bag_iterations or 0) >= KDF_ROUNDS
                and self.key_bag_prf == "sha256" and self.key_bag_cipher == "aes256_cbc")


def protection(data: bytes) -> Protection:
    """:class:`Protection` of PKCS#12 ``data`` (``ValueError`` when it cannot be read)."""
    from asn1crypto import pkcs12 as asn1_pkcs12

    try:
        pfx = _Pfx.load(data)
        authenticated = asn1_pkcs12.Pfx.load(
            _Pfx({"version": pfx["version"], "auth_safe": pfx["auth_safe"]}).dump())
        iterations = prf = cipher = None
        for info in authenticated.authenticated_safe:
            if info["content_type"].native != "data":
                continue
            for bag in asn1_pkcs12.SafeContents.load(info["content"].native):
                if bag["bag_id"].native != "pkcs8_shrouded_key_bag":
                    continue
                algorithm = bag["bag_value"]["encryption_algorithm"]
                if algorithm["algorithm"].native == "pbes2":
                    kdf = algorithm["parameters"]["key_derivation_func"]["parameters"]
                    iterations = kdf["iteration_count"].native
                    prf = kdf["prf"]["algorithm"].native
                    cipher = algorithm["parameters"]["encryption_scheme"]["algorithm"].native
                else:
                    iterations = algorithm["parameters"]["iterations"].native
                    cipher = algorithm["algorithm"].native
        mac_data = pfx["mac_data"]
        if not mac_data.native:
            return Protection(iterations, prf, cipher, "none", None, None)
        algorithm = mac_data["mac"]["digest_algorithm"]
        if algorithm["algorithm"].dotted == PBMAC1:
            params = _Pbmac1Params.load(algorithm["parameters"].dump())
            kdf = params["key_derivation_func"]["parameters"]
            return Protection(iterations, prf, cipher, "pbmac1",
                              kdf["iteration_count"].native,
                              params["message_auth_scheme"]["algorithm"].native)
        hash_name = algos.DigestAlgorithmId(algorithm["algorithm"].dotted).native
        return Protection(iterations, prf, cipher, "pkcs12-kdf",
                          mac_data["iterations"].native, hash_name)
    except (ValueError, TypeError, KeyError) as exc:
        raise ValueError(f"not a readable PKCS#12 file ({type(exc).__name__})") from None
