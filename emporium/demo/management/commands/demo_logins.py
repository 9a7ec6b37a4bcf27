"""`manage.py demo_logins`: print the demo vendor's login (`make run` does,
after the admin's), while it still works."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

from emporium.demo.marketplace import vendor_login


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
        print_vendor_login(self)
