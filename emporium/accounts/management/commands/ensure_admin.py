"""Create the local admin account once and print how to log in.

The generated password is kept in var/admin-login.txt (git-ignored, mode
600) so `make run` can print the login every time while it still works.
"""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from emporium.accounts.models import User, normalize_email

CREDENTIALS_FILE = Path(settings.BASE_DIR) / "var" / "admin-login.txt"


class Command(BaseCommand):
    help = "Create the admin user once (password printed); print the login."

    def add_arguments(self, parser):
        parser.add_argument("--email", default="admin@example.com")

    def handle(self, *args, email: str, **options):
        email = normalize_email(email)
        user = User.objects.filter(email=email).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser(email=email, password=password)
            self._remember(email, password)
            self._print(email, password, created=True)
            return
        saved = self._recall(email)
        if saved and user.check_password(saved):
            self._print(email, saved, created=False)
        else:
            self.stdout.write(
                f"Admin {email} exists (password changed since it was created; "
                "set a new one with: manage.py changepassword " + email + ")"
            )

    def _remember(self, email: str, password: str) -> None:
        CREDENTIALS_FILE.parent.mkdir(parents=True, exist_ok=True)
        CREDENTIALS_FILE.write_text(f"{email}\n{password}\n")
        os.chmod(CREDENTIALS_FILE, 0o600)

    def _recall(self, email: str) -> str | None:
        if not CREDENTIALS_FILE.is_file():
            return None
        lines = CREDENTIALS_FILE.read_text().splitlines()
        return lines[1] if len(lines) >= 2 and lines[0] == email else None

    def _print(self, email: str, password: str, *, created: bool) -> None:
        verb = "Created admin" if created else "Admin login"
        line = "=" * 64
        self.stdout.write(
            self.style.SUCCESS(
                f"{line}\n {verb}: {email} / {password}\n"
                f" Log in at {settings.SITE_URL}/admin/\n{line}"
            )
        )
