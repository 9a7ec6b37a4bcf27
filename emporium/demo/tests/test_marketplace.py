"""The marketplace part of the demo: branches, reviews, a vendor who logs in."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from emporium.reviews.constants import ReviewStatus
from emporium.reviews.models import ProductRating, Review, ShopRating
from emporium.vendors.constants import ShopStatus
from emporium.vendors.models import Shop

pytestmark = pytest.mark.django_db


def load(**options) -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, products=30, images=0, **options)
    return out.getvalue()


def test_every_approved_shop_gets_two_branches_with_coordinates():
    load()

    for shop in Shop.objects.filter(status=ShopStatus.APPROVED):
        branches = list(shop.branches.all())
        assert len(branches) == 2
        assert all(b.latitude is not None and b.longitude is not None for b in branches)
        assert all(b.opening_hours["mon"] for b in branches)


def test_reviews_are_published_and_the_ratings_add_up():
    load()

    published = Review.objects.filter(status=ReviewStatus.PUBLISHED)
    assert published.filter(product__isnull=False).exists()
    assert published.filter(shop__isnull=False).count() >= 5
    for summary in ProductRating.objects.filter(review_count__gt=0):
        assert (
            summary.review_count
            == published.filter(product_id=summary.product_id).count()
        )
    assert ShopRating.objects.filter(review_count__gt=0).count() == 5


def test_reviews_are_published_when_moderation_comes_first(settings):
    settings.REVIEWS_PUBLISH_IMMEDIATELY = False

    load()

    assert not Review.objects.filter(status=ReviewStatus.PENDING).exists()


def test_the_demo_vendor_logs_in_to_the_dashboard(client):
    out = load()

    email, password = re.search(r"Demo vendor: (\S+) / (\S+)", out).groups()
    assert client.login(email=email, password=password)
    response = client.get(reverse("dashboard:home"), follow=True)
    assert response.status_code == 200
    assert Shop.objects.get(owner__email=email).name in response.text


def test_a_second_run_reviews_only_its_new_products_and_keeps_the_login():
    first = load()
    shop_reviews = Review.objects.filter(shop__isnull=False).count()
    per_product = dict(ProductRating.objects.values_list("product_id", "review_count"))
    branches = Shop.objects.filter(branches__isnull=False).count()

    second = load()

    assert Review.objects.filter(shop__isnull=False).count() == shop_reviews
    for product_id, count in per_product.items():
        assert Review.objects.filter(product_id=product_id).count() == count
    assert Shop.objects.filter(branches__isnull=False).count() == branches
    login = re.compile(r"Demo vendor: (\S+) / (\S+)")
    assert login.search(first).groups() == login.search(second).groups()


def test_demo_logins_prints_the_vendor_login_after_a_load():
    load()
    out = StringIO()

    call_command("demo_logins", stdout=out)

    assert "Demo vendor:" in out.getvalue()
    assert "/vendor/" in out.getvalue()


def test_demo_logins_makes_the_login_work_again_for_this_database():
    load()
    shop = Shop.objects.get(slug="northwind-outfitters")
    shop.owner.set_password("changed-elsewhere-123")
    shop.owner.save()
    out = StringIO()

    call_command("demo_logins", stdout=out)

    email, password = re.search(r"Demo vendor: (\S+) / (\S+)", out.getvalue()).groups()
    shop.owner.refresh_from_db()
    assert email == shop.owner.email
    assert shop.owner.check_password(password)


def test_demo_logins_prints_nothing_without_demo_data():
    out = StringIO()

    call_command("demo_logins", stdout=out)

    assert out.getvalue() == ""
