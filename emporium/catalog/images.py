"""Product image thumbnails: WebP at fixed widths, made locally with Pillow.

`generate_thumbnails()` writes `<name>_<width>.webp` next to the original in
the same storage (local disk or S3) and records the names on the image, so
templates build `srcset` without touching storage. Never upscales: an
original narrower than a width yields that width's file at the original
size. CPU-bound, so callers run it in a task after the upload commits.
"""

from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

from emporium.catalog.constants import THUMBNAIL_QUALITY, THUMBNAIL_WIDTHS
from emporium.catalog.errors import InvalidImage
from emporium.catalog.models import ProductImage

# A decompression bomb stays a clear error rather than exhausting memory.
Image.MAX_IMAGE_PIXELS = 50_000_000


def thumbnail_name(original: str, width: int) -> str:
    path = PurePosixPath(original)
    return str(path.with_name(f"{path.stem}_{width}.webp"))


def _render(source: Image.Image, width: int) -> bytes:
    copy = source.copy()
    if copy.width > width:
        height = max(1, round(copy.height * width / copy.width))
        copy = copy.resize((width, height), Image.Resampling.LANCZOS)
    buffer = BytesIO()
    # method=2: several times faster to encode than the default 4, for a few
    # percent more bytes; thumbnails are made for every upload.
    copy.save(buffer, format="WEBP", quality=THUMBNAIL_QUALITY, method=2)
    return buffer.getvalue()


def generate_thumbnails(image: ProductImage) -> dict[str, str]:
    """Write the WebP thumbnails of a product image; return {width: name}.

    Replaces thumbnails of the same name. Saves `thumbnails` on the row.

    Raises:
        InvalidImage: the file is not an image Pillow can read.
    """
    storage = image.image.storage
    try:
        with image.image.open("rb") as handle, Image.open(handle) as opened:
            source = ImageOps.exif_transpose(opened)
            source = source.convert("RGBA" if "A" in source.getbands() else "RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise InvalidImage("The file is not a readable image.") from exc
    names: dict[str, str] = {}
    # Never upscale: a width the original cannot fill would lie in `srcset`.
    widths = [w for w in THUMBNAIL_WIDTHS if w <= source.width]
    for width in widths or [min(THUMBNAIL_WIDTHS)]:
        name = thumbnail_name(image.image.name, width)
        if storage.exists(name):
            storage.delete(name)
        names[str(width)] = storage.save(name, ContentFile(_render(source, width)))
    image.thumbnails = names
    image.save(update_fields=["thumbnails"])
    return names


def srcset(image: ProductImage) -> str:
    """The `srcset` attribute value for the image's thumbnails."""
    storage = image.image.storage
    return ", ".join(
        f"{storage.url(name)} {width}w"
        for width, name in sorted(image.thumbnails.items(), key=lambda kv: int(kv[0]))
    )
