"""Storefront review pages: the form (htmx and plain), edits, deletes, lists."""

import pytest
from django.test import Client
from django.urls import reverse

from emporium.reviews.models import Review
from emporium.reviews.tests.factories import review

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", "HX-Current-URL": "http://testserver/p/x/"}


def _form_url(product) -> str:
    return reverse("reviews:product-form", args=[product.slug])


def test_anonymous_visitors_sign_in_first_and_come_back_to_the_form(client, product):
    response = client.get(_form_url(product))

    assert response.status_code == 302
    assert response["Location"] == (
        f"{reverse('accounts:login')}?next=/p/{product.slug}/review/"
    )


def test_an_anonymous_htmx_request_is_sent_to_sign_in_in_the_window(client, product):
    response = client.get(_form_url(product), headers=HTMX)

    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:login"))


def test_the_form_loads_as_a_fragment_for_htmx(client, buyer, product):
    client.force_login(buyer)

    response = client.get(_form_url(product), headers=HTMX)

    assert response.text.lstrip().startswith('<div id="review-form"')
    assert "Write a review" in response.text
    assert "csrfmiddlewaretoken" in response.text
    assert "no-cache" in response["Cache-Control"]


def test_a_plain_post_writes_the_review_and_goes_back_to_the_product(
    client, buyer, product
):
    client.force_login(buyer)

    response = client.post(
        _form_url(product), {"rating": "4", "title": "Solid", "body": "Works."}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/p/{product.slug}/#reviews"
    written = Review.objects.get()
    assert (written.author, written.rating, written.title) == (buyer, 4, "Solid")
    page = client.get(response["Location"])
    assert "Thank you: your review is published." in page.text


def test_an_htmx_post_answers_the_note_and_reloads_the_section(client, buyer, product):
    client.force_login(buyer)

    response = client.post(_form_url(product), {"rating": "5"}, headers=HTMX)

    assert response["HX-Trigger"] == "reviews-changed"
    assert "Thank you: your review is published." in response.text
    assert Review.objects.count() == 1


def test_the_form_needs_a_rating(client, buyer, product):
    client.force_login(buyer)

    response = client.post(_form_url(product), {"body": "No stars"}, headers=HTMX)

    assert "Choose a rating from 1 to 5 stars." in response.text
    assert not Review.objects.exists()


def test_the_form_needs_the_csrf_token(buyer, product):
    client = Client(enforce_csrf_checks=True)
    client.force_login(buyer)

    response = client.post(_form_url(product), {"rating": "5"})

    assert response.status_code == 403
    assert not Review.objects.exists()


def test_an_author_with_a_review_gets_it_to_edit(client, buyer, product):
    written = review(product=product, author=buyer, rating=3, title="Okay")
    client.force_login(buyer)

    html = client.get(_form_url(product)).text

    assert reverse("reviews:edit", args=[written.pk]) in html
    assert 'value="Okay"' in html
    assert "Delete my review" in html


def test_a_second_post_is_refused_with_the_services_message(client, buyer, product):
    review(product=product, author=buyer, rating=3)
    client.force_login(buyer)

    response = client.post(_form_url(product), {"rating": "1"}, headers=HTMX)

    assert "You have already reviewed this product" in response.text
    assert Review.objects.get().rating == 3


def test_the_author_edits_through_the_edit_route(client, buyer, product):
    written = review(product=product, author=buyer, rating=3)
    client.force_login(buyer)

    response = client.post(
        reverse("reviews:edit", args=[written.pk]), {"rating": "5", "body": "Better"}
    )

    assert response.status_code == 302
    written.refresh_from_db()
    assert (written.rating, written.body) == (5, "Better")


@pytest.mark.parametrize("route", ["reviews:edit", "reviews:delete"])
def test_another_users_review_is_404(client, buyer, other, product, route):
    written = review(product=product, author=buyer, rating=3)
    client.force_login(other)

    response = client.post(reverse(route, args=[written.pk]), {"rating": "1"})

    assert response.status_code == 404
    assert Review.objects.get().rating == 3


def test_the_author_deletes_their_review(client, buyer, product):
    written = review(product=product, author=buyer)
    client.force_login(buyer)

    response = client.post(reverse("reviews:delete", args=[written.pk]), headers=HTMX)

    assert response["HX-Trigger"] == "reviews-changed"
    assert "Write a review" in response.text
    assert not Review.objects.exists()


def test_a_shop_review_through_the_form(client, buyer, product):
    client.force_login(buyer)

    response = client.post(
        reverse("reviews:shop-form", args=[product.shop.slug]), {"rating": "2"}
    )

    assert response["Location"] == f"/shops/{product.shop.slug}/#reviews"
    assert Review.objects.get().shop == product.shop


def test_the_review_list_pages_as_a_page_and_as_a_fragment(client, product):
    for number in range(12):
        review(product=product, title=f"Review number {number}")
    url = reverse("reviews:product-list", args=[product.slug])

    page = client.get(url, {"page": 2})
    fragment = client.get(url, {"page": 2}, headers=HTMX)

    assert "Reviews of" in page.text
    assert "Review number 1" in page.text
    assert "Review number 11" not in page.text
    assert fragment.text.lstrip().startswith('<div id="review-section"')


def test_the_review_list_of_an_unknown_product_is_404(client):
    response = client.get(reverse("reviews:product-list", args=["no-such-thing"]))

    assert response.status_code == 404


def test_a_review_text_with_html_is_escaped_in_the_list(client, product):
    review(product=product, body="<script>alert(1)</script>")

    html = client.get(reverse("reviews:product-list", args=[product.slug])).text

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
