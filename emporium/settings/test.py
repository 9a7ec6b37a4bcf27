"""Test settings: the suite runs against whatever DATABASE_URL / REDIS_URL say.

Without them: SQLite and local-memory cache. With them (as in CI): real
PostgreSQL and Redis. Celery always runs eagerly so tests see task effects.
"""

import os

os.environ.setdefault("EMPORIUM_IGNORE_DOTENV", "1")

from .base import *  # noqa: F403
from .base import CACHES, env

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
SITE_URL = "http://testserver"
CELERY_TASK_ALWAYS_EAGER = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Still argon2 (the production format), with cheap parameters.
PASSWORD_HASHERS = ["emporium.core.testing.FastArgon2PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if env.str("REDIS_URL", default=""):
    # Keep test keys apart from a developer's cache on the same server.
    CACHES["default"]["KEY_PREFIX"] = "emporium-test"
LOGGING = {"version": 1, "disable_existing_loggers": False}
# No collectstatic in tests: whitenoise need not look for collected files.
STATIC_ROOT = None
