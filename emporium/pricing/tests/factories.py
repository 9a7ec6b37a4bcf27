"""Factories for tax rates and vouchers, and a builder of priced lines."""

from decimal import Decimal

import factory

from emporium.catalog.constants import TaxClass
from emporium.core.money import Money
from emporium.pricing.constants import VoucherKind
from emporium.pricing.lines import PricedLine
from emporium.pricing.models import TaxRate, Voucher


class TaxRateFactory(factory.django.DjangoModelFactory):
    """German standard VAT unless told otherwise."""

    class Meta:
        model = TaxRate

    country = "DE"
    region = ""
    tax_class = TaxClass.STANDARD
    rate = Decimal("19.00")
    name = factory.LazyAttribute(lambda row: f"VAT {row.rate.normalize()}%")


class VoucherFactory(factory.django.DjangoModelFactory):
    """An active 10 % voucher on the whole cart, no limits, EUR."""

    class Meta:
        model = Voucher
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"SAVE{n:04d}")
    kind = VoucherKind.PERCENTAGE
    value = Decimal("10")
    currency = "EUR"

    @factory.post_generation
    def products(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.products.set(extracted)

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.categories.set(extracted)

    @factory.post_generation
    def shops(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.shops.set(extracted)


def make_line(
    unit: str,
    quantity: int = 1,
    *,
    currency: str = "EUR",
    rate: str = "19",
    inclusive: bool = True,
    offer_id: int = 1,
    shop_id: int = 1,
    product_id: int = 1,
    category_ids: frozenset[int] | set[int] = frozenset(),
) -> PricedLine:
    """A priced line without the database: strings in, exact Decimals."""
    return PricedLine(
        offer_id=offer_id,
        shop_id=shop_id,
        product_id=product_id,
        category_ids=frozenset(category_ids),
        unit_price=Money(unit, currency),
        quantity=quantity,
        tax_rate=Decimal(rate),
        prices_include_tax=inclusive,
    )
