"""/api/v1/vendor/team/: members and invitations, owners manage them."""

import pytest
from django.core import mail
from rest_framework.test import APIClient

from emporium.accounts.tests.factories import UserFactory
from emporium.vendors.constants import ShopMemberRole
from emporium.vendors.models import ShopInvitation, ShopMember
from emporium.vendors.tests.factories import (
    ShopFactory,
    ShopInvitationFactory,
    ShopMemberFactory,
)

pytestmark = pytest.mark.django_db

TEAM = "/api/v1/vendor/team/"
INVITATIONS = "/api/v1/vendor/team/invitations/"
MEMBERS = "/api/v1/vendor/team/members/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def shop():
    return ShopFactory()


@pytest.fixture
def owner_client(shop):
    return client_for(shop.owner)


@pytest.fixture
def staff_client(shop):
    return client_for(ShopMemberFactory(shop=shop, role=ShopMemberRole.STAFF).user)


def test_anonymous_caller_is_401(api_client):
    assert api_client.get(TEAM).status_code == 401
    assert api_client.post(INVITATIONS, {"email": "a@example.com"}).status_code == 401
    assert api_client.delete(f"{INVITATIONS}1/").status_code == 401
    assert api_client.delete(f"{MEMBERS}1/").status_code == 401


def test_team_lists_members_and_open_invitations_only(
    shop, owner_client, django_assert_num_queries
):
    for _ in range(3):
        ShopMemberFactory(shop=shop)
        ShopInvitationFactory(shop=shop)
    ShopInvitationFactory(
        shop=shop, email="gone@example.com", revoked_at="2026-01-01T00:00Z"
    )
    ShopInvitationFactory(email="elsewhere@example.com")

    with django_assert_num_queries(4):  # shop, membership, members, invitations
        response = owner_client.get(TEAM)

    body = response.json()
    assert len(body["members"]) == 4
    assert body["members"][0]["role"] == "owner"
    assert body["members"][0]["user"]["email"] == shop.owner.email
    emails = {i["email"] for i in body["invitations"]}
    assert len(emails) == 3
    assert not emails & {"gone@example.com", "elsewhere@example.com"}


def test_staff_members_see_the_team(staff_client):
    assert staff_client.get(TEAM).status_code == 200


def test_owner_invites_by_email(shop, owner_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(INVITATIONS, {"email": "Ann@Example.com"})

    assert response.status_code == 201
    assert response.json()["email"] == "ann@example.com"
    assert response.json()["invited_by"] == shop.owner.email
    assert "token" not in response.json()
    (message,) = mail.outbox
    assert message.to == ["ann@example.com"]


def test_inviting_a_member_is_409_already_member(shop, owner_client):
    member = ShopMemberFactory(shop=shop)

    response = owner_client.post(INVITATIONS, {"email": member.user.email})

    assert response.status_code == 409
    assert response.json()["code"] == "already_member"


def test_an_invalid_email_is_400(owner_client):
    response = owner_client.post(INVITATIONS, {"email": "nope"})

    assert response.status_code == 400
    assert "email" in response.json()["fields"]


def test_staff_may_not_invite_revoke_or_remove(shop, staff_client):
    invitation = ShopInvitationFactory(shop=shop)
    owner_member = ShopMember.objects.get(shop=shop, user=shop.owner)

    responses = [
        staff_client.post(INVITATIONS, {"email": "x@example.com"}),
        staff_client.delete(f"{INVITATIONS}{invitation.pk}/"),
        staff_client.delete(f"{MEMBERS}{owner_member.pk}/"),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403]
    assert {r.json()["code"] for r in responses} == {"permission_denied"}
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert ShopInvitation.objects.count() == 1


def test_owner_revokes_an_invitation(shop, owner_client):
    invitation = ShopInvitationFactory(shop=shop)

    response = owner_client.delete(f"{INVITATIONS}{invitation.pk}/")

    assert response.status_code == 204
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_another_shops_invitation_is_404(owner_client):
    theirs = ShopInvitationFactory()

    response = owner_client.delete(f"{INVITATIONS}{theirs.pk}/")

    assert response.status_code == 404
    assert response.json()["code"] == "invitation_not_found"
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_owner_removes_a_staff_member(shop, owner_client):
    member = ShopMemberFactory(shop=shop)

    response = owner_client.delete(f"{MEMBERS}{member.pk}/")

    assert response.status_code == 204
    assert not ShopMember.objects.filter(pk=member.pk).exists()


def test_removing_the_last_owner_is_409(shop, owner_client):
    owner_member = ShopMember.objects.get(shop=shop, user=shop.owner)

    response = owner_client.delete(f"{MEMBERS}{owner_member.pk}/")

    assert response.status_code == 409
    assert response.json()["code"] == "last_owner"


def test_another_shops_member_is_404(owner_client):
    theirs = ShopMemberFactory()

    response = owner_client.delete(f"{MEMBERS}{theirs.pk}/")

    assert response.status_code == 404
    assert response.json()["code"] == "member_not_found"
    assert ShopMember.objects.filter(pk=theirs.pk).exists()


def test_a_removed_member_loses_access_at_once(shop, owner_client):
    member = ShopMemberFactory(shop=shop)
    their_client = client_for(member.user)
    assert their_client.get(TEAM).status_code == 200

    owner_client.delete(f"{MEMBERS}{member.pk}/")

    assert their_client.get(TEAM).json()["code"] == "not_a_vendor"


def test_a_user_who_runs_no_shop_is_403(shop):
    response = client_for(UserFactory()).get(TEAM)

    assert response.status_code == 403


def test_another_shops_team_named_by_slug_is_404(owner_client):
    theirs = ShopFactory()

    responses = [
        owner_client.get(TEAM, {"shop": theirs.slug}),
        owner_client.post(
            f"{INVITATIONS}?shop={theirs.slug}", {"email": "a@b.example"}
        ),
    ]

    assert [r.status_code for r in responses] == [404, 404]
    assert {r.json()["code"] for r in responses} == {"shop_not_found"}
    assert not ShopInvitation.objects.exists()
