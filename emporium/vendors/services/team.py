"""A shop's people: owners invite staff by email, staff accept, owners
revoke invitations and remove members (never the last owner).

An invitation's link carries a random token; only its SHA-256 is stored.
The token is made when the email is sent (`issue_invitation_token`, called
by the email handler), so it never sits in the database or the outbox.
"""

from functools import partial

from django.db import transaction
from django.utils import timezone

from emporium.accounts.models import User, normalize_email
from emporium.core.events import publish
from emporium.vendors.constants import (
    INVITATION_TTL,
    SHOP_INVITATION_SENT,
    SHOP_MEMBER_ADDED,
    SHOP_MEMBER_REMOVED,
    ShopMemberRole,
)
from emporium.vendors.errors import (
    AlreadyMember,
    InvalidShopProfile,
    InvitationExpired,
    InvitationNotFound,
    InvitationRevoked,
    InvitationUsed,
    InvitationWrongAccount,
    LastOwner,
    MemberNotFound,
    NotShopOwner,
    ShopNotFound,
)
from emporium.vendors.models import Shop, ShopInvitation, ShopMember
from emporium.vendors.selectors import forget_runs_a_shop
from emporium.vendors.tokens import hash_token, new_token


def _lock_shop_of_owner(shop_id: int, actor: User) -> Shop:
    """The shop, locked (one team change at a time); `actor` must own it."""
    shop = Shop.objects.select_for_update().filter(pk=shop_id).first()
    if shop is None:
        raise ShopNotFound("Shop not found.")
    if not ShopMember.objects.filter(
        shop=shop, user=actor, role=ShopMemberRole.OWNER
    ).exists():
        raise NotShopOwner("Only the shop's owners may change its team.")
    return shop


def add_shop_member(
    *, shop_id: int, user: User, role: ShopMemberRole | str = ShopMemberRole.STAFF
) -> ShopMember:
    """Give `user` a role in the shop; a second call changes nothing.

    Returns the membership (the existing one when the user already has one,
    whatever its role).

    Raises:
        ShopNotFound: no shop with this id.
    """
    if not Shop.objects.filter(pk=shop_id).exists():
        raise ShopNotFound("Shop not found.")
    member, created = ShopMember.objects.get_or_create(
        shop_id=shop_id, user=user, defaults={"role": ShopMemberRole(role)}
    )
    if created:
        transaction.on_commit(partial(forget_runs_a_shop, user.pk))
        publish(
            SHOP_MEMBER_ADDED,
            {"shop_id": shop_id, "user_id": str(user.pk), "role": member.role},
        )
    return member


def invite_shop_staff(*, shop_id: int, email: str, invited_by: User) -> ShopInvitation:
    """Invite `email` to join the shop as staff, for `INVITATION_TTL`.

    Inviting an address again revokes its earlier open invitation (its link
    stops working) and sends a new one. Publishes `shop.invitation_sent`;
    the email goes out after commit.

    Raises:
        ShopNotFound: no shop with this id.
        NotShopOwner: `invited_by` does not own the shop (403).
        InvalidShopProfile: not an email address (400, field `email`).
        AlreadyMember: someone with this email runs the shop already (409).
    """
    email = normalize_email(email)
    if "@" not in email:
        raise InvalidShopProfile(
            "Enter a valid email address.", fields={"email": ["Enter a valid email."]}
        )
    now = timezone.now()
    with transaction.atomic():
        shop = _lock_shop_of_owner(shop_id, invited_by)
        if ShopMember.objects.filter(shop=shop, user__email=email).exists():
            raise AlreadyMember(
                f"{email} is already in this shop's team.", extra={"field": "email"}
            )
        shop.invitations.filter(
            email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
        invitation = ShopInvitation.objects.create(
            shop=shop,
            email=email,
            invited_by=invited_by,
            expires_at=now + INVITATION_TTL,
        )
        publish(SHOP_INVITATION_SENT, {"invitation_id": invitation.pk})
    return invitation


def issue_invitation_token(*, invitation_id: int) -> str | None:
    """Make a new link token for an open invitation; None when it is not open.

    Stores only the token's hash, so a token issued earlier stops working:
    the latest email's link is the one that joins.
    """
    token = new_token()
    updated = ShopInvitation.objects.filter(
        pk=invitation_id,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).update(token_hash=hash_token(token))
    return token if updated else None


def check_shop_invitation(*, token: str, user: User) -> ShopInvitation:
    """The open invitation `token` opens, if `user` may accept it (no change).

    Raises:
        InvitationNotFound: no invitation has this token (404).
        InvitationUsed, InvitationRevoked, InvitationExpired: it is closed (409).
        InvitationWrongAccount: `user` is not the invited address (403).
    """
    return _checked_invitation(token, user, lock=False)


def accept_shop_invitation(*, token: str, user: User) -> ShopMember:
    """Join the invitation's shop as staff, signed in as the invited address.

    Locks the invitation; publishes `shop.member_added`.

    Raises:
        as `check_shop_invitation`.
    """
    with transaction.atomic():
        invitation = _checked_invitation(token, user, lock=True)
        member = add_shop_member(shop_id=invitation.shop_id, user=user)
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return member


def _checked_invitation(token: str, user: User, *, lock: bool) -> ShopInvitation:
    invitations = ShopInvitation.objects.select_related("shop")
    if lock:
        invitations = invitations.select_for_update(of=("self",))
    invitation = invitations.filter(token_hash=hash_token(token or "")).first()
    if invitation is None:
        raise InvitationNotFound("This invitation link is not valid.")
    _check_open(invitation, timezone.now())
    if normalize_email(user.email) != normalize_email(invitation.email):
        raise InvitationWrongAccount(
            f"This invitation is for {invitation.email}; you are signed in as "
            f"{user.email}. Sign in with the invited address to accept it."
        )
    return invitation


def _check_open(invitation: ShopInvitation, now) -> None:
    shop = invitation.shop.name
    if invitation.accepted_at is not None:
        raise InvitationUsed(f"This invitation to {shop} has been used already.")
    if invitation.revoked_at is not None:
        raise InvitationRevoked(f"This invitation to {shop} was withdrawn.")
    if invitation.expires_at <= now:
        raise InvitationExpired(
            f"This invitation to {shop} has expired; ask the shop for a new one."
        )


def revoke_shop_invitation(
    *, shop_id: int, invitation_id: int, actor: User
) -> ShopInvitation:
    """Withdraw an invitation; its link stops working. Revoking twice is a no-op.

    Raises:
        ShopNotFound, NotShopOwner: as `invite_shop_staff`.
        InvitationNotFound: not an invitation of this shop (404).
        InvitationUsed: it was accepted already (409).
    """
    with transaction.atomic():
        shop = _lock_shop_of_owner(shop_id, actor)
        invitation = shop.invitations.filter(pk=invitation_id).first()
        if invitation is None:
            raise InvitationNotFound("Invitation not found.")
        if invitation.accepted_at is not None:
            raise InvitationUsed("This invitation has been accepted already.")
        if invitation.revoked_at is None:
            invitation.revoked_at = timezone.now()
            invitation.save(update_fields=["revoked_at"])
    return invitation


def remove_shop_member(*, shop_id: int, member_id: int, actor: User) -> None:
    """Take someone off the shop's team; they lose access at once.

    Owners may remove staff and other owners, never the last owner. When
    the shop's recorded owner leaves, the longest-serving owner left takes
    that place.

    Raises:
        ShopNotFound, NotShopOwner: as `invite_shop_staff`.
        MemberNotFound: not a member of this shop (404).
        LastOwner: the member is the shop's only owner (409).
    """
    with transaction.atomic():
        shop = _lock_shop_of_owner(shop_id, actor)
        member = shop.members.filter(pk=member_id).first()
        if member is None:
            raise MemberNotFound("Team member not found.")
        other_owners = shop.members.filter(role=ShopMemberRole.OWNER).exclude(
            pk=member.pk
        )
        if member.is_owner and not other_owners.exists():
            raise LastOwner("A shop keeps at least one owner.")
        member.delete()
        transaction.on_commit(partial(forget_runs_a_shop, member.user_id))
        if shop.owner_id == member.user_id:
            shop.owner_id = other_owners.order_by("created_at", "pk")[0].user_id
            shop.save(update_fields=["owner", "updated_at"])
        publish(
            SHOP_MEMBER_REMOVED,
            {"shop_id": shop.pk, "user_id": str(member.user_id), "role": member.role},
        )
