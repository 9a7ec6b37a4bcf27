"""Product image services: checked uploads, thumbnails after commit, events."""

import struct
import zlib
from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from emporium.catalog.constants import (
    MAX_IMAGE_BYTES,
    PRODUCT_IMAGE_ADDED,
    PRODUCT_IMAGE_REMOVED,
    PRODUCT_IMAGE_UPDATED,
)
from emporium.catalog.errors import (
    ImageNotFound,
    InvalidImage,
    InvalidVariant,
    ProductNotFound,
)
from emporium.catalog.models import ProductImage
from emporium.catalog.services import (
    add_product_image,
    remove_product_image,
    update_product_image,
)
from emporium.catalog.tasks import generate_product_image_thumbnails
from emporium.catalog.tests.factories import ProductFactory, VariantFactory
from emporium.core.models import OutboxEvent

pytestmark = pytest.mark.django_db


def picture(
    fmt: str = "PNG", size: tuple[int, int] = (400, 200), name: str = "shirt.png"
) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


def png_claiming(width: int, height: int) -> SimpleUploadedFile:
    """A tiny PNG whose header claims `width` x `height` (a bomb's shape)."""
    data = bytearray(picture(size=(1, 1)).read())
    ihdr = data[12:29]  # chunk type + 13 bytes of data
    ihdr[4:12] = struct.pack(">II", width, height)
    data[12:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(ihdr)))
    return SimpleUploadedFile("bomb.png", bytes(data), "image/png")


def _names(event: str) -> list[dict]:
    return list(
        OutboxEvent.objects.filter(name=event).values_list("payload", flat=True)
    )


def test_upload_stores_the_image_and_makes_thumbnails_after_commit(
    django_capture_on_commit_callbacks,
):
    product = ProductFactory()

    with django_capture_on_commit_callbacks(execute=True):
        image = add_product_image(
            product_id=product.pk, file=picture(size=(700, 350)), alt_text=" Red "
        )

    image.refresh_from_db()
    assert (image.width, image.height, image.alt_text) == (700, 350, "Red")
    assert image.image.name.endswith(".png")
    assert sorted(image.thumbnails, key=int) == ["160", "320", "640"]
    for name in image.thumbnails.values():
        assert default_storage.exists(name)
    assert _names(PRODUCT_IMAGE_ADDED) == [
        {"product_id": product.pk, "image_id": image.pk}
    ]
    assert _names(PRODUCT_IMAGE_UPDATED) == [
        {"product_id": product.pk, "image_id": image.pk, "fields": ["thumbnails"]}
    ]


def test_thumbnails_wait_for_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        image = add_product_image(product_id=ProductFactory().pk, file=picture())

    image.refresh_from_db()
    assert image.thumbnails == {}
    assert len(callbacks) == 2  # the outbox delivery, the thumbnail task


def test_uploads_go_last_unless_a_position_is_given():
    product = ProductFactory()

    first = add_product_image(product_id=product.pk, file=picture())
    second = add_product_image(product_id=product.pk, file=picture())
    front = add_product_image(product_id=product.pk, file=picture(), position=0)

    assert (first.position, second.position, front.position) == (0, 1, 0)


@pytest.mark.parametrize(
    ("fmt", "extension"), [("JPEG", "jpg"), ("WEBP", "webp"), ("GIF", "gif")]
)
def test_the_stored_name_takes_the_format_found_not_the_name_sent(fmt, extension):
    upload = picture(fmt=fmt, name="../../evil page.html")

    image = add_product_image(product_id=ProductFactory().pk, file=upload)

    assert image.image.name.rsplit("/", 1)[-1].startswith("evil-page")
    assert image.image.name.endswith(f".{extension}")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("x.png", b"<html>not an image</html>", "image/png"),
            "The file is not an image we can read.",
        ),
        (
            picture(fmt="BMP"),
            "BMP images are not accepted: use JPEG, PNG, WebP or GIF.",
        ),
        (
            picture(fmt="TIFF"),
            "TIFF images are not accepted: use JPEG, PNG, WebP or GIF.",
        ),
        (
            SimpleUploadedFile("x.png", b"\0" * (MAX_IMAGE_BYTES + 1)),
            "The image is larger than 10 MB.",
        ),
        (
            png_claiming(10_000, 6_000),
            "The image has more than 50 megapixels.",
        ),
        (png_claiming(20_000, 20_000), "The image has more than 50 megapixels."),
    ],
    ids=["not-an-image", "bmp", "tiff", "too-many-bytes", "too-many-pixels", "bomb"],
)
def test_refused_uploads_say_why_and_store_nothing(upload, message):
    product = ProductFactory()

    with pytest.raises(InvalidImage) as caught:
        add_product_image(product_id=product.pk, file=upload)

    assert caught.value.code == "invalid_image"
    assert caught.value.message == message
    assert caught.value.fields == {"file": [message]}
    assert not ProductImage.objects.exists()
    assert not OutboxEvent.objects.filter(name=PRODUCT_IMAGE_ADDED).exists()


def test_a_truncated_png_is_refused():
    data = picture().read()

    with pytest.raises(InvalidImage):
        add_product_image(
            product_id=ProductFactory().pk,
            file=SimpleUploadedFile("x.png", data[: len(data) // 2]),
        )


def test_upload_to_an_unknown_product_is_404():
    with pytest.raises(ProductNotFound):
        add_product_image(product_id=999_999, file=picture())


def test_upload_for_another_products_variant_is_refused():
    product = ProductFactory()
    stranger = VariantFactory()

    with pytest.raises(InvalidVariant) as caught:
        add_product_image(product_id=product.pk, file=picture(), variant_id=stranger.pk)

    assert caught.value.fields == {"variant_id": ["Choose a variant of this product."]}


def test_update_changes_alt_text_and_position_and_publishes():
    image = add_product_image(product_id=ProductFactory().pk, file=picture())

    update_product_image(image_id=image.pk, alt_text="Back view", position=3)

    image.refresh_from_db()
    assert (image.alt_text, image.position) == ("Back view", 3)
    assert _names(PRODUCT_IMAGE_UPDATED)[-1]["fields"] == ["alt_text", "position"]


def test_replacing_the_file_remakes_thumbnails_and_deletes_the_old_files(
    django_capture_on_commit_callbacks,
):
    product = ProductFactory()
    with django_capture_on_commit_callbacks(execute=True):
        image = add_product_image(product_id=product.pk, file=picture(size=(400, 400)))
    image.refresh_from_db()
    old = [image.image.name, *image.thumbnails.values()]

    with django_capture_on_commit_callbacks(execute=True):
        update_product_image(image_id=image.pk, file=picture(size=(2000, 1000)))

    image.refresh_from_db()
    assert (image.width, image.height) == (2000, 1000)
    assert len(image.thumbnails) == 4
    assert all(default_storage.exists(n) for n in image.thumbnails.values())
    assert not any(default_storage.exists(name) for name in old)


def test_remove_deletes_the_row_and_its_files_after_commit(
    django_capture_on_commit_callbacks,
):
    product = ProductFactory()
    with django_capture_on_commit_callbacks(execute=True):
        image = add_product_image(product_id=product.pk, file=picture())
    image.refresh_from_db()
    files = [image.image.name, *image.thumbnails.values()]

    with django_capture_on_commit_callbacks(execute=True):
        remove_product_image(image_id=image.pk)

    assert not ProductImage.objects.exists()
    assert not any(default_storage.exists(name) for name in files)
    assert _names(PRODUCT_IMAGE_REMOVED) == [
        {"product_id": product.pk, "image_id": image.pk}
    ]


def test_remove_of_an_unknown_image_is_404():
    with pytest.raises(ImageNotFound) as caught:
        remove_product_image(image_id=999_999)

    assert caught.value.status_code == 404


def test_thumbnail_task_is_idempotent():
    image = add_product_image(product_id=ProductFactory().pk, file=picture())

    assert generate_product_image_thumbnails(image.pk) == 2
    first = ProductImage.objects.get(pk=image.pk).thumbnails
    assert generate_product_image_thumbnails(image.pk) == 2

    assert ProductImage.objects.get(pk=image.pk).thumbnails == first
    assert all(default_storage.exists(name) for name in first.values())


def test_thumbnail_task_for_a_deleted_image_does_nothing():
    image = add_product_image(product_id=ProductFactory().pk, file=picture())
    remove_product_image(image_id=image.pk)

    assert generate_product_image_thumbnails(image.pk) == 0


def test_thumbnail_task_for_an_unreadable_file_gives_up_quietly():
    image = add_product_image(product_id=ProductFactory().pk, file=picture())
    default_storage.delete(image.image.name)

    assert generate_product_image_thumbnails(image.pk) == 0
    assert ProductImage.objects.get(pk=image.pk).thumbnails == {}
