"""/vendor/team/: members, invitations; owners invite, revoke, remove."""

import pytest
from django.core import mail
from django.urls import reverse

from emporium.vendors.constants import ShopMemberRole
from emporium.vendors.models import ShopInvitation, ShopMember
from emporium.vendors.tests.factories import (
    ShopFactory,
    ShopInvitationFactory,
    ShopMemberFactory,
)

pytestmark = pytest.mark.django_db

TEAM = reverse("dashboard:team")
INVITE = reverse("dashboard:team-invite")


def revoke_url(invitation) -> str:
    return reverse("dashboard:team-invitation-revoke", args=[invitation.pk])


def remove_url(member) -> str:
    return reverse("dashboard:team-member-remove", args=[member.pk])


@pytest.fixture
def shop():
    return ShopFactory()


@pytest.fixture
def owner(client, shop):
    client.force_login(shop.owner)
    return client


@pytest.fixture
def staff(client, shop):
    client.force_login(ShopMemberFactory(shop=shop, role=ShopMemberRole.STAFF).user)
    return client


def test_anonymous_visitor_is_sent_to_sign_in(client, shop):
    for url in (TEAM, INVITE):
        response = client.post(url) if url == INVITE else client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_team_page_lists_members_and_open_invitations_in_bounded_queries(
    owner, shop, django_assert_max_num_queries
):
    for _ in range(5):
        ShopMemberFactory(shop=shop)
        ShopInvitationFactory(shop=shop)
    owner.get(TEAM)  # warm the session

    # Whatever the number of rows; one fewer with sessions in Redis.
    with django_assert_max_num_queries(7):
        response = owner.get(TEAM)

    content = response.content.decode()
    assert content.count("data-member=") == 6
    assert content.count("data-invitation=") == 5
    assert "Send the invitation" in content


def test_owner_invites_and_the_email_goes_out(
    owner, shop, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner.post(INVITE, {"email": "ann@example.com"})

    assert response.status_code == 302
    assert ShopInvitation.objects.get(shop=shop).email == "ann@example.com"
    assert mail.outbox[0].to == ["ann@example.com"]


def test_inviting_a_member_shows_the_error(owner, shop):
    member = ShopMemberFactory(shop=shop)

    response = owner.post(INVITE, {"email": member.user.email})

    assert response.status_code == 400
    assert b"already in this shop" in response.content


def test_owner_revokes_an_invitation(owner, shop):
    invitation = ShopInvitationFactory(shop=shop)

    response = owner.post(revoke_url(invitation))

    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_owner_removes_a_member_but_never_the_last_owner(owner, shop):
    member = ShopMemberFactory(shop=shop)
    me = ShopMember.objects.get(shop=shop, user=shop.owner)

    owner.post(remove_url(member))
    response = owner.post(remove_url(me), follow=True)

    assert not ShopMember.objects.filter(pk=member.pk).exists()
    assert ShopMember.objects.filter(pk=me.pk).exists()
    assert b"A shop keeps at least one owner." in response.content


def test_staff_see_the_team_without_the_owners_tools(staff, shop):
    response = staff.get(TEAM)

    assert response.status_code == 200
    assert b"Send the invitation" not in response.content


def test_staff_are_refused_every_owner_action(staff, shop):
    invitation = ShopInvitationFactory(shop=shop)
    owner_member = ShopMember.objects.get(shop=shop, user=shop.owner)

    responses = [
        staff.post(INVITE, {"email": "x@example.com"}),
        staff.post(revoke_url(invitation)),
        staff.post(remove_url(owner_member)),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403]
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert ShopInvitation.objects.count() == 1


def test_another_shops_invitation_and_member_are_404(owner):
    invitation = ShopInvitationFactory()
    member = ShopMemberFactory()

    assert owner.post(revoke_url(invitation)).status_code == 404
    assert owner.post(remove_url(member)).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert ShopMember.objects.filter(pk=member.pk).exists()


def test_another_shops_team_page_is_404(owner):
    theirs = ShopFactory()

    assert owner.get(TEAM, {"shop": theirs.slug}).status_code == 404
