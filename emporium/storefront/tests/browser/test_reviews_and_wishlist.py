"""A buyer in a real browser: saves a product with the heart (htmx), finds
it in the wishlist, and writes a review in place on the product page."""

import pytest
from playwright.sync_api import expect

from emporium.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from emporium.reviews.models import Review
from emporium.storefront.tests.builders import listed_product
from emporium.wishlists.models import WishlistItem

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def lamp():
    return listed_product(title="Brass Lamp")


def _sign_in(page, user, next_url: str) -> None:
    page.goto(f"/account/login/?next={next_url}")
    page.locator("input[name=email]").fill(user.email)
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{next_url}")


def test_the_heart_saves_in_place_and_the_wishlist_lists_it(page, lamp):
    buyer = UserFactory()
    _sign_in(page, buyer, f"/p/{lamp.slug}/")
    heart = page.locator(f"[data-heart='product-{lamp.pk}']")
    expect(heart).to_have_attribute("aria-pressed", "false")

    heart.click()

    expect(heart).to_have_attribute("aria-pressed", "true")
    assert WishlistItem.objects.filter(user=buyer, product=lamp).exists()
    # The page draws it unsaved; the saved state loads after the page.
    page.reload()
    expect(heart).to_have_attribute("aria-pressed", "true")

    page.goto("/account/wishlist/")
    expect(page.get_by_role("link", name="Brass Lamp")).to_be_visible()
    page.locator(f"[data-heart='product-{lamp.pk}']").click()
    expect(page.locator(f"[data-heart='product-{lamp.pk}']")).to_have_attribute(
        "aria-pressed", "false"
    )
    assert not WishlistItem.objects.exists()


def test_a_review_is_written_in_place_and_its_text_never_runs(page, lamp):
    buyer = UserFactory(first_name="Ada", last_name="Lovelace")
    _sign_in(page, buyer, f"/p/{lamp.slug}/")
    form = page.locator("#review-form")
    expect(form.get_by_role("heading", name="Write a review")).to_be_visible()

    form.get_by_label("5 stars: excellent").check()
    form.get_by_label("Title").fill("Bright and warm")
    form.get_by_label("Your review").fill("<script>window.pwned = 1</script>")
    form.get_by_role("button", name="Post review").click()

    expect(page.get_by_text("Thank you: your review is published.")).to_be_visible()
    section = page.locator("#review-section")
    expect(section.get_by_text("Bright and warm")).to_be_visible()
    expect(section.get_by_text("<script>window.pwned = 1</script>")).to_be_visible()
    expect(section.locator("[data-rating-average]")).to_have_text("5.0")
    assert page.evaluate("window.pwned") is None
    assert Review.objects.get().author == buyer
