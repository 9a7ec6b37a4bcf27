"""Celery tasks of the catalog: thin and idempotent, each calls a service."""

from celery import shared_task

from emporium.catalog.services.images import make_product_image_thumbnails


@shared_task(name="emporium.catalog.tasks.generate_product_image_thumbnails")
def generate_product_image_thumbnails(image_id: int) -> int:
    """Make an image's WebP thumbnails; return how many (0: image gone)."""
    return len(make_product_image_thumbnails(image_id=image_id))
