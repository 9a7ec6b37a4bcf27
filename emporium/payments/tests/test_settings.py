"""The test provider in production settings: off unless explicitly on."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

PRINT = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.PAYMENTS_TEST_PROVIDER_ENABLED)"
)


def _production(**env: str) -> str:
    environment = {
        "PATH": os.environ["PATH"],
        "EMPORIUM_IGNORE_DOTENV": "1",
        "DJANGO_SETTINGS_MODULE": "emporium.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        **env,
    }
    result = subprocess.run(  # noqa: S603  our own interpreter and arguments
        [sys.executable, "-c", PRINT],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("env", "expected"),
    [({}, "False"), ({"PAYMENTS_TEST_PROVIDER_ENABLED": "true"}, "True")],
    ids=["default-off", "explicitly-on"],
)
def test_production_refuses_the_test_provider_unless_enabled(env, expected):
    assert _production(**env) == expected
