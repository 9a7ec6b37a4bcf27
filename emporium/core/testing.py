"""Test-only helpers that must be importable by settings."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 with minimal cost, so the suite stays fast. Never in production."""

    time_cost = 1
    memory_cost = 64
    parallelism = 1
