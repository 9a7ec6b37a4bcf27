"""Template filters for catalog pages: money, thumbnails, `srcset`."""

from decimal import Decimal

from django import template

from emporium.catalog.images import srcset as image_srcset
from emporium.catalog.models import ProductImage
from emporium.core.money import Money, format_money

register = template.Library()


@register.filter
def money(value: Money | None) -> str:
    return format_money(value) if value is not None else ""


@register.simple_tag
def amount(value: Decimal | None, currency: str | None) -> str:
    """An annotated amount and currency as money ("€19.99")."""
    if value is None or not currency:
        return ""
    return format_money(Money(value, currency))


@register.filter
def srcset(image: ProductImage) -> str:
    return image_srcset(image) if image.thumbnails else ""


@register.filter
def thumb(image: ProductImage, width: int | str) -> str:
    """The URL of the thumbnail of `width`, else the original's."""
    name = image.thumbnails.get(str(width))
    storage = image.image.storage
    return storage.url(name) if name else image.image.url
