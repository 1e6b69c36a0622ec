"""A passkey authenticator in Python for the test client: what a phone or security key answers
to the server's challenge, made and signed as WebAuthn says (an EC P-256 key, "none"
attestation), so the server's checks run for real. The browser tests use chromium's own virtual
authenticator instead."""

import base64
import hashlib
import json
import os
import struct

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings

UP, UV, AT = 0x01, 0x04, 0x40


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Authenticator:
    def __init__(self, origin: str | None = None):
        self.origin = origin or settings.OTP_WEBAUTHN_ALLOWED_ORIGINS[0]
        self.keys: dict[bytes, ec.EllipticCurvePrivateKey] = {}
        self.count = 0

    def _client_data(self, kind: str, challenge: str) -> bytes:
        return json.dumps(
            {"type": kind, "challenge": challenge, "origin": self.origin, "crossOrigin": False}
        ).encode()

    def _auth_data(self, rp_id: str, flags: int, attested: bytes = b"") -> bytes:
        self.count += 1
        rp_hash = hashlib.sha256(rp_id.encode()).digest()
        return rp_hash + bytes([flags]) + struct.pack(">I", self.count) + attested

    def create(self, options: dict) -> dict:
        """The answer to `navigator.credentials.create()` with the server's options."""
        key = ec.generate_private_key(ec.SECP256R1())
        credential_id = os.urandom(16)
        self.keys[credential_id] = key
        numbers = key.public_key().public_numbers()
        cose = {1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32), -3: numbers.y.to_bytes(32)}
        attested = bytes(16) + struct.pack(">H", len(credential_id)) + credential_id
        auth_data = self._auth_data(options["rp"]["id"], UP | UV | AT, attested + cbor2.dumps(cose))
        client_data = self._client_data("webauthn.create", options["challenge"])
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        return {
            "id": b64url(credential_id),
            "rawId": b64url(credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "attestationObject": b64url(attestation),
                "transports": ["internal"],
            },
            "clientExtensionResults": {"credProps": {"rk": True}},
        }

    def get(self, options: dict, credential_id: bytes | None = None) -> dict:
        """The answer to `navigator.credentials.get()`: signed with the passkey the server
        allows (or with `credential_id`, which the server may not know)."""
        if credential_id is None:
            allowed = [unb64url(c["id"]) for c in options.get("allowCredentials", [])]
            credential_id = next(c for c in allowed if c in self.keys)
        client_data = self._client_data("webauthn.get", options["challenge"])
        auth_data = self._auth_data(options["rpId"], UP | UV)
        signed = auth_data + hashlib.sha256(client_data).digest()
        signature = self.keys[credential_id].sign(signed, ec.ECDSA(hashes.SHA256()))
        return {
            "id": b64url(credential_id),
            "rawId": b64url(credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(auth_data),
                "signature": b64url(signature),
                "userHandle": None,
            },
            "clientExtensionResults": {},
        }
