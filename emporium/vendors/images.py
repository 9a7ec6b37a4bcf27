"""Checking an uploaded shop logo before it is stored.

Logos are small square-ish pictures: JPEG, PNG or WebP, at most
`MAX_LOGO_BYTES` and `MAX_LOGO_SIDE` pixels a side. Pillow reads the header
and verifies the data without decoding the pixels, so a decompression bomb
is refused before it costs memory.
"""

import warnings

from django.core.files import File
from PIL import Image, UnidentifiedImageError

from emporium.vendors.constants import LOGO_FORMATS, MAX_LOGO_BYTES, MAX_LOGO_SIDE
from emporium.vendors.errors import InvalidLogo


def _invalid(message: str) -> InvalidLogo:
    return InvalidLogo(message, fields={"logo": [message]})


def check_logo_upload(file: File) -> str:
    """Check `file` is a logo we accept; return its file extension.

    Raises:
        InvalidLogo: not an image, another format, too heavy or too large.
    """
    if file.size > MAX_LOGO_BYTES:
        raise _invalid(f"The logo is larger than {MAX_LOGO_BYTES // 1024 // 1024} MB.")
    too_large = _invalid(
        f"The logo is larger than {MAX_LOGO_SIDE} x {MAX_LOGO_SIDE} pixels."
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            file.seek(0)
            with Image.open(file) as image:
                kind, (width, height) = image.format, image.size
                if max(width, height) > MAX_LOGO_SIDE:
                    raise too_large
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise too_large from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise _invalid("The logo is not an image we can read.") from exc
    finally:
        file.seek(0)
    if kind not in LOGO_FORMATS:
        raise _invalid(f"{kind} logos are not accepted: use JPEG, PNG or WebP.")
    return LOGO_FORMATS[kind]
