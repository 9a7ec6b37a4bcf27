"""Field validators of the catalog."""

from django.core.exceptions import ValidationError

GTIN_LENGTHS = (8, 12, 13, 14)


def validate_gtin(value: str) -> None:
    """A GTIN-8/12/13/14 (EAN, UPC) with a correct check digit."""
    if not value.isdigit() or len(value) not in GTIN_LENGTHS:
        raise ValidationError("Enter 8, 12, 13 or 14 digits.", code="invalid_gtin")
    body, check = value[:-1], int(value[-1])
    # Weights 3,1,3,1... from the digit next to the check digit leftwards.
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(body[::-1]))
    if (10 - total % 10) % 10 != check:
        raise ValidationError("The check digit is wrong.", code="invalid_gtin")
