"""Shipping zones, their methods, and the rate brackets of those methods.

A zone is a set of countries (or "the rest of the world") that one owner
ships to: a shop, or the marketplace itself when `shop` is null. A method
is one way of shipping to a zone, priced in one currency. What the
database can hold it holds (non-negative amounts, bounds in order, a price
exactly for flat rates, one rest-of-world zone per owner); the rules that
span rows (countries in one zone per owner, brackets without overlaps,
whole minor units) live in `shipping.services` and the admin forms call
them.
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django_countries.fields import CountryField

from emporium.core.money import amount_field, currency_field, money_property
from emporium.shipping.constants import MethodKind

NON_NEGATIVE = [MinValueValidator(Decimal(0))]


class ShippingZone(models.Model):
    """Countries one owner ships to; the methods hang off the zone.

    A country belongs to at most one zone of an owner (the services check
    it). `is_rest_of_world` marks the zone for every country none of the
    owner's other zones lists; such a zone lists no countries itself, and
    an owner has at most one.
    """

    name = models.CharField(max_length=120)
    shop = models.ForeignKey(
        "vendors.Shop",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="shipping_zones",
        help_text="Empty: a zone of the marketplace itself.",
    )
    countries = CountryField(multiple=True, blank=True)
    is_rest_of_world = models.BooleanField(
        "rest of world",
        default=False,
        help_text="Every country the owner's other zones do not list.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["shop_id", "is_rest_of_world", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(is_rest_of_world=True) & Q(countries=""))
                | (Q(is_rest_of_world=False) & ~Q(countries="")),
                name="shipping_zone_countries_xor_rest_of_world",
                violation_error_message=(
                    "List countries, or mark the zone as rest of world (not both)."
                ),
            ),
            models.UniqueConstraint(
                fields=["shop"],
                condition=Q(is_rest_of_world=True, shop__isnull=False),
                name="shipping_zone_one_rest_of_world_per_shop",
                violation_error_message="This shop already has a rest-of-world zone.",
            ),
            # NULLs never clash in a unique index, so the marketplace's
            # (shop null) rest-of-world zone gets its own partial index.
            models.UniqueConstraint(
                fields=["is_rest_of_world"],
                condition=Q(is_rest_of_world=True, shop__isnull=True),
                name="shipping_zone_one_rest_of_world_marketplace",
                violation_error_message=(
                    "The marketplace already has a rest-of-world zone."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def country_codes(self) -> list[str]:
        return [country.code for country in self.countries]


class ShippingMethod(models.Model):
    """One way to ship to a zone ("Standard", "Express"), in one currency.

    A flat method has `price_amount`; weight and order-value methods take
    their price from their brackets and have none. `free_above_amount`
    (any kind) makes the method free from that subtotal on, in the same
    currency.
    """

    zone = models.ForeignKey(
        ShippingZone, on_delete=models.CASCADE, related_name="methods"
    )
    name = models.CharField(max_length=120)
    description = models.CharField(max_length=255, blank=True)
    kind = models.CharField(
        max_length=16, choices=MethodKind.choices, default=MethodKind.FLAT
    )
    currency = currency_field()
    price_amount = amount_field(
        null=True, blank=True, validators=NON_NEGATIVE, help_text="Flat rates only."
    )
    free_above_amount = amount_field(
        verbose_name="free from subtotal",
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
        help_text="Free when the subtotal reaches this amount (same currency).",
    )
    min_delivery_days = models.PositiveSmallIntegerField(null=True, blank=True)
    max_delivery_days = models.PositiveSmallIntegerField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)

    price = money_property("price_amount")
    free_above = money_property("free_above_amount")

    class Meta:
        ordering = ["zone_id", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=MethodKind.values),
                name="shipping_method_kind_valid",
            ),
            models.CheckConstraint(
                condition=(Q(kind=MethodKind.FLAT) & Q(price_amount__isnull=False))
                | (~Q(kind=MethodKind.FLAT) & Q(price_amount__isnull=True)),
                name="shipping_method_price_for_flat_only",
                violation_error_message=(
                    "A flat rate needs a price; weight and order-value methods "
                    "take theirs from their brackets."
                ),
            ),
            models.CheckConstraint(
                condition=Q(price_amount__isnull=True) | Q(price_amount__gte=0),
                name="shipping_method_price_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(free_above_amount__isnull=True)
                | Q(free_above_amount__gte=0),
                name="shipping_method_free_above_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(min_delivery_days__isnull=True)
                | Q(max_delivery_days__isnull=True)
                | Q(min_delivery_days__lte=F("max_delivery_days")),
                name="shipping_method_delivery_days_in_order",
                violation_error_message=(
                    "The minimum delivery days cannot exceed the maximum."
                ),
            ),
        ]
        indexes = [
            models.Index(
                fields=["zone", "is_active", "currency"],
                name="shipping_method_zone_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.zone})"


class ShippingRateBracket(models.Model):
    """The price of a weight or order-value method from `lower_bound`
    (inclusive) up to `upper_bound` (exclusive; null: no upper end).

    Bounds are grams for weight methods and amounts in the method's
    currency for order-value methods. Brackets of one method never overlap
    (the services check it); a value in no bracket makes the method
    unavailable.
    """

    method = models.ForeignKey(
        ShippingMethod, on_delete=models.CASCADE, related_name="brackets"
    )
    lower_bound = amount_field(validators=NON_NEGATIVE)
    upper_bound = amount_field(
        null=True, blank=True, help_text="Exclusive. Empty: no upper end."
    )
    price_amount = amount_field(validators=NON_NEGATIVE)

    class Meta:
        ordering = ["method_id", "lower_bound", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["method", "lower_bound"],
                name="shipping_bracket_lower_bound_per_method",
            ),
            models.CheckConstraint(
                condition=Q(lower_bound__gte=0),
                name="shipping_bracket_lower_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(upper_bound__isnull=True)
                | Q(upper_bound__gt=F("lower_bound")),
                name="shipping_bracket_upper_above_lower",
                violation_error_message="The upper bound must exceed the lower.",
            ),
            models.CheckConstraint(
                condition=Q(price_amount__gte=0),
                name="shipping_bracket_price_non_negative",
            ),
        ]

    def __str__(self) -> str:
        upper = "" if self.upper_bound is None else self.upper_bound
        return f"[{self.lower_bound}, {upper}): {self.price_amount}"
