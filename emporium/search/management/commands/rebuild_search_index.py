from django.core.management.base import BaseCommand

from emporium.search.services import reindex_all


class Command(BaseCommand):
    help = "Rebuild the product search index from the catalog."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=1000)

    def handle(self, *args, batch: int, **options):
        indexed = reindex_all(batch=batch)
        self.stdout.write(self.style.SUCCESS(f"Indexed {indexed} products."))
