"""`manage.py demo_logins`: print the demo vendor's login (`make run` does,
after the admin's). Like `ensure_admin`, it makes the login work for the
database in use when the saved one does not (another database loaded the
demo, or someone changed the password)."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

from emporium.demo.marketplace import (
    ensure_vendor_login,
    find_demo_vendor_shop,
    vendor_login,
)


def print_vendor_login(command: BaseCommand) -> None:
    login = vendor_login()
    if login is None:
        return
    email, password = login
    dashboard = f"{settings.SITE_URL}{reverse('dashboard:home')}"
    command.stdout.write(
        command.style.SUCCESS(
            f" Demo vendor: {email} / {password}\n Vendor dashboard: {dashboard}"
        )
    )


class Command(BaseCommand):
    help = "Print the demo vendor's login (made by load_demo)."

    def handle(self, *args, **options):
        shop = find_demo_vendor_shop()
        if shop is not None and vendor_login() is None:
            ensure_vendor_login(shop)
        print_vendor_login(self)
