"""Shipping method kinds, limits and the default rate provider."""

from django.db import models


class MethodKind(models.TextChoices):
    """How a method's price is found.

    `FLAT` uses the method's own price; `WEIGHT` and `ORDER_VALUE` look the
    price up in the method's brackets (grams, or the subtotal in the
    method's currency).
    """

    FLAT = "flat", "Flat rate"
    WEIGHT = "weight", "By weight"
    ORDER_VALUE = "order_value", "By order value"


BRACKET_KINDS = frozenset({MethodKind.WEIGHT, MethodKind.ORDER_VALUE})

DEFAULT_RATE_PROVIDER = "emporium.shipping.providers.TableRateProvider"
