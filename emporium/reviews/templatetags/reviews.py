"""Template tags of reviews: `{% stars average %}` draws 0-5 stars."""

from decimal import Decimal

from django import template

register = template.Library()

SIZES = {"sm": "h-4 w-4", "md": "h-5 w-5", "lg": "h-6 w-6"}


@register.inclusion_tag("reviews/_stars.html")
def stars(value: Decimal | int | None, size: str = "sm") -> dict:
    """Five stars for a rating: full, half or empty, to the nearest half
    (4.3 draws four and a half). Decorative: say the number in text too."""
    halves = round(float(value or 0) * 2)
    fills = [
        "full" if halves >= 2 * star else "half" if halves == 2 * star - 1 else "empty"
        for star in range(1, 6)
    ]
    return {"fills": fills, "box": SIZES.get(size, SIZES["sm"])}
