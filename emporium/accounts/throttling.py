"""Brute-force protection for log-in, password-reset and verification requests.

Failures are counted per client address and per account in the cache (so
with Redis the count is shared by every process). After `slow_after`
failures for one account, the next attempt must wait an exponentially
growing delay (1s, 2s, 4s ... up to a minute), answered with 429 and
Retry-After when it comes too soon; after `block_after` failures for one
account, or `ip_block_after` from one address, every attempt is refused
until the window (counted from the first failure) has passed. A success
clears the account's count.
"""

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from emporium.core.errors import RateLimited

MAX_DELAY = 60


@dataclass(frozen=True)
class Subject:
    scope: str  # "login", "password_reset" or "verification"
    ip: str
    account: str  # normalised email, may be empty

    def counters(self) -> list[tuple[str, int, bool]]:
        """(cache key, failures before refusal, whether it slows down first).

        Only the per-account count slows attempts down: slowing a whole
        address would also slow every honest user behind a shared one.
        """
        config = settings.ACCOUNTS_THROTTLE
        keys = [(self._key("ip", self.ip), config["ip_block_after"], False)]
        if self.account:
            keys.append((self._key("acct", self.account), config["block_after"], True))
        return keys

    def _key(self, kind: str, value: str) -> str:
        digest = hashlib.sha256(value.encode()).hexdigest()[:32]
        return f"throttle:{self.scope}:{kind}:{digest}"


def check(subject: Subject) -> None:
    """Refuse the attempt when it is blocked or comes too soon. Raises RateLimited."""
    config = settings.ACCOUNTS_THROTTLE
    now = time.time()
    for key, block_after, slows in subject.counters():
        state = cache.get_many([f"{key}:n", f"{key}:first", f"{key}:last"])
        failures = state.get(f"{key}:n", 0)
        if failures >= block_after:
            first = state.get(f"{key}:first", now)
            retry = max(1, int(first + config["window"] - now) + 1)
            raise RateLimited(
                "Too many failed attempts. Try again later.",
                retry_after=retry,
                code="too_many_attempts",
            )
        if slows and failures >= config["slow_after"]:
            delay = min(MAX_DELAY, 2 ** (failures - config["slow_after"]))
            wait = state.get(f"{key}:last", 0) + delay - now
            if wait > 0:
                raise RateLimited(
                    "Too many attempts in a row. Wait a moment and try again.",
                    retry_after=max(1, int(wait + 0.999)),
                    code="too_many_attempts",
                )


def record_failure(subject: Subject) -> None:
    window = settings.ACCOUNTS_THROTTLE["window"]
    now = time.time()
    for key, _, _ in subject.counters():
        # add() only sets a missing key: the window starts at the first failure.
        cache.add(f"{key}:n", 0, timeout=window)
        cache.add(f"{key}:first", now, timeout=window)
        try:
            cache.incr(f"{key}:n")
        except ValueError:  # expired between add and incr
            cache.set(f"{key}:n", 1, timeout=window)
        cache.set(f"{key}:last", now, timeout=window)


def clear_account(subject: Subject) -> None:
    if subject.account:
        key = subject._key("acct", subject.account)
        cache.delete_many([f"{key}:n", f"{key}:first", f"{key}:last"])
