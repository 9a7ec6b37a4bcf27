"""Writing reviews: one per author and subject, checks, edits, deletes."""

import pytest

from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.constants import ProductStatus
from emporium.catalog.errors import ProductNotFound
from emporium.core.models import OutboxEvent
from emporium.reviews.constants import (
    REVIEW_DELETED,
    REVIEW_PUBLISHED,
    REVIEW_SUBMITTED,
    REVIEW_UPDATED,
    ReviewStatus,
)
from emporium.reviews.errors import InvalidReview, ReviewAlreadyExists, ReviewNotFound
from emporium.reviews.models import Review, ReviewStatusEvent
from emporium.reviews.services import (
    create_review,
    delete_review,
    hide_review,
    update_review,
)
from emporium.reviews.tests.factories import review
from emporium.vendors.constants import ShopStatus
from emporium.vendors.errors import ShopNotFound
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def _events(name: str) -> list[dict]:
    return list(OutboxEvent.objects.filter(name=name).values_list("payload", flat=True))


def test_a_new_review_is_published_at_once_by_default(product, buyer):
    written = create_review(
        author=buyer, product_id=product.pk, rating=4, title="Good", body="Fine."
    )

    assert written.status == ReviewStatus.PUBLISHED
    assert (written.rating, written.title, written.body) == (4, "Good", "Fine.")
    assert _events(REVIEW_PUBLISHED) == [
        {
            "review_id": written.pk,
            "product_id": product.pk,
            "shop_id": None,
            "rating": 4,
            "status": "published",
        }
    ]


def test_a_new_review_waits_for_staff_when_reviews_are_moderated_first(
    settings, product, buyer
):
    settings.REVIEWS_PUBLISH_IMMEDIATELY = False

    written = create_review(author=buyer, product_id=product.pk, rating=4)

    assert written.status == ReviewStatus.PENDING
    assert len(_events(REVIEW_SUBMITTED)) == 1
    assert _events(REVIEW_PUBLISHED) == []


def test_a_second_review_of_the_same_product_is_refused(product, buyer):
    first = create_review(author=buyer, product_id=product.pk, rating=4)

    with pytest.raises(ReviewAlreadyExists) as refused:
        create_review(author=buyer, product_id=product.pk, rating=1)

    assert refused.value.code == "review_exists"
    assert refused.value.status_code == 409
    assert refused.value.extra == {"review_id": first.pk}
    assert Review.objects.get().rating == 4


def test_a_second_review_of_the_same_shop_is_refused(product, buyer):
    create_review(author=buyer, shop_id=product.shop_id, rating=4)

    with pytest.raises(ReviewAlreadyExists):
        create_review(author=buyer, shop_id=product.shop_id, rating=2)


def test_an_author_may_review_a_product_and_its_shop_and_others_the_same(
    product, buyer, other
):
    create_review(author=buyer, product_id=product.pk, rating=4)
    create_review(author=buyer, shop_id=product.shop_id, rating=3)
    create_review(author=other, product_id=product.pk, rating=2)

    assert Review.objects.count() == 3


@pytest.mark.parametrize("rating", [0, 6, -1, "5"])
def test_a_rating_outside_one_to_five_is_refused(product, buyer, rating):
    with pytest.raises(InvalidReview) as refused:
        create_review(author=buyer, product_id=product.pk, rating=rating)

    assert refused.value.code == "invalid_review"
    assert set(refused.value.fields) == {"rating"}
    assert not Review.objects.exists()


def test_a_title_or_text_too_long_is_refused_naming_both(product, buyer):
    with pytest.raises(InvalidReview) as refused:
        create_review(
            author=buyer,
            product_id=product.pk,
            rating=3,
            title="t" * 121,
            body="b" * 5001,
        )

    assert set(refused.value.fields) == {"title", "body"}


def test_a_review_needs_exactly_one_subject(product, buyer):
    with pytest.raises(InvalidReview):
        create_review(author=buyer, rating=3)
    with pytest.raises(InvalidReview):
        create_review(
            author=buyer, product_id=product.pk, shop_id=product.shop_id, rating=3
        )


def test_an_archived_product_cannot_be_reviewed(product, buyer):
    product.status = ProductStatus.ARCHIVED
    product.save()

    with pytest.raises(ProductNotFound):
        create_review(author=buyer, product_id=product.pk, rating=5)


def test_a_suspended_shop_cannot_be_reviewed(buyer):
    shop = ShopFactory(status=ShopStatus.SUSPENDED)

    with pytest.raises(ShopNotFound):
        create_review(author=buyer, shop_id=shop.pk, rating=5)


def test_review_text_is_stored_as_plain_text_without_control_characters(product, buyer):
    written = create_review(
        author=buyer,
        product_id=product.pk,
        rating=5,
        title="  Great\tlamp \n ",
        body="<script>alert(1)</script>\r\nSecond line\x00\x07",
    )

    assert written.title == "Great lamp"
    # HTML stays text (escaped wherever it is shown); newlines normalised.
    assert written.body == "<script>alert(1)</script>\nSecond line"


def test_the_author_edits_their_review(product, buyer):
    written = review(product=product, author=buyer, rating=2, title="Meh")

    edited = update_review(review_id=written.pk, author=buyer, rating=4)

    assert (edited.rating, edited.title) == (4, "Meh")
    assert len(_events(REVIEW_UPDATED)) == 1


def test_another_user_cannot_edit_or_delete_a_review(product, buyer, other):
    written = review(product=product, author=buyer)

    with pytest.raises(ReviewNotFound) as refused:
        update_review(review_id=written.pk, author=other, rating=1)
    with pytest.raises(ReviewNotFound):
        delete_review(review_id=written.pk, author=other)

    assert refused.value.code == "review_not_found"
    assert Review.objects.get().rating == 5


def test_an_edit_under_moderation_first_waits_for_staff_again(settings, product, buyer):
    written = review(product=product, author=buyer)
    settings.REVIEWS_PUBLISH_IMMEDIATELY = False

    edited = update_review(review_id=written.pk, author=buyer, body="Changed.")

    assert edited.status == ReviewStatus.PENDING
    step = ReviewStatusEvent.objects.get()
    assert (step.from_status, step.to_status, step.actor) == (
        "published",
        "pending",
        buyer,
    )


def test_editing_a_hidden_review_keeps_it_hidden(product, buyer):
    written = review(product=product, author=buyer)
    hide_review(review_id=written.pk, actor=UserFactory(is_staff=True))

    edited = update_review(review_id=written.pk, author=buyer, body="Please?")

    assert edited.status == ReviewStatus.HIDDEN


def test_the_author_deletes_their_review(product, buyer):
    written = review(product=product, author=buyer)

    delete_review(review_id=written.pk, author=buyer)

    assert not Review.objects.exists()
    assert [e["review_id"] for e in _events(REVIEW_DELETED)] == [written.pk]


def test_a_deleted_review_may_be_written_again(product, buyer):
    written = review(product=product, author=buyer)
    delete_review(review_id=written.pk, author=buyer)

    again = create_review(author=buyer, product_id=product.pk, rating=3)

    assert again.rating == 3


def test_a_deleted_account_leaves_its_review_shown_as_a_customer(product, buyer):
    written = review(product=product, author=buyer)

    buyer.delete()

    written.refresh_from_db()
    assert written.author is None
    assert written.author_name == "A customer"


def test_the_author_is_shown_by_first_name_and_last_initial(product):
    written = review(
        product=product, author=UserFactory(first_name="Ada", last_name="Lovelace")
    )

    assert written.author_name == "Ada L."
