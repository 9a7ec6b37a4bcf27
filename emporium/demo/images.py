"""Product pictures made locally with Pillow: a colour block with the
product's initials and title, 800 x 800, then the usual WebP thumbnails
(`catalog.images.generate_thumbnails`). No network, no stock photos.
"""

import hashlib
import multiprocessing
import random
from concurrent.futures import ProcessPoolExecutor
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import connection, connections
from PIL import Image, ImageDraw

from emporium.catalog.images import generate_thumbnails
from emporium.catalog.models import Product, ProductImage
from emporium.demo import data

SIZE = 800  # large enough for the 640 px thumbnail; fast to make
PARALLEL_FROM = 20  # products; below this, forking costs more than it saves


def _background(title: str, position: int) -> tuple[int, int, int]:
    for word in title.split():
        if word in data.COLOURS and position == 0:
            return data.COLOURS[word]
    digest = hashlib.sha256(f"{title}{position}".encode()).digest()
    return (60 + digest[0] % 150, 60 + digest[1] % 150, 60 + digest[2] % 150)


def render_picture(title: str, position: int = 0) -> bytes:
    """A JPEG of the product's initials and title on a colour block."""
    background = _background(title, position)
    text = "white" if sum(background) < 400 else (30, 30, 30)
    image = Image.new("RGB", (SIZE, SIZE), background)
    draw = ImageDraw.Draw(image)
    initials = "".join(word[0] for word in title.split()[:2]).upper()
    draw.text(
        (SIZE // 2, SIZE * 43 // 100),
        initials,
        fill=text,
        anchor="mm",
        font_size=SIZE * 35 // 100,
    )
    draw.text(
        (SIZE // 2, SIZE * 82 // 100),
        title,
        fill=text,
        anchor="mm",
        font_size=SIZE * 6 // 100,
    )
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def _picture_product(work: tuple[int, str, str, int]) -> int:
    product_id, slug, title, count = work
    for position in range(count):
        picture = ProductImage(product_id=product_id, alt_text=title, position=position)
        picture.image.save(
            f"{slug}-{position + 1}.jpg",
            ContentFile(render_picture(title, position)),
            save=True,
        )
        generate_thumbnails(picture)
    return count


def add_pictures(products: list[Product], *, rng: random.Random, jobs: int = 1) -> int:
    """Give each product 1-3 pictures with thumbnails; returns how many.

    WebP encoding holds the GIL, so `jobs` > 1 uses forked processes (each
    with its own database connection). Small sets stay in this process,
    which is also what tests need (in-memory storage and database).
    """
    work = [
        (p.pk, p.slug, p.title, rng.choices([1, 2, 3], weights=[70, 22, 8])[0])
        for p in products
    ]
    if jobs <= 1 or len(work) < PARALLEL_FROM or connection.in_atomic_block:
        return sum(map(_picture_product, work))
    # Children must open their own connections, never share the parent's.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        return sum(pool.map(_picture_product, work, chunksize=4))
