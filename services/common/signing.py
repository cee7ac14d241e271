"""RS256 signing keys: the gateway signs with one; tests build their own issuer with it."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jose import jwk, jwt

from services.common.auth import ALGORITHM


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class SigningKey:
    def __init__(self, private_pem: bytes) -> None:
        key = serialization.load_pem_private_key(private_pem, password=None)
        if not isinstance(key, rsa.RSAPrivateKey):
            raise ValueError("the signing key must be an RSA private key")
        self._private_pem = private_pem
        self.public_pem = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        numbers = key.public_key().public_numbers()
        n = _b64(numbers.n.to_bytes((numbers.n.bit_length() + 7) // 8, "big"))
        e = _b64(numbers.e.to_bytes((numbers.e.bit_length() + 7) // 8, "big"))
        # RFC 7638 thumbprint: a kid that changes exactly when the key does.
        thumbprint = json.dumps({"e": e, "kty": "RSA", "n": n}, separators=(",", ":"))
        self.kid = _b64(hashlib.sha256(thumbprint.encode()).digest())[:16]
        self._jwk = {"kty": "RSA", "use": "sig", "alg": ALGORITHM, "kid": self.kid, "n": n, "e": e}
        self._signer = jwk.construct(private_pem.decode(), ALGORITHM)

    @classmethod
    def generate(cls) -> SigningKey:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        return cls(pem)

    @classmethod
    def load_or_create(cls, path: Path) -> SigningKey:
        if path.exists():
            return cls(path.read_bytes())
        key = cls.generate()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(key._private_pem)
        path.chmod(0o600)
        return key

    def public_jwk(self) -> dict[str, Any]:
        return dict(self._jwk)

    def sign(self, claims: dict[str, Any], *, headers: dict[str, Any] | None = None) -> str:
        return jwt.encode(
            claims, self._signer, algorithm=ALGORITHM, headers={"kid": self.kid, **(headers or {})}
        )
