"""Brute-force protection for login and password-reset requests.

Failures are counted per client address and per account in the cache (so
with Redis the count is shared by every process). After `slow_after`
failures the next attempt must wait an exponentially growing delay
(1s, 2s, 4s ... up to a minute), answered with 429 and Retry-After when it
comes too soon; after `block_after` failures for one account, or
`ip_block_after` from one address, every attempt is refused until the
window (counted from the first failure) has passed. A success clears the
account's count.
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
    scope: str  # "login" or "password_reset"
    ip: str
    account: str  # normalised email, may be empty

    def counters(self) -> list[tuple[str, int]]:
        config = settings.ACCOUNTS_THROTTLE
        keys = [(self._key("ip", self.ip), config["ip_block_after"])]
        if self.account:
            keys.append((self._key("acct", self.account), config["block_after"]))
        return keys

    def _key(self, kind: str, value: str) -> str:
        digest = hashlib.sha256(value.encode()).hexdigest()[:32]
        return f"throttle:{self.scope}:{kind}:{digest}"


def check(subject: Subject) -> None:
    """Refuse the attempt when it is blocked or comes too soon. Raises RateLimited."""
    config = settings.ACCOUNTS_THROTTLE
    now = time.time()
    for key, block_after in subject.counters():
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
        if failures >= config["slow_after"]:
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
    for key, _ in subject.counters():
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
