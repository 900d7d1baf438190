"""Failed sign-ins are limited per login and per address, so passwords cannot be guessed."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

__all__ = ["SignInLimiter"]


class SignInLimiter:
    """Counts failed sign-ins in a sliding window; a key with ``attempts`` failures within
    ``window`` seconds is paused until the oldest of them leaves the window.

    >>> lim = SignInLimiter(attempts=2, window=60)
    >>> lim.failed("login:anna", "addr:1.2.3.4"); lim.paused("login:anna")
    False
    >>> lim.failed("login:anna"); lim.paused("login:anna"), lim.paused("addr:1.2.3.4")
    (True, False)
    """

    def __init__(self, *, attempts: int, window: float) -> None:
        self.attempts = attempts
        self.window = window
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _trim(self, key: str, now: float) -> deque[float]:
        q = self._failures[key]
        while q and q[0] <= now - self.window:
            q.popleft()
        return q

    def paused(self, *keys: str) -> bool:
        now = time.monotonic()
        with self._lock:
            return any(len(self._trim(k, now)) >= self.attempts for k in keys)

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for k in keys:
                self._trim(k, now).append(now)
            if len(self._failures) > 100_000:  # bound memory under a flood of made-up logins
                for k in [k for k, q in self._failures.items() if not q]:
                    del self._failures[k]

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)
