"""Emails to shop owners and invitees in answer to vendor events:
application received, approved, rejected (with the reason), suspended (with
the reason), reinstated; and the team invitation with its link. HTML +
text, sent by the outbox task after the change committed.

A handler runs once per event once it succeeded; a failed send is retried,
so at worst a mail arrives twice. The invitation's link token is made here
(`issue_invitation_token`), so it exists only in the email; a resend makes
a new one and the older link stops working.
"""

from typing import Any

from django.urls import reverse

from emporium.core.events import subscribe
from emporium.notifications.email import absolute_url, send_templated_email
from emporium.vendors.constants import (
    SHOP_APPLICATION_SUBMITTED,
    SHOP_INVITATION_SENT,
    SHOP_STATUS_CHANGED,
    ShopStatus,
)
from emporium.vendors.models import Shop
from emporium.vendors.selectors import find_invitation, find_shop
from emporium.vendors.services import issue_invitation_token

# (from, to) -> template; other moves (a resubmission: rejected -> pending)
# are told by their own event.
STATUS_TEMPLATES = {
    (ShopStatus.PENDING, ShopStatus.APPROVED): "shop_approved",
    (ShopStatus.SUSPENDED, ShopStatus.APPROVED): "shop_reinstated",
    (ShopStatus.PENDING, ShopStatus.REJECTED): "shop_rejected",
    (ShopStatus.APPROVED, ShopStatus.SUSPENDED): "shop_suspended",
}


def _owner_address(shop: Shop) -> str:
    if shop.owner is not None:
        return shop.owner.email
    return shop.contact_email


def _send_to_owner(shop: Shop, template: str, **context: Any) -> None:
    to = _owner_address(shop)
    if not to:  # the house shop: staff run it, nobody to tell
        return
    send_templated_email(
        to=to,
        template=template,
        context={
            "shop": shop,
            "owner": shop.owner,
            "dashboard_link": absolute_url(reverse("dashboard:home")),
            "application_link": absolute_url(
                reverse("vendors:application", args=[shop.slug])
            ),
            **context,
        },
    )


@subscribe(SHOP_APPLICATION_SUBMITTED)
def send_application_received(payload: dict[str, Any]) -> None:
    shop = find_shop(shop_id=payload["shop_id"])
    if shop is not None:
        _send_to_owner(
            shop,
            "shop_application_received",
            resubmitted=bool(payload.get("resubmitted")),
        )


@subscribe(SHOP_STATUS_CHANGED)
def send_shop_status_changed(payload: dict[str, Any]) -> None:
    template = STATUS_TEMPLATES.get((payload["from"], payload["to"]))
    shop = find_shop(shop_id=payload["shop_id"]) if template else None
    if shop is not None:
        _send_to_owner(shop, template, reason=payload.get("reason", ""))


@subscribe(SHOP_INVITATION_SENT)
def send_shop_invitation(payload: dict[str, Any]) -> None:
    invitation = find_invitation(invitation_id=payload["invitation_id"])
    if invitation is None:
        return
    token = issue_invitation_token(invitation_id=invitation.pk)
    if token is None:  # revoked, used or expired before the mail went out
        return
    send_templated_email(
        to=invitation.email,
        template="shop_invitation",
        context={
            "invitation": invitation,
            "shop": invitation.shop,
            "inviter": invitation.invited_by,
            "link": absolute_url(reverse("vendors:invitation", args=[token])),
        },
    )
