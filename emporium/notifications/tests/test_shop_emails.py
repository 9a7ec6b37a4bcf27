"""Shop emails: the owner hears of each decision, invitees get their link."""

import re

import pytest
from django.core import mail

from emporium.accounts.tests.factories import UserFactory
from emporium.vendors.constants import ShopStatus
from emporium.vendors.services import (
    ShopProfile,
    apply_for_shop,
    approve_shop,
    create_shop,
    invite_shop_staff,
    reinstate_shop,
    reject_shop,
    resubmit_shop_application,
    revoke_shop_invitation,
    suspend_shop,
)
from emporium.vendors.tests.factories import ShopFactory
from emporium.vendors.tokens import hash_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run a service and deliver its events (as the outbox task does)."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


@pytest.fixture
def owner():
    return UserFactory(email="olga@example.com", first_name="Olga")


def _html(message) -> str:
    return message.alternatives[0][0]


def test_applying_sends_application_received_after_commit(
    django_capture_on_commit_callbacks, owner
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        apply_for_shop(
            user=owner, profile=ShopProfile(name="Owl & Co"), accepts_commission=True
        )
    assert mail.outbox == []

    for callback in callbacks:
        callback()

    (message,) = mail.outbox
    assert message.to == ["olga@example.com"]
    assert message.subject == "We received your application for Owl & Co"
    assert "Hello Olga," in message.body
    assert "commission of 10.00%" in message.body
    assert "http://testserver/sell/owl-co/" in message.body
    assert "Owl &amp; Co" in _html(message)


def test_approval_email_links_to_the_dashboard(run, owner):
    shop = ShopFactory(owner=owner, status=ShopStatus.PENDING, name="Owl")

    run(approve_shop, shop_id=shop.pk, actor=None)

    (message,) = mail.outbox
    assert message.subject == "Owl is open on Emporium"
    assert "http://testserver/vendor/" in message.body
    assert "http://testserver/vendor/" in _html(message)


def test_rejection_email_carries_the_reason_and_the_resubmit_link(run, owner):
    shop = ShopFactory(owner=owner, status=ShopStatus.PENDING, name="Owl")

    run(reject_shop, shop_id=shop.pk, actor=None, reason="Logo <missing> & more")

    (message,) = mail.outbox
    assert message.subject == "Your application for Owl was not approved"
    assert "Logo <missing> & more" in message.body
    assert "Logo &lt;missing&gt; &amp; more" in _html(message)
    assert f"http://testserver/sell/{shop.slug}/" in message.body


def test_suspension_email_carries_the_reason(run, owner):
    shop = ShopFactory(owner=owner, name="Owl")

    run(suspend_shop, shop_id=shop.pk, actor=None, reason="Counterfeit goods")

    (message,) = mail.outbox
    assert message.subject == "Owl is suspended on Emporium"
    assert "Counterfeit goods" in message.body
    assert "Orders already placed stay visible" in message.body
    assert "Counterfeit goods" in _html(message)


def test_reinstatement_has_its_own_email(run, owner):
    shop = ShopFactory(owner=owner, status=ShopStatus.SUSPENDED, name="Owl")

    run(reinstate_shop, shop_id=shop.pk, actor=None)

    (message,) = mail.outbox
    assert message.subject == "Owl is open again on Emporium"


def test_resubmitting_sends_one_application_received_email(run, owner):
    shop = ShopFactory(owner=owner, status=ShopStatus.REJECTED, name="Owl")

    run(
        resubmit_shop_application,
        shop_id=shop.pk,
        user=owner,
        profile=ShopProfile(),
        accepts_commission=True,
    )

    (message,) = mail.outbox
    assert message.subject == "We received your updated application for Owl"


def test_a_shop_opened_by_staff_sends_no_application_email(run, owner):
    run(create_shop, name="House", owner=owner)

    assert mail.outbox == []


def test_the_house_shop_without_owner_or_contact_gets_no_email(run):
    shop = ShopFactory(owner=None, status=ShopStatus.PENDING)

    run(approve_shop, shop_id=shop.pk, actor=None)

    assert mail.outbox == []


def test_invitation_email_carries_a_working_link_stored_only_hashed(run):
    shop = ShopFactory(name="Owl", owner=UserFactory(first_name="Olga", last_name="K"))

    invitation = run(
        invite_shop_staff,
        shop_id=shop.pk,
        email="ann@example.com",
        invited_by=shop.owner,
    )

    (message,) = mail.outbox
    assert message.to == ["ann@example.com"]
    assert message.subject == "Join Owl on Emporium"
    assert "Olga K invites you" in message.body
    token = re.search(r"/vendor/invitations/([^/\s]+)/", message.body)[1]
    invitation.refresh_from_db()
    assert invitation.token_hash == hash_token(token)
    assert token in _html(message)


def test_no_invitation_email_for_an_invitation_revoked_before_delivery(
    django_capture_on_commit_callbacks,
):
    shop = ShopFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitation = invite_shop_staff(
            shop_id=shop.pk, email="ann@example.com", invited_by=shop.owner
        )
    revoke_shop_invitation(
        shop_id=shop.pk, invitation_id=invitation.pk, actor=shop.owner
    )

    for callback in callbacks:
        callback()

    assert mail.outbox == []
