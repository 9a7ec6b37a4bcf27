"""A shop's team: invitations, joining, revoking, removing members."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from emporium.accounts.tests.factories import UserFactory
from emporium.core.models import OutboxEvent
from emporium.vendors.constants import (
    INVITATION_TTL,
    SHOP_INVITATION_SENT,
    SHOP_MEMBER_ADDED,
    SHOP_MEMBER_REMOVED,
    ShopMemberRole,
)
from emporium.vendors.errors import (
    AlreadyMember,
    InvitationExpired,
    InvitationNotFound,
    InvitationRevoked,
    InvitationUsed,
    InvitationWrongAccount,
    LastOwner,
    MemberNotFound,
    NotShopOwner,
)
from emporium.vendors.models import ShopInvitation, ShopMember
from emporium.vendors.selectors import list_open_invitations
from emporium.vendors.services import (
    accept_shop_invitation,
    invite_shop_staff,
    issue_invitation_token,
    remove_shop_member,
    revoke_shop_invitation,
)
from emporium.vendors.tests.factories import (
    ShopFactory,
    ShopInvitationFactory,
    ShopMemberFactory,
)
from emporium.vendors.tokens import hash_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    return ShopFactory()


def _invited(shop, email="ann@example.com"):
    invitation = invite_shop_staff(shop_id=shop.pk, email=email, invited_by=shop.owner)
    return invitation, issue_invitation_token(invitation_id=invitation.pk)


# --- Inviting -------------------------------------------------------------------


def test_invite_stores_an_expiring_invitation_and_publishes_it(shop):
    before = timezone.now()

    invitation = invite_shop_staff(
        shop_id=shop.pk, email=" Ann@Example.com ", invited_by=shop.owner
    )

    assert invitation.email == "ann@example.com"
    assert invitation.invited_by == shop.owner
    assert before + INVITATION_TTL <= invitation.expires_at
    assert invitation.expires_at <= timezone.now() + INVITATION_TTL
    assert invitation.token_hash is None
    event = OutboxEvent.objects.get(name=SHOP_INVITATION_SENT)
    assert event.payload == {"invitation_id": invitation.pk}


def test_the_token_is_stored_only_as_its_hash(shop):
    invitation, token = _invited(shop)

    invitation.refresh_from_db()
    assert token
    assert token not in invitation.token_hash
    assert invitation.token_hash == hash_token(token)
    assert not OutboxEvent.objects.filter(payload__icontains=token).exists()


def test_inviting_again_revokes_the_earlier_link(shop):
    first, first_token = _invited(shop)

    second, _second_token = _invited(shop, email="ANN@example.com")

    first.refresh_from_db()
    assert first.revoked_at is not None
    assert list(list_open_invitations(shop=shop)) == [second]
    with pytest.raises(InvitationRevoked):
        accept_shop_invitation(
            token=first_token, user=UserFactory(email="ann@example.com")
        )


def test_only_an_owner_may_invite(shop):
    staff = ShopMemberFactory(shop=shop, role=ShopMemberRole.STAFF).user

    with pytest.raises(NotShopOwner) as caught:
        invite_shop_staff(shop_id=shop.pk, email="x@example.com", invited_by=staff)

    assert caught.value.status_code == 403
    assert not ShopInvitation.objects.exists()


def test_inviting_someone_already_in_the_team_is_refused(shop):
    member = ShopMemberFactory(shop=shop)

    with pytest.raises(AlreadyMember) as caught:
        invite_shop_staff(
            shop_id=shop.pk, email=member.user.email, invited_by=shop.owner
        )

    assert caught.value.code == "already_member"


def test_the_database_keeps_one_open_invitation_per_address(shop):
    ShopInvitationFactory(shop=shop, email="ann@example.com")

    with pytest.raises(IntegrityError), transaction.atomic():
        ShopInvitationFactory(shop=shop, email="Ann@example.com")


# --- Accepting ------------------------------------------------------------------


def test_the_invited_user_joins_as_staff(shop):
    invitation, token = _invited(shop)
    ann = UserFactory(email="ann@example.com")

    member = accept_shop_invitation(token=token, user=ann)

    assert (member.shop, member.user, member.role) == (shop, ann, ShopMemberRole.STAFF)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.accepted_by == ann
    assert OutboxEvent.objects.filter(name=SHOP_MEMBER_ADDED).exists()


def test_another_account_cannot_accept(shop):
    _, token = _invited(shop)
    bob = UserFactory(email="bob@example.com")

    with pytest.raises(InvitationWrongAccount) as caught:
        accept_shop_invitation(token=token, user=bob)

    assert caught.value.code == "invitation_wrong_account"
    assert "ann@example.com" in caught.value.message
    assert not ShopMember.objects.filter(user=bob).exists()


def test_an_expired_invitation_cannot_be_accepted(shop):
    invitation, token = _invited(shop)
    ShopInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )

    with pytest.raises(InvitationExpired) as caught:
        accept_shop_invitation(token=token, user=UserFactory(email="ann@example.com"))

    assert caught.value.code == "invitation_expired"


def test_a_used_invitation_cannot_be_accepted_again(shop):
    _, token = _invited(shop)
    ann = UserFactory(email="ann@example.com")
    accept_shop_invitation(token=token, user=ann)

    with pytest.raises(InvitationUsed):
        accept_shop_invitation(token=token, user=ann)


def test_a_revoked_invitation_cannot_be_accepted(shop):
    invitation, token = _invited(shop)
    revoke_shop_invitation(
        shop_id=shop.pk, invitation_id=invitation.pk, actor=shop.owner
    )

    with pytest.raises(InvitationRevoked):
        accept_shop_invitation(token=token, user=UserFactory(email="ann@example.com"))


def test_an_unknown_token_is_not_found():
    with pytest.raises(InvitationNotFound) as caught:
        accept_shop_invitation(token="nope", user=UserFactory())

    assert caught.value.status_code == 404


def test_no_token_is_issued_for_a_closed_invitation(shop):
    invitation = ShopInvitationFactory(shop=shop, revoked_at=timezone.now())
    expired = ShopInvitationFactory(
        shop=shop, expires_at=timezone.now() - timedelta(minutes=1)
    )

    assert issue_invitation_token(invitation_id=invitation.pk) is None
    assert issue_invitation_token(invitation_id=expired.pk) is None


def test_a_new_token_replaces_the_previous_one(shop):
    invitation, old_token = _invited(shop)
    new_token = issue_invitation_token(invitation_id=invitation.pk)

    with pytest.raises(InvitationNotFound):
        accept_shop_invitation(
            token=old_token, user=UserFactory(email="ann@example.com")
        )
    assert new_token != old_token


# --- Revoking and removing ------------------------------------------------------


def test_revoking_another_shops_invitation_is_not_found(shop):
    theirs = ShopInvitationFactory()

    with pytest.raises(InvitationNotFound):
        revoke_shop_invitation(
            shop_id=shop.pk, invitation_id=theirs.pk, actor=shop.owner
        )

    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_revoking_an_accepted_invitation_is_refused(shop):
    invitation = ShopInvitationFactory(shop=shop, accepted_at=timezone.now())

    with pytest.raises(InvitationUsed):
        revoke_shop_invitation(
            shop_id=shop.pk, invitation_id=invitation.pk, actor=shop.owner
        )


def test_owner_removes_a_staff_member(shop):
    member = ShopMemberFactory(shop=shop)

    remove_shop_member(shop_id=shop.pk, member_id=member.pk, actor=shop.owner)

    assert not ShopMember.objects.filter(pk=member.pk).exists()
    event = OutboxEvent.objects.get(name=SHOP_MEMBER_REMOVED)
    assert event.payload["user_id"] == str(member.user_id)


def test_the_last_owner_cannot_be_removed(shop):
    owner_member = ShopMember.objects.get(shop=shop, user=shop.owner)

    with pytest.raises(LastOwner) as caught:
        remove_shop_member(shop_id=shop.pk, member_id=owner_member.pk, actor=shop.owner)

    assert caught.value.code == "last_owner"
    assert ShopMember.objects.filter(pk=owner_member.pk).exists()


def test_when_the_recorded_owner_leaves_another_owner_takes_the_place(shop):
    other = ShopMemberFactory(shop=shop, role=ShopMemberRole.OWNER)
    first = ShopMember.objects.get(shop=shop, user=shop.owner)

    remove_shop_member(shop_id=shop.pk, member_id=first.pk, actor=other.user)

    shop.refresh_from_db()
    assert shop.owner == other.user


def test_staff_cannot_remove_members(shop):
    staff = ShopMemberFactory(shop=shop)
    colleague = ShopMemberFactory(shop=shop)

    with pytest.raises(NotShopOwner):
        remove_shop_member(shop_id=shop.pk, member_id=colleague.pk, actor=staff.user)


def test_removing_another_shops_member_is_not_found(shop):
    theirs = ShopMemberFactory()

    with pytest.raises(MemberNotFound):
        remove_shop_member(shop_id=shop.pk, member_id=theirs.pk, actor=shop.owner)

    assert ShopMember.objects.filter(pk=theirs.pk).exists()
