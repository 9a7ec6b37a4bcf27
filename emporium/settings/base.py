"""Settings shared by every environment; everything variable comes from env.

Each setting an operator may change is read here from the environment and
documented in `.env.example`. `dev`, `test` and `production` only adjust
defaults for their context; they never read secrets themselves.
"""

import os
from decimal import Decimal
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PACKAGE_DIR = BASE_DIR / "emporium"

env = environ.Env()
# A local `.env` is a convenience for development; real deployments set the
# process environment. Values already in the environment win.
if (BASE_DIR / ".env").is_file() and not env.bool("EMPORIUM_IGNORE_DOTENV", False):
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
# `NAME=` (as in a copied .env.example) means "not set": use the default.
for _name in [name for name, value in os.environ.items() if value == ""]:
    del os.environ[_name]

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

SHOP_NAME = env.str("SHOP_NAME", default="Emporium")
# ISO 4217 code of the installation's main currency (prices, best offer).
DEFAULT_CURRENCY = env.str("DEFAULT_CURRENCY", default="EUR").upper()
# Dotted path of the search backend class; empty: the one for the database.
SEARCH_BACKEND = env.str("SEARCH_BACKEND", default="")
# Seconds a search result stays cached (until the index changes); 0: off.
SEARCH_RESULT_CACHE_SECONDS = env.int("SEARCH_RESULT_CACHE_SECONDS", default=600)
# Dotted path of the class that prices shipping (shipping.providers).
SHIPPING_RATE_PROVIDER = "emporium.shipping.providers.TableRateProvider"
# Dotted path of the tax calculator class (see docs/pricing.md).
PRICING_TAX_CALCULATOR = "emporium.pricing.taxes.TableTaxCalculator"
# Minutes an order's stock stays reserved while payment is pending; then
# the reservation expires, the stock returns and the unpaid order is cancelled.
STOCK_RESERVATION_MINUTES = env.int("STOCK_RESERVATION_MINUTES", default=30)
# Absolute base used in links that leave the request (emails, webhooks).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_countries",
    "treebeard",
    "emporium.core",
    "emporium.accounts",
    "emporium.vendors",
    "emporium.catalog",
    "emporium.inventory",
    "emporium.pricing",
    "emporium.shipping",
    "emporium.catalog_io",
    "emporium.cart",
    "emporium.orders",
    "emporium.payments",
    "emporium.checkout",
    "emporium.payouts",
    "emporium.reviews",
    "emporium.wishlists",
    "emporium.dashboard",
    "emporium.demo",
    "emporium.search",
    "emporium.notifications",
    "emporium.storefront",
    "emporium.api",
]

MIDDLEWARE = [
    "emporium.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "emporium.core.middleware.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "emporium.urls"
WSGI_APPLICATION = "emporium.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "emporium.core.context_processors.shop",
                "emporium.dashboard.context_processors.vendor",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'emporium.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    # Reuse connections between requests, checked before reuse.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", 60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL + a busy timeout keep the embedded default usable by a few workers.
    DATABASES["default"]["OPTIONS"].update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "emporium.core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="emporium"),
            "TIMEOUT": 300,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "emporium",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Background work --------------------------------------------------------
# An explicit broker wins (e.g. RabbitMQ); otherwise Redis when configured;
# otherwise tasks run in-process, at once.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or REDIS_URL
CELERY_TASK_ALWAYS_EAGER = env.bool(
    "CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL
)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = 3
# Keep our LOGGING (JSON, request ids) in workers too.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE = {
    "redeliver-outbox": {
        "task": "emporium.core.tasks.redeliver_pending_events",
        "schedule": 60.0,
    },
    "delete-abandoned-guest-carts": {
        "task": "emporium.cart.tasks.delete_abandoned_guest_carts",
        "schedule": 24 * 60 * 60.0,
    },
    "release-expired-reservations": {
        "task": "emporium.inventory.tasks.release_expired_reservations",
        "schedule": 60.0,
    },
    "expire-unpaid-orders": {
        "task": "emporium.orders.tasks.expire_unpaid_orders",
        "schedule": 60.0,
    },
    "reconcile-payments": {
        "task": "emporium.payments.tasks.reconcile_payments",
        "schedule": 15 * 60.0,
    },
    "run-payouts": {
        "task": "emporium.payouts.tasks.run_payouts",
        "schedule": 24 * 60 * 60.0,
    },
}

# --- Payouts (docs/vendor-sales.md) -----------------------------------------
# Days a shop's earnings stay held after its parcel shipped (delivery
# releases them at once); then `run_payouts` settles them.
PAYOUT_HOLD_DAYS = env.int("PAYOUT_HOLD_DAYS", default=14)
# The smallest payout per currency, "EUR=25,JPY=3000"; a currency not named
# pays out any balance above zero.
PAYOUT_MINIMUM_AMOUNTS = {
    code.strip().upper(): Decimal(amount.strip())
    for code, amount in env.dict("PAYOUT_MINIMUM_AMOUNTS", default={}).items()
}

# --- Payments (docs/payments.md) --------------------------------------------
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="https://api.stripe.com")
# The keyless test card provider (4242...): on here, off in production
# unless set; a real shop must never take "4242" as payment.
PAYMENTS_TEST_PROVIDER_ENABLED = env.bool(
    "PAYMENTS_TEST_PROVIDER_ENABLED", default=True
)
# Method -> dotted path of its provider class. Cards go to Stripe once a
# secret key is set, else to the test provider.
PAYMENT_PROVIDERS = {
    "card": (
        "emporium.payments.providers.stripe.StripeProvider"
        if STRIPE_SECRET_KEY
        else "emporium.payments.providers.test.TestCardProvider"
    ),
    "bank_transfer": "emporium.payments.providers.manual.BankTransferProvider",
    "cash_on_delivery": "emporium.payments.providers.manual.CashOnDeliveryProvider",
}
# Shown to buyers who pay by bank transfer; no IBAN, no bank transfer.
BANK_TRANSFER_DETAILS = {
    "account_holder": env.str("BANK_TRANSFER_ACCOUNT_HOLDER", default=SHOP_NAME),
    "iban": env.str("BANK_TRANSFER_IBAN", default=""),
    "bic": env.str("BANK_TRANSFER_BIC", default=""),
    "bank_name": env.str("BANK_TRANSFER_BANK_NAME", default=""),
}

# --- Reviews (docs/reviews.md) ----------------------------------------------
# New reviews show at once (true, the default) or wait for staff to publish
# them (false); staff can hide any review either way.
REVIEWS_PUBLISH_IMMEDIATELY = env.bool("REVIEWS_PUBLISH_IMMEDIATELY", default=True)

# --- Accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "storefront:home"
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=60 * 60)
ACCOUNTS_VERIFICATION_MAX_AGE = env.int(
    "ACCOUNTS_VERIFICATION_MAX_AGE", default=3 * 24 * 60 * 60
)
ACCOUNTS_REQUIRE_VERIFIED_EMAIL = env.bool(
    "ACCOUNTS_REQUIRE_VERIFIED_EMAIL", default=True
)
# Brute-force protection: see emporium/accounts/throttling.py.
ACCOUNTS_THROTTLE = {
    "window": env.int("AUTH_THROTTLE_WINDOW", default=15 * 60),
    "slow_after": env.int("AUTH_THROTTLE_SLOW_AFTER", default=3),
    "block_after": env.int("AUTH_THROTTLE_BLOCK_AFTER", default=10),
    "ip_block_after": env.int("AUTH_THROTTLE_IP_BLOCK_AFTER", default=30),
}
# Header set by the trusted reverse proxy with the client address, if any
# (e.g. "HTTP_X_FORWARDED_FOR"); empty means use REMOTE_ADDR.
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", default="")
# How many trusted proxies append to that header (the client address is
# the entry this many places from the right).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)

# --- Email ------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default=f"{SHOP_NAME} <shop@example.com>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- API --------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework_simplejwt.authentication.JWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["emporium.core.api.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "emporium.core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "emporium.core.api.exceptions.api_exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": __import__("datetime").timedelta(
        minutes=env.int("JWT_ACCESS_MINUTES", default=15)
    ),
    "REFRESH_TOKEN_LIFETIME": __import__("datetime").timedelta(
        days=env.int("JWT_REFRESH_DAYS", default=14)
    ),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "user_id",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Emporium API",
    "DESCRIPTION": (
        "REST API of the Emporium e-commerce platform. Every error answers "
        '`{"code", "detail", "fields"}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # The docs UIs load their JS/CSS from our static files, never a CDN, and
    # Swagger UI does not send our schema URL to its online validator.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "REDOC_DIST": "SIDECAR",
    # Several models have a `status`: name each choice set's component.
    "ENUM_NAME_OVERRIDES": {
        "OrderStatusEnum": "emporium.orders.constants.OrderStatus",
        "FulfilmentStatusEnum": "emporium.orders.constants.FulfilmentStatus",
        "ProductStatusEnum": "emporium.catalog.constants.ProductStatus",
        "CartLineStatusEnum": "emporium.cart.constants.LineStatus",
        "ReviewStatusEnum": "emporium.reviews.constants.ReviewStatus",
        "ShopStatusEnum": "emporium.vendors.constants.ShopStatus",
    },
}

# --- i18n, static, media ----------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Serve uploaded files from the app (dev and single-machine installs).
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)
# Answer cached anonymous pages in front of Django (emporium/wsgi.py).
FRONT_CACHE = env.bool("FRONT_CACHE", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Logging ----------------------------------------------------------------
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOG_FORMAT = env.str("LOG_FORMAT", default="text")  # "text" or "json"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "emporium.core.logging.RequestIdFilter"}},
    "formatters": {
        "text": {
            "format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
        },
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level"},
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
    },
}

# --- Security defaults (tightened further in production.py) -----------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "emporium.core.views.csrf_failure"
