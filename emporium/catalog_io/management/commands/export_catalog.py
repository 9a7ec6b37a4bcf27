"""`manage.py export_catalog [--output FILE] [--shop SLUG]`: the catalog as
CSV (the import format), to stdout unless --output names a file."""

from django.core.management.base import BaseCommand, CommandError

from emporium.catalog_io.export import export_catalog
from emporium.vendors.models import Shop


class Command(BaseCommand):
    help = "Export products, variants, offers, prices and stock as CSV."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="file to write (default: stdout)")
        parser.add_argument("--shop", help="only this shop's offers (slug)")

    def handle(self, *args, output, shop, **options):
        only_shop = None
        if shop:
            only_shop = Shop.objects.filter(slug=shop).first()
            if only_shop is None:
                raise CommandError(f'unknown shop "{shop}"')
        if not output:
            export_catalog(out=self.stdout, shop=only_shop)
            return
        try:
            with open(output, "w", encoding="utf-8", newline="") as stream:
                lines = export_catalog(out=stream, shop=only_shop)
        except OSError as exc:
            raise CommandError(f"cannot write {output}: {exc.strerror}") from exc
        self.stderr.write(f"{lines} lines written to {output}")
