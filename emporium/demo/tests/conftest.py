"""Demo tests write the vendor's login to a temporary file, never to var/."""

import pytest

from emporium.demo import marketplace


@pytest.fixture(autouse=True)
def _vendor_login_file(tmp_path, monkeypatch):
    monkeypatch.setattr(
        marketplace, "VENDOR_LOGIN_FILE", tmp_path / "demo-vendor-login.txt"
    )
