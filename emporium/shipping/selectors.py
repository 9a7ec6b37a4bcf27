"""Reads of shipping rates: which methods ship to a country, loaded once.

Zone matching, one rule: an owner's zones are the shop's own when the shop
has any, else the marketplace's (zones without a shop). Of those, the
zones listing the country apply; when none does, the owner's
rest-of-world zone does (if it has one). `list_methods_for` then loads the
active methods of those zones in the asked currency, with their brackets,
in three queries whatever their number.
"""

from collections.abc import Iterable

from django.db.models import Prefetch, Q

from emporium.core.money import Money, check_currency
from emporium.shipping.models import ShippingMethod, ShippingRateBracket, ShippingZone
from emporium.shipping.rates import LoadedMethod, RateBracket, normalise_country


def _matching_zones(
    zones: Iterable[ShippingZone], country: str, shop_id: int | None
) -> list[ShippingZone]:
    zones = list(zones)
    own = [zone for zone in zones if shop_id is not None and zone.shop_id == shop_id]
    owner_zones = own or [zone for zone in zones if zone.shop_id is None]
    listing = [zone for zone in owner_zones if country in zone.country_codes]
    if listing:
        return listing
    return [zone for zone in owner_zones if zone.is_rest_of_world]


def list_zones_for(country: str, shop_id: int | None = None) -> list[ShippingZone]:
    """The zones that ship to `country` for the shop (None: marketplace).

    One query. Raises:
        InvalidShippingRequest: `country` is not an ISO 3166-1 alpha-2 code.
    """
    code = normalise_country(country)
    owners = Q(shop__isnull=True)
    if shop_id is not None:
        owners |= Q(shop_id=shop_id)
    zones = ShippingZone.objects.filter(owners).only(
        "id", "shop_id", "countries", "is_rest_of_world"
    )
    return _matching_zones(zones.order_by("pk"), code, shop_id)


def _bracket(bracket: ShippingRateBracket, currency: str) -> RateBracket:
    return RateBracket(
        lower=bracket.lower_bound,
        upper=bracket.upper_bound,
        price=Money(bracket.price_amount, currency),
    )


def load_method(method: ShippingMethod, *, shop_id: int | None) -> LoadedMethod:
    """A method row (brackets prefetched) as the pure quoting code reads it."""
    return LoadedMethod(
        id=method.pk,
        name=method.name,
        kind=method.kind,
        currency=method.currency,
        price=method.price,
        free_above=method.free_above,
        brackets=tuple(
            _bracket(bracket, method.currency) for bracket in method.brackets.all()
        ),
        min_days=method.min_delivery_days,
        max_days=method.max_delivery_days,
        description=method.description,
        zone_id=method.zone_id,
        shop_id=shop_id,
    )


def list_methods_for(
    country: str, currency: str, shop_id: int | None = None
) -> list[LoadedMethod]:
    """The active methods shipping to `country` in `currency`, in display order.

    Three queries (zones, methods, brackets) whatever the number of
    methods; one when no zone ships there. Methods sort by position, then
    creation.

    Raises:
        InvalidShippingRequest: unknown country code.
        InvalidCurrency: unknown currency code.
    """
    check_currency(currency)
    zones = list_zones_for(country, shop_id)
    if not zones:
        return []
    owner_by_zone = {zone.pk: zone.shop_id for zone in zones}
    methods = (
        ShippingMethod.objects.filter(
            zone_id__in=owner_by_zone, is_active=True, currency=currency
        )
        .order_by("position", "pk")
        .prefetch_related(
            Prefetch(
                "brackets",
                queryset=ShippingRateBracket.objects.order_by("lower_bound", "pk"),
            )
        )
    )
    return [
        load_method(method, shop_id=owner_by_zone[method.zone_id]) for method in methods
    ]
