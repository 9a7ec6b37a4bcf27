"""Writes of product images: upload (checked), change, remove, thumbnails.

An upload is checked before it is stored (`check_image_upload`: Pillow can
read it, JPEG/PNG/WebP/GIF, at most `MAX_IMAGE_BYTES` and
`MAX_IMAGE_PIXELS`) and stored under a name whose extension is the format
Pillow found, whatever the client called it. Thumbnails are CPU work: after
commit the `generate_product_image_thumbnails` task makes them and
publishes `product.image_updated`, so cached pages pick them up.
"""

import logging
import warnings
from pathlib import PurePosixPath
from typing import Any

from django.core.files import File
from django.db import DatabaseError, transaction
from django.db.models import Max
from django.utils.text import slugify
from PIL import Image, UnidentifiedImageError

from emporium.catalog.constants import (
    IMAGE_FORMATS,
    MAX_IMAGE_BYTES,
    MAX_IMAGE_PIXELS,
    PRODUCT_IMAGE_ADDED,
    PRODUCT_IMAGE_REMOVED,
    PRODUCT_IMAGE_UPDATED,
    THUMBNAIL_WIDTHS,
)
from emporium.catalog.errors import (
    ImageNotFound,
    InvalidImage,
    InvalidVariant,
    ProductNotFound,
)
from emporium.catalog.images import generate_thumbnails, thumbnail_name
from emporium.catalog.models import Product, ProductImage, ProductVariant
from emporium.catalog.services.products import UNSET
from emporium.core.events import publish

logger = logging.getLogger(__name__)


def check_image_upload(file: File) -> str:
    """Check an uploaded file is an image we accept; return its format.

    Reads the header and verifies the data, never decoding the pixels, so
    a decompression bomb is refused before it costs memory.

    Raises:
        InvalidImage: not an image, another format, or too large.
    """
    if file.size > MAX_IMAGE_BYTES:
        limit = MAX_IMAGE_BYTES // (1024 * 1024)
        raise _invalid(f"The image is larger than {limit} MB.")
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it: refuse both.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            file.seek(0)
            with Image.open(file) as image:
                kind, (width, height) = image.format, image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise _too_many_pixels()
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _too_many_pixels() from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise _invalid("The file is not an image we can read.") from exc
    finally:
        file.seek(0)
    if kind not in IMAGE_FORMATS:
        raise _invalid(f"{kind} images are not accepted: use JPEG, PNG, WebP or GIF.")
    return kind


def _invalid(message: str) -> InvalidImage:
    return InvalidImage(message, fields={"file": [message]})


def _too_many_pixels() -> InvalidImage:
    megapixels = MAX_IMAGE_PIXELS // 1_000_000
    return _invalid(f"The image has more than {megapixels} megapixels.")


def _stored_name(file: File, kind: str) -> str:
    stem = slugify(PurePosixPath(file.name or "").stem)[:80] or "image"
    return f"{stem}.{IMAGE_FORMATS[kind]}"


def add_product_image(
    *,
    product_id: int,
    file: File,
    alt_text: str = "",
    variant_id: int | None = None,
    position: int | None = None,
) -> ProductImage:
    """Check and store an image of a product (last when `position` is None);
    publishes `product.image_added` and, after commit, queues its thumbnails.

    Raises:
        InvalidImage: see `check_image_upload`; nothing is stored.
        ProductNotFound: no product with this id.
        InvalidVariant: the variant is not one of the product's.
    """
    kind = check_image_upload(file)
    with transaction.atomic():
        product = Product.objects.select_for_update().filter(pk=product_id).first()
        if product is None:
            raise ProductNotFound("Product not found.", extra={"id": product_id})
        _check_variant(product_id, variant_id)
        if position is None:
            last = product.images.aggregate(last=Max("position"))["last"]
            position = 0 if last is None else last + 1
        image = ProductImage(
            product=product,
            variant_id=variant_id,
            alt_text=alt_text.strip(),
            position=position,
        )
        image.image.save(_stored_name(file, kind), file, save=False)
        image.save()
        publish(PRODUCT_IMAGE_ADDED, {"product_id": product_id, "image_id": image.pk})
        _queue_thumbnails(image.pk)
    return image


def update_product_image(
    *,
    image_id: int,
    alt_text: str = UNSET,
    position: int = UNSET,
    variant_id: int | None = UNSET,
    file: File = UNSET,
) -> ProductImage:
    """Change an image's alt text, position, variant or file; publishes
    `product.image_updated`. A new file is checked, its thumbnails queued
    after commit, and the old files deleted after commit.

    Raises:
        ImageNotFound: no image with this id.
        InvalidImage: the new file is refused; nothing changes.
        InvalidVariant: the variant is not one of the product's.
    """
    changes: dict[str, Any] = {}
    if alt_text is not UNSET:
        changes["alt_text"] = alt_text.strip()
    if position is not UNSET:
        changes["position"] = position
    if variant_id is not UNSET:
        changes["variant_id"] = variant_id
    kind = check_image_upload(file) if file is not UNSET else None
    with transaction.atomic():
        image = _locked_image(image_id)
        if "variant_id" in changes:
            _check_variant(image.product_id, variant_id)
        for field, value in changes.items():
            setattr(image, field, value)
        fields = list(changes)
        if kind is not None:
            old = _file_names(image)
            image.image.save(_stored_name(file, kind), file, save=False)
            image.thumbnails = {}
            fields += ["image", "width", "height", "thumbnails"]
            _queue_thumbnails(image.pk)
            transaction.on_commit(lambda: _delete_files(image.image.storage, old))
        image.save(update_fields=fields or None)
        publish(
            PRODUCT_IMAGE_UPDATED,
            {"product_id": image.product_id, "image_id": image.pk, "fields": fields},
        )
    return image


def remove_product_image(*, image_id: int) -> None:
    """Delete an image, and its files after commit; publishes
    `product.image_removed`.

    Raises:
        ImageNotFound: no image with this id.
    """
    with transaction.atomic():
        image = _locked_image(image_id)
        storage, names = image.image.storage, _file_names(image)
        publish(
            PRODUCT_IMAGE_REMOVED,
            {"product_id": image.product_id, "image_id": image_id},
        )
        image.delete()
        transaction.on_commit(lambda: _delete_files(storage, names))


def make_product_image_thumbnails(*, image_id: int) -> dict[str, str]:
    """Write an image's WebP thumbnails; publish `product.image_updated`.

    Idempotent (same names, replaced). An image deleted meanwhile, or one
    whose file cannot be read, is skipped: {} (nothing to retry).
    """
    image = ProductImage.objects.filter(pk=image_id).first()
    if image is None:
        return {}
    try:
        with transaction.atomic():
            names = generate_thumbnails(image)
            publish(
                PRODUCT_IMAGE_UPDATED,
                {
                    "product_id": image.product_id,
                    "image_id": image_id,
                    "fields": ["thumbnails"],
                },
            )
    except InvalidImage:
        logger.warning("image %s: file unreadable, no thumbnails", image_id)
        return {}
    except DatabaseError:
        if ProductImage.objects.filter(pk=image_id).exists():
            raise
        # Deleted while rendering: drop the files written for it.
        _delete_files(image.image.storage, _file_names(image)[1:])
        return {}
    return names


def _locked_image(image_id: int) -> ProductImage:
    image = ProductImage.objects.select_for_update().filter(pk=image_id).first()
    if image is None:
        raise ImageNotFound("Image not found.", extra={"id": image_id})
    return image


def _check_variant(product_id: int, variant_id: int | None) -> None:
    if variant_id is None:
        return
    if not ProductVariant.objects.filter(pk=variant_id, product_id=product_id).exists():
        raise InvalidVariant(
            "The variant is not one of the product's.",
            fields={"variant_id": ["Choose a variant of this product."]},
        )


def _queue_thumbnails(image_id: int) -> None:
    # Imported here: the task module imports this one.
    from emporium.catalog.tasks import generate_product_image_thumbnails

    def enqueue() -> None:
        try:
            generate_product_image_thumbnails.delay(image_id)
        except Exception:  # broker down: the image shows, only unthumbnailed
            logger.exception("could not queue thumbnails of image %s", image_id)

    transaction.on_commit(enqueue)


def _file_names(image: ProductImage) -> list[str]:
    """The original's name, then every thumbnail name it may have."""
    name = image.image.name
    if not name:
        return []
    return [name, *(thumbnail_name(name, width) for width in THUMBNAIL_WIDTHS)]


def _delete_files(storage, names: list[str]) -> None:
    for name in names:
        try:
            if storage.exists(name):
                storage.delete(name)
        except Exception:  # a stray file costs disk, never the request
            logger.exception("could not delete image file %s", name)
