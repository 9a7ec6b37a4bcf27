"""Builders of review tests: reviewable products, purchases, reviews.

Reviews are written through the services, as every edge writes them, so
each test sees real summaries, events and badges.
"""

from emporium.accounts.models import User
from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.models import Offer, Product
from emporium.orders.models import Order
from emporium.orders.services import mark_order_paid
from emporium.orders.tests.factories import place, stocked_offer
from emporium.reviews.models import Review
from emporium.reviews.services import create_review
from emporium.vendors.models import Shop


def reviewable_product(**offer_options) -> Product:
    """A visible product (one stocked offer of its own shop)."""
    return stocked_offer(**offer_options).variant.product


def offer_of(product: Product) -> Offer:
    return Offer.objects.filter(variant__product=product).order_by("pk").first()


def buy(buyer: User, product: Product, *, paid: bool = True) -> Order:
    """An order of one unit of `product` by `buyer`, paid unless told not."""
    order = place([(offer_of(product), 1)], customer=buyer)
    if paid:
        order = mark_order_paid(order_id=order.pk, actor=None)
    return order


def review(
    *,
    product: Product | None = None,
    shop: Shop | None = None,
    author: User | None = None,
    rating: int = 5,
    **fields,
) -> Review:
    """A review through `create_review` (by a new user unless told)."""
    return create_review(
        author=author or UserFactory(),
        product_id=product.pk if product else None,
        shop_id=shop.pk if shop else None,
        rating=rating,
        **fields,
    )
