"""Product image thumbnails: four WebP widths, made locally."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from emporium.catalog.constants import THUMBNAIL_WIDTHS
from emporium.catalog.errors import InvalidImage
from emporium.catalog.images import generate_thumbnails, srcset
from emporium.catalog.models import ProductImage
from emporium.catalog.tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def png(width: int, height: int) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile("shirt.png", buffer.getvalue(), "image/png")


def test_generate_thumbnails_writes_webp_at_each_width_keeping_aspect():
    image = ProductImage.objects.create(product=ProductFactory(), image=png(2000, 1000))

    names = generate_thumbnails(image)

    assert sorted(int(w) for w in names) == list(THUMBNAIL_WIDTHS)
    storage = image.image.storage
    for width in THUMBNAIL_WIDTHS:
        with storage.open(names[str(width)]) as handle, Image.open(handle) as thumb:
            assert thumb.format == "WEBP"
            assert thumb.size == (width, width // 2)
    image.refresh_from_db()
    assert image.thumbnails == names
    assert srcset(image).count("w, ") == len(THUMBNAIL_WIDTHS) - 1


def test_generate_thumbnails_makes_only_the_widths_the_original_fills():
    image = ProductImage.objects.create(product=ProductFactory(), image=png(700, 700))

    names = generate_thumbnails(image)

    assert sorted(int(w) for w in names) == [160, 320, 640]
    assert srcset(image).endswith("640w")


def test_generate_thumbnails_of_a_tiny_image_keeps_its_size():
    image = ProductImage.objects.create(product=ProductFactory(), image=png(100, 100))

    names = generate_thumbnails(image)

    assert list(names) == ["160"]
    with image.image.storage.open(names["160"]) as handle, Image.open(handle) as thumb:
        assert thumb.size == (100, 100)


def test_generate_thumbnails_refuses_a_file_that_is_no_image():
    image = ProductImage.objects.create(
        product=ProductFactory(),
        image=SimpleUploadedFile("x.png", b"not an image", "image/png"),
    )

    with pytest.raises(InvalidImage) as caught:
        generate_thumbnails(image)

    assert caught.value.code == "invalid_image"
