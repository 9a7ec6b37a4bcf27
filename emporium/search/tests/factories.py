"""Building indexed products for search tests."""

from decimal import Decimal

from emporium.catalog.models import Product
from emporium.catalog.tests.factories import OfferFactory, ProductFactory
from emporium.inventory.tests.factories import StockFactory
from emporium.search.services import reindex_products


def make_product(
    *,
    price: str = "19.99",
    quantity: int = 10,
    offer_kwargs: dict | None = None,
    **product_kwargs,
) -> Product:
    """An active product with one offer (priced) and stock (`quantity`)."""
    product = ProductFactory(**product_kwargs)
    offer = OfferFactory(
        variant__product=product, price_amount=Decimal(price), **(offer_kwargs or {})
    )
    StockFactory(offer=offer, quantity_on_hand=quantity)
    return product


def index(*products: Product) -> None:
    reindex_products(product_ids=[p.pk for p in products])
