"""Rating summaries stay exact through every write, in the same transaction."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from emporium.accounts.tests.factories import UserFactory
from emporium.reviews.models import ProductRating, Review, ShopRating
from emporium.reviews.selectors import get_product_rating, get_shop_rating
from emporium.reviews.services import (
    create_review,
    delete_review,
    hide_review,
    publish_review,
    update_review,
)
from emporium.reviews.summaries import average_rating
from emporium.reviews.tests.factories import review, reviewable_product

pytestmark = pytest.mark.django_db


def _summary(product) -> tuple:
    row = ProductRating.objects.get(product=product)
    return row.review_count, row.average, row.distribution()


def _recounted(product) -> tuple:
    """The summary as a count of the rows would give it."""
    ratings = list(
        Review.objects.published()
        .filter(product=product)
        .values_list("rating", flat=True)
    )
    counts = {stars: ratings.count(stars) for stars in range(5, 0, -1)}
    return len(ratings), average_rating(counts), counts


@pytest.mark.parametrize(
    ("ratings", "average"),
    [
        ([5], "5.0"),
        ([3], "3.0"),
        ([5, 4], "4.5"),
        ([4, 4, 5], "4.3"),  # 4.333...
        ([5, 5, 4], "4.7"),  # 4.666...
        ([1, 2], "1.5"),
        ([1, 1, 1, 2], "1.3"),  # 1.25 rounds half up
        ([5] * 9 + [4] * 11, "4.5"),  # 4.45 rounds half up
    ],
)
def test_the_average_is_rounded_half_up_to_one_decimal(ratings, average):
    counts = {stars: ratings.count(stars) for stars in set(ratings)}

    assert average_rating(counts) == Decimal(average)


def test_no_reviews_have_no_average():
    assert average_rating({}) is None


def test_the_summary_counts_each_new_review(product):
    for rating in (5, 4, 4, 1):
        review(product=product, rating=rating)

    assert _summary(product) == (4, Decimal("3.5"), {5: 1, 4: 2, 3: 0, 2: 0, 1: 1})


def test_the_summary_follows_an_edited_rating(product, buyer):
    review(product=product, rating=5)
    mine = review(product=product, author=buyer, rating=5)

    update_review(review_id=mine.pk, author=buyer, rating=1)

    assert _summary(product) == (2, Decimal("3.0"), {5: 1, 4: 0, 3: 0, 2: 0, 1: 1})


def test_a_deleted_review_leaves_the_summary(product, buyer):
    review(product=product, rating=2)
    mine = review(product=product, author=buyer, rating=5)

    delete_review(review_id=mine.pk, author=buyer)

    assert _summary(product) == (1, Decimal("2.0"), {5: 0, 4: 0, 3: 0, 2: 1, 1: 0})


def test_hiding_takes_a_review_out_and_publishing_brings_it_back(product):
    review(product=product, rating=5)
    bad = review(product=product, rating=1)
    staff = UserFactory(is_staff=True)

    hide_review(review_id=bad.pk, actor=staff, reason="Spam")
    assert _summary(product) == (1, Decimal("5.0"), {5: 1, 4: 0, 3: 0, 2: 0, 1: 0})

    publish_review(review_id=bad.pk, actor=staff)
    assert _summary(product)[:2] == (2, Decimal("3.0"))


def test_a_pending_review_does_not_count_until_published(settings, product):
    settings.REVIEWS_PUBLISH_IMMEDIATELY = False
    waiting = review(product=product, rating=1)

    assert get_product_rating(product_id=product.pk).count == 0

    publish_review(review_id=waiting.pk, actor=UserFactory(is_staff=True))
    assert get_product_rating(product_id=product.pk).count == 1


def test_the_last_review_hidden_leaves_no_average(product):
    only = review(product=product, rating=4)

    hide_review(review_id=only.pk, actor=None)

    rating = get_product_rating(product_id=product.pk)
    assert (rating.count, rating.average, rating.has_reviews) == (0, None, False)


def test_the_summary_equals_a_recount_after_any_mix_of_writes(product):
    authors = UserFactory.create_batch(6)
    written = [
        review(product=product, author=author, rating=1 + i % 5)
        for i, author in enumerate(authors)
    ]
    update_review(review_id=written[0].pk, author=authors[0], rating=5)
    hide_review(review_id=written[1].pk, actor=None)
    delete_review(review_id=written[2].pk, author=authors[2])
    publish_review(review_id=written[1].pk, actor=None)
    hide_review(review_id=written[3].pk, actor=None)
    update_review(review_id=written[3].pk, author=authors[3], rating=2)

    assert _summary(product) == _recounted(product)


def test_shop_reviews_have_their_own_summary(product):
    review(shop=product.shop, rating=4)
    review(shop=product.shop, rating=3)
    review(product=product, rating=1)

    shop_rating = get_shop_rating(shop_id=product.shop_id)
    assert (shop_rating.count, shop_rating.average) == (2, Decimal("3.5"))
    assert ShopRating.objects.get(shop=product.shop).stars_4 == 1
    assert get_product_rating(product_id=product.pk).count == 1


def test_rating_bars_give_each_star_its_share():
    product = reviewable_product()
    for rating in (5, 5, 5, 2):
        review(product=product, rating=rating)

    bars = get_product_rating(product_id=product.pk).bars

    assert [(b.stars, b.count, b.percent) for b in bars] == [
        (5, 3, 75),
        (4, 0, 0),
        (3, 0, 0),
        (2, 1, 25),
        (1, 0, 0),
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_reviews_written_at_the_same_moment_all_count():
    """Eight buyers review one product at once: the summary row lock queues
    them, so each recount sees the others (PostgreSQL: real row locks)."""
    product = reviewable_product()
    authors = UserFactory.create_batch(8)
    barrier = threading.Barrier(len(authors))
    failures = []

    def write(author, rating):
        try:
            barrier.wait()
            create_review(author=author, product_id=product.pk, rating=rating)
        except Exception as exc:  # collected: a thread cannot fail the test
            failures.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=write, args=(author, 1 + i % 5))
        for i, author in enumerate(authors)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert _summary(product) == _recounted(product)
    assert _summary(product)[0] == 8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_author_posting_twice_at_once_gets_one_review():
    """A double submit: the lock and the unique constraint leave one review,
    the other attempt is refused with `review_exists`."""
    product = reviewable_product()
    author = UserFactory()
    barrier = threading.Barrier(2)
    outcomes = []

    def write():
        try:
            barrier.wait()
            create_review(author=author, product_id=product.pk, rating=5)
            outcomes.append("created")
        except Exception as exc:  # collected: a thread cannot fail the test
            outcomes.append(getattr(exc, "code", repr(exc)))
        finally:
            connection.close()

    threads = [threading.Thread(target=write) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["created", "review_exists"]
    assert _summary(product)[0] == 1
