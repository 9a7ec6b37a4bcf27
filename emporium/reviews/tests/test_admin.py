"""Staff moderate reviews in the admin, through the services."""

import pytest
from django.urls import reverse

from emporium.accounts.tests.factories import UserFactory
from emporium.reviews.constants import ReviewStatus
from emporium.reviews.models import Review
from emporium.reviews.selectors import get_product_rating
from emporium.reviews.tests.factories import review

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:reviews_review_changelist"


@pytest.fixture
def staff(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def _act(client, action: str, *reviews):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [r.pk for r in reviews]},
        follow=True,
    )


def test_the_review_pages_open_read_only_with_their_history(client, staff, product):
    written = review(product=product, title="Fine lamp")

    listing = client.get(reverse(CHANGELIST))
    page = client.get(reverse("admin:reviews_review_change", args=[written.pk]))

    assert listing.status_code == page.status_code == 200
    assert "Fine lamp" in page.text
    assert 'name="rating"' not in page.text  # read only: no input
    assert "Delete" not in page.text


def test_hiding_from_the_admin_uncounts_and_records_the_staff_member(
    client, staff, product
):
    kept, spam = review(product=product, rating=5), review(product=product, rating=1)

    response = _act(client, "hide_reviews", spam)

    assert "1 review(s) hidden." in response.text
    assert Review.objects.get(pk=spam.pk).status == ReviewStatus.HIDDEN
    assert spam.status_events.get().actor == staff
    assert get_product_rating(product_id=product.pk).count == 1
    assert Review.objects.get(pk=kept.pk).status == ReviewStatus.PUBLISHED


def test_a_refused_move_is_a_warning_and_the_others_go_ahead(client, staff, product):
    published, hidden = review(product=product), review(product=product)
    _act(client, "hide_reviews", hidden)

    response = _act(client, "publish_reviews", published, hidden)

    assert "cannot move from published to published" in response.text
    assert "1 review(s) published." in response.text
    assert Review.objects.get(pk=hidden.pk).status == ReviewStatus.PUBLISHED
