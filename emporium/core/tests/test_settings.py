"""What the environment switches, checked in a fresh process per case.

Each test starts Python with only the variables it names (plus PATH), so
the developer's or CI's own DATABASE_URL/REDIS_URL cannot leak in.
"""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

PRINT_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "cache": s.CACHES["default"]["BACKEND"],
    "sessions": s.SESSION_ENGINE,
    "broker": s.CELERY_BROKER_URL,
    "eager": s.CELERY_TASK_ALWAYS_EAGER,
    "debug": s.DEBUG,
    "log_formatter": s.LOGGING["handlers"]["console"]["formatter"],
}))
"""


def _python(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        "PATH": os.environ["PATH"],
        "EMPORIUM_IGNORE_DOTENV": "1",
        "DJANGO_SETTINGS_MODULE": "emporium.settings.production",
        **env,
    }
    return subprocess.run(  # noqa: S603  our own interpreter and arguments
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _secret_key() -> str:
    return secrets.token_urlsafe(48)[:64]


def _settings(**env: str) -> dict:
    result = _python("-c", PRINT_SETTINGS, SECRET_KEY=_secret_key(), **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "secret_key", ["", "too-short-0123456789"], ids=["empty", "too-short"]
)
def test_production_settings_refuse_to_load_without_a_long_secret_key(secret_key):
    result = _python("-c", "import django; django.setup()", SECRET_KEY=secret_key)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = _python(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=_secret_key(),
        ALLOWED_HOSTS="shop.example.com",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_force_debug_off_and_log_json():
    configured = _settings(DEBUG="true")

    assert configured.items() >= {"debug": False, "log_formatter": "json"}.items()


def test_without_redis_or_broker_tasks_run_eagerly_with_local_cache():
    configured = _settings()

    expected = {
        "cache": "django.core.cache.backends.locmem.LocMemCache",
        "sessions": "django.contrib.sessions.backends.db",
        "broker": "",
        "eager": True,
    }
    assert configured.items() >= expected.items()


def test_redis_url_switches_cache_sessions_and_broker_to_redis():
    configured = _settings(REDIS_URL="redis://cache.internal:6379/0")

    expected = {
        "cache": "emporium.core.cache.RedisCache",
        "sessions": "django.contrib.sessions.backends.cache",
        "broker": "redis://cache.internal:6379/0",
        "eager": False,
    }
    assert configured.items() >= expected.items()


def test_an_explicit_broker_wins_over_redis():
    configured = _settings(
        REDIS_URL="redis://cache.internal:6379/0",
        CELERY_BROKER_URL="amqp://guest:guest@mq.internal:5672//",
    )

    assert configured["broker"] == "amqp://guest:guest@mq.internal:5672//"
    assert configured["eager"] is False


def test_an_empty_variable_means_the_default():
    assert _settings(REDIS_URL="", CELERY_BROKER_URL="")["eager"] is True


def test_media_files_are_served_when_serve_media_is_on(client, settings, tmp_path):
    from importlib import reload

    from django.urls import clear_url_caches

    import emporium.urls

    (tmp_path / "photo.txt").write_text("pixels")
    settings.MEDIA_ROOT = str(tmp_path)
    settings.SERVE_MEDIA = True
    reload(emporium.urls)
    clear_url_caches()
    try:
        response = client.get("/media/photo.txt")
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"pixels"
    finally:
        settings.SERVE_MEDIA = False
        reload(emporium.urls)
        clear_url_caches()

    assert client.get("/media/photo.txt").status_code == 404
