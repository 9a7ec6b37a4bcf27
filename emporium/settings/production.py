"""Production: `make serve` and deployments. Secure by default.

Requires SECRET_KEY and ALLOWED_HOSTS from the environment. `manage.py check
--deploy` is clean with these settings.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, env

if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set in the environment (50+ random characters); "
        "generate one with: "
        'python -c "import secrets; print(secrets.token_urlsafe(64))"'
    )

DEBUG = False
LOG_FORMAT = env.str("LOG_FORMAT", default="json")
LOGGING = __import__("copy").deepcopy(LOGGING)  # noqa: F405
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_REDIRECT_EXEMPT = [r"^health/"]

# Never take test cards in production unless explicitly asked to (a demo).
PAYMENTS_TEST_PROVIDER_ENABLED = env.bool(
    "PAYMENTS_TEST_PROVIDER_ENABLED", default=False
)
