"""Moderation: the allowed moves, their history, and the one writer."""

import re
from pathlib import Path

import pytest

from emporium.accounts.tests.factories import UserFactory
from emporium.core.models import OutboxEvent
from emporium.reviews.constants import REVIEW_HIDDEN, REVIEW_PUBLISHED, ReviewStatus
from emporium.reviews.errors import InvalidTransition, ReviewNotFound
from emporium.reviews.services import hide_review, publish_review
from emporium.reviews.states import ALLOWED, can_transition, transition_review
from emporium.reviews.tests.factories import review

pytestmark = pytest.mark.django_db

S = ReviewStatus


@pytest.mark.parametrize(
    ("start", "to", "allowed"),
    [
        (S.PENDING, S.PUBLISHED, True),
        (S.PENDING, S.HIDDEN, True),
        (S.PUBLISHED, S.HIDDEN, True),
        (S.PUBLISHED, S.PENDING, True),
        (S.HIDDEN, S.PUBLISHED, True),
        (S.HIDDEN, S.PENDING, False),
        (S.HIDDEN, S.HIDDEN, False),
        (S.PUBLISHED, S.PUBLISHED, False),
    ],
)
def test_allowed_moves(start, to, allowed):
    assert can_transition(start, to) is allowed


def test_every_status_has_its_moves():
    assert set(ALLOWED) == set(ReviewStatus)


def test_hiding_records_who_and_why_and_publishes_the_event(product):
    written = review(product=product)
    staff = UserFactory(is_staff=True)

    hidden = hide_review(review_id=written.pk, actor=staff, reason="Off topic")

    assert hidden.status == S.HIDDEN
    step = hidden.status_events.get()
    assert (step.actor, step.from_status, step.to_status, step.reason) == (
        staff,
        "published",
        "hidden",
        "Off topic",
    )
    assert OutboxEvent.objects.filter(name=REVIEW_HIDDEN).count() == 1


def test_hiding_a_hidden_review_is_refused_naming_both_statuses(product):
    written = review(product=product)
    hide_review(review_id=written.pk, actor=None)

    with pytest.raises(InvalidTransition) as refused:
        hide_review(review_id=written.pk, actor=None)

    assert refused.value.code == "invalid_transition"
    assert refused.value.status_code == 409
    assert "hidden to hidden" in refused.value.message


def test_publishing_a_hidden_review_shows_it_again(product):
    written = review(product=product)
    hide_review(review_id=written.pk, actor=None)

    shown = publish_review(review_id=written.pk, actor=None)

    assert shown.status == S.PUBLISHED
    assert OutboxEvent.objects.filter(name=REVIEW_PUBLISHED).count() == 2


def test_moderating_an_unknown_review_is_not_found():
    with pytest.raises(ReviewNotFound):
        transition_review(review_id=999_999, to=S.HIDDEN, actor=None)


def test_only_the_state_machine_assigns_a_review_status():
    package = Path(__file__).resolve().parents[1]
    writers = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if "tests" not in path.parts
        and re.search(r"\.status\s*=[^=]", path.read_text())
    ]

    assert writers == ["states.py"]
