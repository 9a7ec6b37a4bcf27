"""Storefront pages: /sell/ (apply), /sell/<slug>/ (status, resubmit) and
the invitation page."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from emporium.accounts.tests.factories import UserFactory
from emporium.vendors.constants import ShopMemberRole, ShopStatus
from emporium.vendors.models import Shop, ShopMember
from emporium.vendors.services import invite_shop_staff, reject_shop
from emporium.vendors.tests.factories import ShopFactory, logo_file

pytestmark = pytest.mark.django_db

APPLY = reverse("vendors:apply")


def _form(**overrides):
    data = {
        "name": "Owl Books",
        "description": "<p>Old books</p>",
        "contact_email": "owl@example.com",
        "contact_phone": "+49 30 1",
        "accept_commission": "on",
    }
    return {**data, **overrides}


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(APPLY)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_apply_page_shows_the_commission_to_accept(client):
    client.force_login(UserFactory())

    response = client.get(APPLY)

    assert response.status_code == 200
    assert b"10.00%" in response.content
    assert b'name="accept_commission"' in response.content


def test_an_unverified_user_is_asked_to_verify_first(client):
    client.force_login(UserFactory(email_verified_at=None))

    response = client.get(APPLY)

    assert b"verify your email address first" in response.content
    assert b'name="accept_commission"' not in response.content


def test_applying_opens_a_pending_shop_and_shows_its_status(
    client, django_capture_on_commit_callbacks
):
    user = UserFactory()
    client.force_login(user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(APPLY, _form(logo=logo_file()), follow=True)

    shop = Shop.objects.get(owner=user)
    assert shop.status == ShopStatus.PENDING
    assert shop.logo
    assert response.redirect_chain[-1][0] == reverse(
        "vendors:application", args=[shop.slug]
    )
    assert b"waiting for our team" in response.content
    assert [m.subject for m in mail.outbox] == [
        "We received your application for Owl Books"
    ]


def test_applying_without_accepting_the_commission_shows_the_error(client):
    client.force_login(UserFactory())

    response = client.post(APPLY, _form(accept_commission=""))

    assert response.status_code == 200
    assert b"You must accept the commission." in response.content
    assert not Shop.objects.exists()


def test_a_second_application_while_one_is_pending_is_refused(client):
    user = UserFactory()
    ShopFactory(owner=user, status=ShopStatus.PENDING, name="First")
    client.force_login(user)

    response = client.post(APPLY, _form(name="Second"))

    assert b"still waiting for a decision" in response.content
    assert Shop.objects.filter(owner=user).count() == 1


def test_a_rejected_application_shows_the_reason_and_can_be_resubmitted(client):
    user = UserFactory()
    shop = ShopFactory(owner=user, status=ShopStatus.PENDING, name="Owl")
    reject_shop(shop_id=shop.pk, actor=None, reason="Add a contact phone.")
    client.force_login(user)
    url = reverse("vendors:application", args=[shop.slug])

    page = client.get(url)
    response = client.post(url, _form(name="Owl", contact_phone="+49 1"))

    assert b"Add a contact phone." in page.content
    assert response.status_code == 302
    shop.refresh_from_db()
    assert (shop.status, shop.contact_phone) == (ShopStatus.PENDING, "+49 1")


def test_another_users_application_is_not_found(client):
    shop = ShopFactory(status=ShopStatus.REJECTED)
    client.force_login(UserFactory())

    response = client.get(reverse("vendors:application", args=[shop.slug]))

    assert response.status_code == 404


def test_a_staff_member_cannot_see_the_application_page(client):
    shop = ShopFactory(status=ShopStatus.REJECTED)
    member = ShopMember.objects.create(
        shop=shop, user=UserFactory(), role=ShopMemberRole.STAFF
    )
    client.force_login(member.user)

    response = client.get(reverse("vendors:application", args=[shop.slug]))

    assert response.status_code == 404


# --- Invitations ----------------------------------------------------------------


@pytest.fixture
def invitation_link(django_capture_on_commit_callbacks):
    shop = ShopFactory(name="Owl Books")
    with django_capture_on_commit_callbacks(execute=True):
        invite_shop_staff(
            shop_id=shop.pk, email="ann@example.com", invited_by=shop.owner
        )
    (message,) = mail.outbox
    return shop, re.search(
        r"http://testserver(/vendor/invitations/\S+/)", message.body
    )[1]


def test_the_invitation_link_asks_an_anonymous_visitor_to_sign_in(
    client, invitation_link
):
    _, link = invitation_link

    response = client.get(link)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_invited_user_joins_from_the_link(client, invitation_link):
    shop, link = invitation_link
    ann = UserFactory(email="ann@example.com")
    client.force_login(ann)

    page = client.get(link)
    response = client.post(link)

    assert b"Join Owl Books" in page.content
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('dashboard:home')}?shop={shop.slug}"
    assert ShopMember.objects.get(shop=shop, user=ann).role == ShopMemberRole.STAFF


def test_another_account_sees_a_clear_error(client, invitation_link):
    _shop, link = invitation_link
    bob = UserFactory(email="bob@example.com")
    client.force_login(bob)

    page = client.get(link)
    response = client.post(link)

    assert page.status_code == 403
    assert b"This invitation is for ann@example.com" in page.content
    assert response.status_code == 403
    assert not ShopMember.objects.filter(user=bob).exists()


def test_a_used_link_says_so(client, invitation_link):
    _, link = invitation_link
    client.force_login(UserFactory(email="ann@example.com"))
    client.post(link)

    response = client.get(link)

    assert response.status_code == 409
    assert b"has been used already" in response.content


def test_an_unknown_link_is_not_found(client):
    client.force_login(UserFactory())

    response = client.get(reverse("vendors:invitation", args=["nope"]))

    assert response.status_code == 404
    assert b"not valid" in response.content
