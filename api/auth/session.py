"""Signed session cookies and the secret that signs them."""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer

__all__ = ["COOKIE", "SessionSigner", "load_secret"]

COOKIE = "methodnet_session"
"""The session cookie: signed ``{login, session version}``, HttpOnly, SameSite=Lax."""

SECRET_FILE = "session.key"


def load_secret(folder: Path) -> str:
    """The session secret kept in ``folder/session.key``, made (mode 0600) the first time.

    >>> import tempfile, stat
    >>> d = Path(tempfile.mkdtemp())
    >>> load_secret(d) == load_secret(d)
    True
    >>> oct(stat.S_IMODE((d / "session.key").stat().st_mode))
    '0o600'
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / SECRET_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        text = path.read_text(encoding="ascii").strip()
        if len(text) < 32:
            raise RuntimeError(f"{path} holds no usable secret; delete it to make a new one")\
                from None
        return text
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(secrets.token_urlsafe(48))
    return path.read_text(encoding="ascii").strip()


class SessionSigner:
    """Signs and checks small payloads with an expiry (sessions, the OpenID round trip).

    >>> s = SessionSigner("k" * 40, max_age=60)
    >>> s.load(s.dump({"l": "anna", "v": 0}))
    {'l': 'anna', 'v': 0}
    >>> s.load("forged") is None
    True
    """

    def __init__(self, secret: str, *, max_age: int, salt: str = "methodnet-session") -> None:
        self._serializer = URLSafeTimedSerializer(
            secret, salt=salt, signer_kwargs={"digest_method": hashlib.sha256})
        self.max_age = max_age

    def dump(self, payload: dict[str, Any]) -> str:
        return self._serializer.dumps(payload)

    def load(self, value: str) -> dict[str, Any] | None:
        if len(value) > 4096:
            return None
        try:
            data = self._serializer.loads(value, max_age=self.max_age)
        except BadSignature:  # also expired (SignatureExpired is a BadSignature)
            return None
        return data if isinstance(data, dict) else None
