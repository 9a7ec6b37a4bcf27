"""The "verified purchase" badge: bought in a paid (or later) order."""

import pytest

from emporium.core.models import OutboxEvent
from emporium.orders.services import cancel_order, mark_order_paid
from emporium.reviews.constants import REVIEW_UPDATED
from emporium.reviews.models import Review
from emporium.reviews.services import create_review, update_review
from emporium.reviews.tests.factories import buy, reviewable_product

pytestmark = pytest.mark.django_db


def test_a_buyer_of_a_paid_order_gets_the_badge(product, buyer):
    buy(buyer, product)

    written = create_review(author=buyer, product_id=product.pk, rating=5)

    assert written.is_verified_purchase is True


def test_someone_who_did_not_buy_gets_no_badge(product, buyer, other):
    buy(other, product)

    written = create_review(author=buyer, product_id=product.pk, rating=5)

    assert written.is_verified_purchase is False


def test_an_unpaid_order_gives_no_badge(product, buyer):
    buy(buyer, product, paid=False)

    written = create_review(author=buyer, product_id=product.pk, rating=5)

    assert written.is_verified_purchase is False


def test_buying_another_product_gives_no_badge_for_this_one(product, buyer):
    buy(buyer, reviewable_product())

    written = create_review(author=buyer, product_id=product.pk, rating=5)

    assert written.is_verified_purchase is False


def test_a_shop_review_gets_the_badge_for_anything_bought_from_the_shop(product, buyer):
    buy(buyer, product)

    written = create_review(author=buyer, shop_id=product.shop_id, rating=4)

    assert written.is_verified_purchase is True


def test_the_badge_comes_when_the_order_is_paid_after_the_review(
    product, buyer, django_capture_on_commit_callbacks
):
    order = buy(buyer, product, paid=False)
    written = create_review(author=buyer, product_id=product.pk, rating=5)

    with django_capture_on_commit_callbacks(execute=True):
        mark_order_paid(order_id=order.pk, actor=None)

    written.refresh_from_db()
    assert written.is_verified_purchase is True
    assert OutboxEvent.objects.filter(name=REVIEW_UPDATED).count() == 1


def test_the_badge_goes_when_the_only_paid_order_is_cancelled(
    product, buyer, django_capture_on_commit_callbacks
):
    order = buy(buyer, product)
    written = create_review(author=buyer, product_id=product.pk, rating=5)

    with django_capture_on_commit_callbacks(execute=True):
        cancel_order(
            order_id=order.pk, actor=None, reason="Out of stock.", by_staff=True
        )

    written.refresh_from_db()
    assert written.is_verified_purchase is False


def test_an_edit_checks_the_badge_again(product, buyer):
    written = create_review(author=buyer, product_id=product.pk, rating=5)
    buy(buyer, product)

    edited = update_review(review_id=written.pk, author=buyer, body="Bought it now.")

    assert edited.is_verified_purchase is True
    assert Review.objects.get().is_verified_purchase is True
