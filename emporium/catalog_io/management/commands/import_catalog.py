"""`manage.py import_catalog FILE.csv [--dry-run] [--shop SLUG] [--actor EMAIL]`.

Exit code 0 when imported (or checked, with --dry-run), 1 when the file has
errors: each on stderr as `line N, column: message`; nothing is imported.
"""

from django.core.management.base import BaseCommand, CommandError

from emporium.accounts.models import User
from emporium.catalog_io.errors import InvalidCatalogFile
from emporium.catalog_io.services import import_catalog
from emporium.vendors.models import Shop


class Command(BaseCommand):
    help = "Import products, variants, offers, prices and stock from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV file (UTF-8, see catalog-import.md)")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and count, write nothing"
        )
        parser.add_argument("--shop", help="accept only lines of this shop (slug)")
        parser.add_argument(
            "--actor", help="e-mail of the user the stock ledger names (default: none)"
        )

    def handle(self, *args, file, dry_run, shop, actor, **options):
        only_shop = _shop(shop) if shop else None
        user = _user(actor) if actor else None
        try:
            with open(file, "rb") as stream:
                result = import_catalog(
                    file=stream, actor=user, shop=only_shop, dry_run=dry_run
                )
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}") from exc
        except InvalidCatalogFile as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(exc.message) from exc
        counts = (
            f"{result.created} lines created, {result.updated} updated, "
            f"{result.unchanged} unchanged"
        )
        if dry_run:
            counts = f"Dry run, nothing written; the import would give: {counts}"
        self.stdout.write(self.style.SUCCESS(counts))


def _shop(slug: str) -> Shop:
    shop = Shop.objects.filter(slug=slug).first()
    if shop is None:
        raise CommandError(f'unknown shop "{slug}"')
    return shop


def _user(email: str) -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        raise CommandError(f'no user with e-mail "{email}"')
    return user
